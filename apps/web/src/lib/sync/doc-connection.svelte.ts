import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, type DocName } from '@troika/model';

/**
 * What a person needs to know about their edits:
 * - `loading`: nothing shown yet (no local copy, no server answer);
 * - `saved`: the server confirmed every edit made here as stored;
 * - `syncing`: edits made here are on their way;
 * - `offline`: no connection; edits are kept in this browser and sent on reconnect;
 * - `refused`: the server will not serve this document to this person (signed out, removed).
 */
export type SyncState = 'loading' | 'saved' | 'syncing' | 'offline' | 'refused';

const SYNC_MESSAGE = 0;
const STEP2 = 1;

/** The WebSocket address of a workspace's documents, on the page's own host. */
export function syncUrl(workspaceId: string): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync/${encodeURIComponent(workspaceId)}`;
}

/** The IndexedDB name of a document's offline copy; all start with `troika:`, so sign-out can clear them. */
export const localStoreName = (workspaceId: string, doc: DocName) => `troika:${workspaceId}:${doc}`;

/**
 * One shared document of a workspace, kept in sync with the server (y-websocket) and in this browser
 * (y-indexeddb, so it opens and edits offline). "Saved" is honest: after local edits we send a sync
 * step 1 and the server answers with step 2 only once everything it had received is durable.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  state = $state<SyncState>('loading');
  /** True once there is something to show: the offline copy or the server's state. */
  ready = $state(false);
  /** Why the server refused or closed the connection, in words for people. */
  problem = $state<string | null>(null);

  private localVersion = 0;
  private ackedVersion = 0;
  private ackRequestedFor: number[] = [];
  private ackTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly workspaceId: string,
    readonly name: DocName,
  ) {
    this.local = new IndexeddbPersistence(localStoreName(workspaceId, name), this.doc);
    void this.local.whenSynced.then(() => (this.ready = true));
    this.provider = new WebsocketProvider(syncUrl(workspaceId), name, this.doc, { maxBackoffTime: 5000 });
    this.watchStep2();

    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') {
        this.ackRequestedFor = [];
        if (this.state !== 'refused') this.state = this.ready ? 'offline' : 'loading';
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.ready = true;
      this.problem = null;
      // Offline edits went out as the reply to the server's step 1; ask whether they are stored.
      if (this.localVersion > this.ackedVersion) this.requestAck();
      else this.state = 'saved';
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => this.onClose(event));
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.local) return;
      this.localVersion++;
      if (this.provider.wsconnected && this.provider.synced) {
        this.state = 'syncing';
        if (this.ackTimer) clearTimeout(this.ackTimer);
        this.ackTimer = setTimeout(() => this.requestAck(), 250);
      } else {
        this.state = this.ready ? 'offline' : 'loading';
      }
    });
  }

  /** y-websocket emits 'sync' only once per connection; we need every step 2, so we wrap its handler. */
  private watchStep2(): void {
    const handlers = this.provider.messageHandlers;
    const original = handlers[SYNC_MESSAGE]!;
    handlers[SYNC_MESSAGE] = (encoder, decoder, provider, emitSynced, messageType) => {
      const isStep2 = decoding.peekVarUint(decoder) === STEP2;
      original(encoder, decoder, provider, emitSynced, messageType);
      if (isStep2 && this.ackRequestedFor.length > 0) this.onAck(this.ackRequestedFor.shift()!);
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
    if (this.ackedVersion >= this.localVersion) this.state = 'saved';
  }

  private onClose(event: CloseEvent | null): void {
    const code = event?.code;
    if (code === CLOSE_CODES.unauthorized) {
      this.state = 'refused';
      this.problem = 'You no longer have access to this workspace.';
      this.provider.disconnect();
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

  destroy(): void {
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}

/** Deletes every offline copy in this browser (on sign-out: the next person must not see them). */
export async function clearLocalCopies(): Promise<void> {
  const list = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    list
      .map((db) => db.name)
      .filter((name): name is string => !!name?.startsWith('troika:'))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
