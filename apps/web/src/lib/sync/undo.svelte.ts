import * as Y from 'yjs';

/**
 * Undo and redo of this person's own edits only (remote edits are never undone here), with
 * reactive `canUndo` / `canRedo` for the toolbar.
 */
export class Undo {
  readonly manager: Y.UndoManager;
  canUndo = $state(false);
  canRedo = $state(false);
  private readonly refresh = () => {
    this.canUndo = this.manager.undoStack.length > 0;
    this.canRedo = this.manager.redoStack.length > 0;
  };

  // Any event type: a Y.Map<Y.Map<unknown>> is not an AbstractType<unknown> (its event handler type is invariant).
  constructor(scope: Y.AbstractType<any> | Y.AbstractType<any>[]) {
    // Local edits carry no origin (null); the provider and IndexedDB apply theirs with an origin, so they are not tracked.
    this.manager = new Y.UndoManager(scope, { trackedOrigins: new Set([null]), captureTimeout: 400 });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared']) this.manager.on(event as 'stack-item-added', this.refresh);
  }

  undo = () => void this.manager.undo();
  redo = () => void this.manager.redo();

  destroy(): void {
    this.manager.destroy();
  }
}
