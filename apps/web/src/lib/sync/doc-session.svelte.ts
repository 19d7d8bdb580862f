import { EntryMissing } from '@troika/model';
import type * as Y from 'yjs';
import { showError } from '$lib/show-error';
import { toasts } from '$lib/toasts.svelte';
import type { DocConnection } from './doc-connection.svelte';
import { Undo } from './undo.svelte';

/** Who may change the documents right now: the workspace (role, and whether the server still takes changes). */
export interface EditAccess {
  readonly canEdit: boolean;
}

/**
 * One person's work on a document of the workspace, the base of every feature's session: the shared
 * connection, undo of their own changes, and `edit()`, which makes a change only when they may, as
 * its own undo step, and says so when its target was deleted meanwhile (the model's EntryMissing).
 */
export class DocSession {
  readonly undo: Undo;

  constructor(
    readonly connection: DocConnection,
    private readonly access: EditAccess,
    // Any event type: a Y.Map<Y.Map<unknown>> is not an AbstractType<unknown> (its event handler type is invariant).
    undoScope: Y.AbstractType<any>,
    /** What the toast says when the change's target is gone: "Someone deleted this KPI a moment ago". */
    private readonly missing = 'Someone deleted this a moment ago',
  ) {
    this.undo = new Undo(undoScope);
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  get workspaceId(): string {
    return this.connection.workspaceId;
  }

  /** Whether this person may change the document now (viewers may not; nobody may while the server refuses). */
  get editable(): boolean {
    return this.access.canEdit;
  }

  /**
   * Applies one change of this person's as its own undo step (`merge` joins it to the step before, as
   * typing does). False, and says why, when it cannot be made: no right to edit, or a deleted target.
   */
  edit(change: (doc: Y.Doc) => void, options: { merge?: boolean } = {}): boolean {
    if (!this.editable) return false;
    if (!options.merge) this.undo.manager.stopCapturing();
    return this.attempt(() => change(this.doc));
  }

  /** Runs a write, turning the model's EntryMissing into a toast and other errors into the app's error path. */
  protected attempt(run: () => void): boolean {
    try {
      run();
      return true;
    } catch (error) {
      if (error instanceof EntryMissing) toasts.show('error', `${this.missing}; your change was not made.`);
      else showError(error);
      return false;
    }
  }

  destroy(): void {
    this.undo.destroy();
  }
}
