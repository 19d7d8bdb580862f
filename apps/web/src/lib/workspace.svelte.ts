import type { WorkspaceDetail } from '@troika/model';
import { canManage, canWrite } from '@troika/model';
import { createContext } from 'svelte';
import { api, ApiError, data } from './api';
import { session } from './session.svelte';
import { WorkspaceDocs } from './sync/workspace-docs.svelte';

/**
 * The open workspace (name, my role and seat, members) and its documents, shared by its shell and its
 * pages. The documents stay connected while the person is anywhere in the workspace.
 */
export class CurrentWorkspace {
  id = $state('');
  detail = $state<WorkspaceDetail | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);
  /** Every document of the workspace, one connection each (null outside a workspace). */
  docs = $state.raw<WorkspaceDocs | null>(null);
  readonly isOwner = $derived(this.detail ? canManage(this.detail.role) : false);
  /** Whether this person may change the workspace's content now: their role, unless the server just refused a change. */
  readonly canEdit = $derived(!!this.detail && canWrite(this.detail.role) && !!this.docs?.writable);

  /** Switches to a workspace (forgetting the previous one's data, closing its documents) and loads it. */
  async open(id: string): Promise<void> {
    if (id !== this.id) {
      this.docs?.destroy();
      this.id = id;
      this.detail = null;
      this.error = null;
      this.docs = new WorkspaceDocs(id, () => this.reloadAccess(id));
    }
    await this.load();
  }

  /** Leaves the workspace: its documents disconnect. */
  close(): void {
    this.docs?.destroy();
    this.docs = null;
    this.id = '';
    this.detail = null;
  }

  /** Reloads the workspace; an answer for a workspace that is no longer open is dropped. */
  async load(): Promise<void> {
    const id = this.id;
    this.loading = true;
    try {
      const detail = await data(api.workspaces[':id'].$get({ param: { id } }));
      if (id !== this.id) return;
      this.detail = detail;
      this.error = null;
    } catch (error) {
      if (id !== this.id) return;
      this.error = error instanceof ApiError ? error : new ApiError(0, 'internal', 'This workspace could not be loaded.');
    } finally {
      if (id === this.id) this.loading = false;
    }
  }

  /**
   * After the server refused a change or closed for a role change: this person's role and workspaces
   * afresh. Rejects when the role could not be read (the workspace then stays read-only); a 404
   * (removed) shows as the workspace's error.
   */
  private async reloadAccess(id: string): Promise<void> {
    void session.refresh().catch(() => {});
    try {
      const detail = await data(api.workspaces[':id'].$get({ param: { id } }));
      if (id === this.id) this.detail = detail;
    } catch (error) {
      if (id === this.id && error instanceof ApiError && error.status === 404) this.error = error;
      throw error;
    }
  }
}

export const [getCurrentWorkspace, setCurrentWorkspace] = createContext<CurrentWorkspace>();
