import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, type DocName } from '@troika/model';
import { forgetUnsent, loadUnsent, saveUnsent } from './unsent-count';

/**
 * What a person needs to know about their edits:
 * - `loading`: nothing shown yet (no local copy, no server answer);
 * - `saved`: the server confirmed every edit made here as stored;
 * - `syncing`: edits made here are on their way;
 * - `offline`: no connection; edits are kept in this browser and sent on reconnect;
 * - `refused`: the server will not serve this document to this person (signed out, removed).
 */
export type SyncState = 'loading' | 'saved' | 'syncing' | 'offline' | 'refused';

/** What the server said about this connection's rights, for the workspace to act on. */
export interface AccessEvents {
  /** The server would not store an update sent here (y-protocols "permission denied"). */
  denied(connection: DocConnection, reason: string): void;
  /** The server closed the connection because this person's role changed (4403); it reconnects with the new rights. */
  roleChanged(connection: DocConnection): void;
  /** The server closed the connection for good (4401: removed from the workspace, signed out). */
  removed(connection: DocConnection): void;
  /** Synced again after a role change: the rights it reconnected with may be newer than those last read. */
  resynced(connection: DocConnection): void;
}

const SYNC_MESSAGE = 0;
const AUTH_MESSAGE = 2;
const STEP2 = 1;

/** The WebSocket address of a workspace's documents, on the page's own host. */
export function syncUrl(workspaceId: string): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync/${encodeURIComponent(workspaceId)}`;
}

/** The IndexedDB name of a document's offline copy; all start with `troika:`, so sign-out can clear them. */
export const localStoreName = (workspaceId: string, doc: DocName) => `troika:${workspaceId}:${doc}`;

let opened = 0;

// y-websocket stops for good on any close in 4400-4499; two of ours say "come back": a role change
// (4403, to reconnect with the new rights) and a client too slow to keep up (4429, to resync).
const RECONNECT_CODES: readonly number[] = [CLOSE_CODES.roleChanged, CLOSE_CODES.slowConsumer];
const shouldReconnect = (event: CloseEvent) => RECONNECT_CODES.includes(event.code) || !(event.code >= 4400 && event.code < 4500);

/**
 * One shared document of a workspace, kept in sync with the server (y-websocket) and in this browser
 * (y-indexeddb, so it opens and edits offline). "Saved" is honest: after local edits we send a sync
 * step 1 and the server answers with step 2 only once everything it had received is durable. The
 * local updates not yet confirmed are kept, so that those the server refuses can be shown.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  /** Tells this connection apart from the one that replaces it (screens re-create their state per key). */
  readonly key = `${++opened}`;
  state = $state<SyncState>('loading');
  /** True once there is something to show: the offline copy or the server's state. */
  ready = $state(false);
  /** True once the server's state has arrived on this connection. */
  synced = $state(false);
  /** Why the server refused or closed the connection, in words for people. */
  problem = $state<string | null>(null);
  /** Changes made here that the server has not confirmed as stored (kept across reloads of this tab). */
  unsent = $state(0);

  private localVersion: number;
  private ackedVersion = 0;
  private ackRequestedFor: number[] = [];
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  /** The local updates since the last confirmation, with the version each one made. */
  private pending: { version: number; update: Uint8Array }[] = [];
  private detached = false;
  /** Closed for a role change and not synced since. */
  private rightsChanged = false;

  constructor(
    readonly workspaceId: string,
    readonly name: DocName,
    private readonly events: AccessEvents,
  ) {
    // Changes made offline before a reload of this tab are still unsent: count them until the server confirms.
    this.localVersion = loadUnsent(localStoreName(workspaceId, name));
    this.unsent = this.localVersion;
    this.local = new IndexeddbPersistence(localStoreName(workspaceId, name), this.doc);
    void this.local.whenSynced.then(() => (this.ready = true));
    this.provider = new WebsocketProvider(syncUrl(workspaceId), name, this.doc, { maxBackoffTime: 5000, shouldReconnect });
    this.watchStep2();
    this.watchDenials();

    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') {
        this.ackRequestedFor = [];
        if (this.state !== 'refused') this.state = this.ready ? 'offline' : 'loading';
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.ready = true;
      this.synced = true;
      this.problem = null;
      if (this.rightsChanged && !this.detached) {
        this.rightsChanged = false;
        this.events.resynced(this);
      }
      // Offline edits went out as the reply to the server's step 1; ask whether they are stored.
      if (this.localVersion > this.ackedVersion) {
        this.state = 'syncing';
        this.requestAck();
      } else this.state = 'saved';
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => this.onClose(event));
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local) return;
      this.localVersion++;
      this.pending.push({ version: this.localVersion, update });
      this.countUnsent();
      if (this.provider.wsconnected && this.provider.synced) {
        this.state = 'syncing';
        if (this.ackTimer) clearTimeout(this.ackTimer);
        this.ackTimer = setTimeout(() => this.requestAck(), 250);
      } else {
        this.state = this.ready ? 'offline' : 'loading';
      }
    });
  }

  /** The changes made here that the server has not confirmed, as one update (null when there are none). */
  unconfirmed(): Uint8Array | null {
    if (this.localVersion <= this.ackedVersion) return null;
    // Unsent changes from before a reload of this tab are in the document but not in `pending`: take
    // the whole state then (what the server does hold is told apart later, against its state).
    if (this.pending.length === 0) return Y.encodeStateAsUpdate(this.doc);
    return Y.mergeUpdates(this.pending.map((p) => p.update));
  }

  /** Whether this connection has changes the server has not confirmed. */
  get hasUnsent(): boolean {
    return this.localVersion > this.ackedVersion;
  }

  /** y-websocket emits 'sync' only once per connection; we need every step 2, so we wrap its handler. */
  private watchStep2(): void {
    const handlers = this.provider.messageHandlers;
    const original = handlers[SYNC_MESSAGE]!;
    handlers[SYNC_MESSAGE] = (encoder, decoder, provider, emitSynced, messageType) => {
      const isStep2 = decoding.peekVarUint(decoder) === STEP2;
      // Only a request sent before this step 2 arrived can be answered by it: the first step 2 of a
      // connection fires 'sync', whose handler asks afresh for what was sent offline.
      const waiting = this.ackRequestedFor.length;
      original(encoder, decoder, provider, emitSynced, messageType);
      if (isStep2 && waiting > 0) this.onAck(this.ackRequestedFor.shift()!);
    };
  }

  /** The server answers an update it will not store with "permission denied" (DESIGN.md, "Sync"). */
  private watchDenials(): void {
    this.provider.messageHandlers[AUTH_MESSAGE] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
        if (!this.detached) this.events.denied(this, reason);
      });
    };
  }

  private requestAck(): void {
    this.ackTimer = null;
    const ws = this.provider.ws;
    if (!ws || !this.provider.wsconnected || !this.provider.synced) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC_MESSAGE);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.ackRequestedFor.push(this.localVersion);
  }

  private onAck(version: number): void {
    this.ackedVersion = Math.max(this.ackedVersion, version);
    this.pending = this.pending.filter((p) => p.version > this.ackedVersion);
    this.countUnsent();
    if (this.ackedVersion >= this.localVersion) this.state = 'saved';
  }

  private countUnsent(): void {
    this.unsent = Math.max(0, this.localVersion - this.ackedVersion);
    saveUnsent(localStoreName(this.workspaceId, this.name), this.unsent);
  }

  private onClose(event: CloseEvent | null): void {
    const code = event?.code;
    if (code === CLOSE_CODES.unauthorized) {
      this.state = 'refused';
      this.problem = 'You no longer have access to this workspace.';
      this.provider.disconnect();
      if (!this.detached) this.events.removed(this);
    } else if (code === CLOSE_CODES.roleChanged) {
      // y-websocket reconnects by itself, now with the new rights.
      this.rightsChanged = true;
      if (!this.detached) this.events.roleChanged(this);
    } else if (code === CLOSE_CODES.documentTooBig) {
      this.problem = 'This document has reached its size limit; your last change was not saved.';
    } else if (code === CLOSE_CODES.tryAgainLater) {
      this.problem = 'The server is busy. Your changes are kept here and sent again in a moment…';
    } else if (code === CLOSE_CODES.loadFailed) {
      this.problem = 'The server could not open this document. Retrying…';
    }
  }

  // y-websocket notices a dead connection only after 30 s without messages; the browser knows at once.
  private readonly onOffline = () => this.provider.ws?.close();
  // Back online: connect now rather than at the end of the current backoff.
  private readonly onOnline = () => {
    if (this.state === 'refused' || this.provider.wsconnected) return;
    this.provider.disconnect();
    this.provider.connect();
  };

  /**
   * Stops syncing and deletes this browser's copy, keeping `doc` readable: what the server refused is
   * described from it, while a new connection loads the server's state afresh.
   */
  async discard(): Promise<void> {
    this.detached = true;
    this.stop();
    forgetUnsent(localStoreName(this.workspaceId, this.name));
    await this.local.destroy();
    await deleteDatabase(localStoreName(this.workspaceId, this.name));
  }

  private stop(): void {
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.provider.destroy();
  }

  destroy(): void {
    this.detached = true;
    this.stop();
    void this.local.destroy();
    this.doc.destroy();
  }
}

/** Deletes every offline copy in this browser (on sign-out: the next person must not see them). */
export async function clearLocalCopies(): Promise<void> {
  forgetUnsent(null);
  const list = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    list
      .map((db) => db.name)
      .filter((name): name is string => !!name?.startsWith('troika:'))
      .map(deleteDatabase),
  );
}

/** Deletes one IndexedDB database, resolving once it is gone (or could not be deleted). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
