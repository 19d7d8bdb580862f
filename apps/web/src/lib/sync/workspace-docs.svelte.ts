import { DOC_NAMES, type DocName } from '@troika/model';
import { DocConnection, type AccessEvents, type SyncState } from './doc-connection.svelte';
import { describeUnsaved, isStored, type UnsavedChange } from './unsaved-changes';

/** The workspace's state for its one badge: its documents' states, plus `rejected` when the server refused changes made here. */
export type WorkspaceSyncState = SyncState | 'rejected';

/** Why this person's rights changed while they were here, as the server told it. */
export type AccessChange = 'role' | 'removed' | null;

/**
 * Every document of one workspace, each on one connection shared by every page of the workspace:
 * opened when the person enters the workspace and closed when they leave it. So edits made offline on
 * one page go out on reconnect from any page, and one badge speaks for the whole workspace.
 *
 * When the server refuses a change made here (or closes with 4403/4401), the workspace turns
 * read-only at once until the person's rights are reloaded; the refused changes are listed in
 * `notSaved`, and the document they were made in is loaded afresh from the server, so that the screen
 * shows only what the server stored.
 */
export class WorkspaceDocs {
  private connections = $state.raw(new Map<DocName, DocConnection>());
  /** False from the moment the server refuses a change or changes this person's role, until their rights are reloaded. */
  writable = $state(true);
  accessChange = $state<AccessChange>(null);
  /** Changes made here that the server did not store (kept until the person dismisses them). */
  notSaved = $state<UnsavedChange[]>([]);
  private closed = false;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private readonly events: AccessEvents = {
    denied: (connection) => void this.onDenied(connection),
    roleChanged: () => this.readOnlyUntilReloaded('role'),
    removed: (connection) => this.onRemoved(connection),
    // The role may have changed again while it reconnected (then no close tells us): read it again.
    resynced: () => this.reload(),
  };

  constructor(
    readonly workspaceId: string,
    /** Reloads this person's role (the workspace and `/api/me`); the workspace is writable again once it resolves. */
    private readonly reloadAccess: () => Promise<void>,
  ) {
    const map = new Map<DocName, DocConnection>();
    for (const name of DOC_NAMES) map.set(name, new DocConnection(workspaceId, name, this.events));
    this.connections = map;
  }

  /** The connection of one document (replaced, with a new `key`, after the server refused a change to it). */
  get(name: DocName): DocConnection {
    return this.connections.get(name)!;
  }

  /** Changes made here that the server has not confirmed yet, in every document. */
  get unsent(): number {
    let count = 0;
    for (const connection of this.connections.values()) count += connection.unsent;
    return count;
  }

  /** The workspace's one state: refused changes first, then the least settled of its documents. */
  get state(): WorkspaceSyncState {
    if (this.notSaved.length > 0) return 'rejected';
    const states = [...this.connections.values()].map((c) => c.state);
    for (const state of ['refused', 'offline', 'loading', 'syncing'] as const) if (states.includes(state)) return state;
    return 'saved';
  }

  /** Forgets the notice: the refused changes (copied, or not worth keeping) and the access change. */
  dismiss(): void {
    this.notSaved = [];
    this.accessChange = null;
  }

  private readOnlyUntilReloaded(change: Exclude<AccessChange, null>): void {
    this.writable = false;
    if (this.accessChange !== 'removed') this.accessChange = change;
    this.reload();
  }

  /** Reads this person's rights again; the workspace is writable (as far as the role allows) once that worked. */
  private reload(): void {
    // Every connection of the member closes at once: one reload at a time, and one more after it
    // when another close came meanwhile, so the last answer read is never older than the last change.
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.reloadAccess();
      } while (this.reloadAgain && !this.closed);
    })()
      .then(
        () => {
          if (!this.closed) this.writable = true;
        },
        // Offline, or the server is down: stay read-only until the next reload works.
        () => {},
      )
      .finally(() => (this.reloading = null));
  }

  private async onDenied(connection: DocConnection): Promise<void> {
    if (this.closed || this.connections.get(connection.name) !== connection) return;
    const refused = connection.unconfirmed();
    // A viewer's empty reply to the server's state is refused too; nothing of theirs was lost then.
    if (!refused) return;
    this.readOnlyUntilReloaded('role');
    const changes = describeUnsaved(connection.name, connection.doc, refused);
    this.notSaved = withChanges(this.notSaved, changes);
    // Start this document again from the server's state, so that the screen drops what it refused:
    // the offline copy goes first, or the new connection would load the refused changes from it.
    await connection.discard();
    if (this.closed) return connection.doc.destroy();
    const fresh = new DocConnection(this.workspaceId, connection.name, this.events);
    this.connections = new Map(this.connections).set(connection.name, fresh);
    // Once the server's state is here, keep only what it really lacks (some may have been stored before the refusal).
    await until(() => fresh.synced || this.closed);
    if (!this.closed) {
      const described = new Set(changes);
      const again = describeUnsaved(connection.name, connection.doc, refused, fresh.doc).filter((c) => !isStored(c, fresh.doc));
      this.notSaved = withChanges(this.notSaved.filter((c) => !described.has(c)), again);
    }
    connection.doc.destroy();
  }

  private onRemoved(connection: DocConnection): void {
    if (this.closed) return;
    const refused = connection.unconfirmed();
    if (refused) this.notSaved = withChanges(this.notSaved, describeUnsaved(connection.name, connection.doc, refused));
    this.readOnlyUntilReloaded('removed');
  }

  destroy(): void {
    this.closed = true;
    for (const connection of this.connections.values()) connection.destroy();
  }
}

/** The list with `added` in it, one entry per document and field (a later refusal of the same field replaces the earlier). */
function withChanges(list: readonly UnsavedChange[], added: readonly UnsavedChange[]): UnsavedChange[] {
  const key = (c: UnsavedChange) => `${c.doc}/${c.path.join('/')}`;
  const replaced = new Set(added.map(key));
  return [...list.filter((c) => !replaced.has(key(c))), ...added];
}

/** Resolves once `done()` holds, checking every 100 ms. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 100));
    check();
  });
}
