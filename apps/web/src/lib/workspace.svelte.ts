import type { WorkspaceDetail } from '@troika/model';
import { canManage } from '@troika/model';
import { createContext } from 'svelte';
import { api, ApiError, data } from './api';

/** The open workspace (name, my role and seat, members), shared by its shell and its pages. */
export class CurrentWorkspace {
  id = $state('');
  detail = $state<WorkspaceDetail | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(false);
  readonly isOwner = $derived(this.detail ? canManage(this.detail.role) : false);

  /** Switches to a workspace (forgetting the previous one's data) and loads it. */
  async open(id: string): Promise<void> {
    if (id !== this.id) {
      this.id = id;
      this.detail = null;
      this.error = null;
    }
    await this.load();
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
}

export const [getCurrentWorkspace, setCurrentWorkspace] = createContext<CurrentWorkspace>();
