import type { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncConnectionContext } from './access';
import type { DocKey } from './doc-store';
import type { AwarenessEntry, RateBucket } from './presence';

/** One client socket on one document. */
export interface Connection {
  ws: WebSocket;
  context: SyncConnectionContext;
  /** Who the updates are recorded as: a user id or `token:<id>`. */
  actorId: string;
  canWrite: boolean;
  /** Awareness client ids this socket announced, removed when it leaves. */
  awarenessIds: Set<number>;
  /** Its awareness rate; states over the rate wait here (the latest per client id) for the next turn. */
  awarenessBucket: RateBucket;
  awarenessWaiting: Map<number, AwarenessEntry>;
  awarenessTimer: NodeJS.Timeout | null;
  alive: boolean;
  /** The server refused it: frames still arriving before the client's close reply are ignored. */
  closing: boolean;
  /** Reasons to hold its frames for now (its document loading, its access being re-checked); held frames wait in `inbox`. */
  held: number;
  inbox: Uint8Array[];
}

/**
 * A loaded document: the Y.Doc, its awareness, its sockets, and which log entries it holds.
 * `seq` is the highest sequence number up to which every update is applied; `ahead` holds the ones
 * applied beyond a gap (an update of another instance whose predecessor has not arrived yet).
 */
export class SharedDoc {
  /** Replaced only by a reload from the log (see `replaceYdoc`). */
  ydoc = new Y.Doc();
  readonly awareness: Awareness;
  readonly conns = new Set<Connection>();
  /** Which local connection introduced each awareness client id (the only one that may speak for it). */
  readonly awarenessOwners = new Map<number, Connection>();
  seq = 0;
  private readonly ahead = new Set<number>();
  /** Sockets plus server-side edits holding the document in memory. */
  holds = 0;
  approxBytes = 0;
  logRows = 0;
  compacting = false;
  closed = false;
  /** Settles once every append started so far has settled: what a new client may see is durable then. */
  lastAppend: Promise<void> = Promise.resolve();
  unloadTimer: NodeJS.Timeout | null = null;
  /** Set while memory is being rebuilt from the log: everyone who needs the document waits for it. */
  reloading: Promise<void> | null = null;
  /**
   * The document as the updates that make it up: what it was loaded (or last compacted) from, then
   * every change since, in order. A snapshot is encoded from them off the event loop (compaction.ts).
   */
  private parts: Uint8Array[] = [];
  private readonly recordPart = (update: Uint8Array) => {
    this.parts.push(update);
  };

  constructor(
    readonly id: string,
    readonly key: DocKey,
  ) {
    this.awareness = new Awareness(this.ydoc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  /** Records that update `seq` is applied; false when it already was. */
  markApplied(seq: number): boolean {
    if (seq <= this.seq || this.ahead.has(seq)) return false;
    this.ahead.add(seq);
    while (this.ahead.delete(this.seq + 1)) this.seq++;
    return true;
  }

  /** Everything up to `seq` is applied (after loading a snapshot). */
  markAppliedThrough(seq: number): void {
    if (seq <= this.seq) return;
    this.seq = seq;
    for (const s of this.ahead) if (s <= seq) this.ahead.delete(s);
    while (this.ahead.delete(this.seq + 1)) this.seq++;
  }

  isApplied(seq: number): boolean {
    return seq <= this.seq || this.ahead.has(seq);
  }

  /** Whether yjs holds structs or deletions it could not integrate yet (their history has not arrived). */
  get hasPending(): boolean {
    return this.ydoc.store.pendingStructs !== null || this.ydoc.store.pendingDs !== null;
  }

  /** Forgets what yjs holds pending: it is never stored, and whoever sent it sends it again whole. */
  dropPending(): void {
    this.ydoc.store.pendingStructs = null;
    this.ydoc.store.pendingDs = null;
  }

  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /**
   * Applies an update and returns what it changed, as the updates the doc emitted: an update that
   * brings nothing new returns [] and is neither stored nor sent on.
   */
  applyAndCapture(update: Uint8Array, origin: unknown): Uint8Array[] {
    const captured: Uint8Array[] = [];
    const listener = (u: Uint8Array, o: unknown) => {
      if (o === origin) captured.push(u);
    };
    this.ydoc.on('update', listener);
    try {
      Y.applyUpdate(this.ydoc, update, origin);
    } finally {
      this.ydoc.off('update', listener);
    }
    return captured;
  }

  /** Runs a server-side change in one transaction and returns what it changed. */
  transactAndCapture(change: (doc: Y.Doc) => void, origin: unknown): Uint8Array[] {
    const captured: Uint8Array[] = [];
    const listener = (u: Uint8Array, o: unknown) => {
      if (o === origin) captured.push(u);
    };
    this.ydoc.on('update', listener);
    try {
      this.ydoc.transact(() => change(this.ydoc), origin);
    } finally {
      this.ydoc.off('update', listener);
    }
    return captured;
  }

  /**
   * Starts keeping the parts the document is made of, from the stored updates it was just loaded
   * from (every change after this is recorded as it happens).
   */
  loadedFrom(stored: Uint8Array[]): void {
    this.parts = [...stored];
    this.ydoc.on('update', this.recordPart);
  }

  /** The updates that make up the document now, in order, and the copy they make up. */
  get currentParts(): { parts: readonly Uint8Array[]; ydoc: Y.Doc } {
    return { parts: this.parts.slice(), ydoc: this.ydoc };
  }

  /** A snapshot now stands for the first `count` parts taken from `ydoc` (unless the copy was replaced since). */
  compactedParts(ydoc: Y.Doc, count: number, snapshot: Uint8Array): void {
    if (ydoc === this.ydoc) this.parts.splice(0, count, snapshot);
  }

  /**
   * Takes a copy freshly loaded from the log (`stored`, up to `seq`) in place of the current one
   * (whose memory may hold what no log row has): which log entries it holds starts again from `seq`.
   * Presence stays.
   */
  replaceYdoc(fresh: Y.Doc, seq: number, stored: Uint8Array[]): void {
    this.ydoc.off('update', this.recordPart);
    this.ydoc = fresh;
    this.loadedFrom(stored);
    this.seq = 0;
    this.ahead.clear();
    this.markAppliedThrough(seq);
  }

  destroy(): void {
    this.closed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.ydoc.off('update', this.recordPart);
    this.ydoc.destroy();
    this.parts = [];
  }
}
