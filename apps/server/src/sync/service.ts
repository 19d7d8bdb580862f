import type { DatabaseHandle } from '@troika/db';
import { CLOSE_CODES, DENIED, canWrite, inspectUpdate, newId, refusedWrite, type WritePolicy } from '@troika/model';
import { WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Bus, BusMessage, RevokedCredential } from './bus';
import { MemoryBus } from './bus';
import { DocStore, docIdOf, type DocKey } from './doc-store';
import { createSyncMetrics } from './metrics';
import { KEEPALIVE, decodeClientMessage, encodeAwareness, encodePermissionDenied, encodeStep1, encodeStep2, encodeUpdate } from './protocol';
import {
  AWARENESS_RATE,
  MAX_AWARENESS_STATE_BYTES,
  RateBucket,
  encodeAwarenessEntries,
  jsonBytes,
  readAwarenessEntries,
  stampState,
  type PresenceIdentity,
} from './presence';
import { SharedDoc, type Connection } from './shared-doc';
import type { AccessCheck, SyncAccess, SyncConnectionContext, SyncHandler } from './access';

export type SyncLimits = Pick<
  Config,
  | 'SYNC_MAX_DOC_BYTES'
  | 'SYNC_MAX_BUFFERED_BYTES'
  | 'SYNC_UNLOAD_AFTER_MS'
  | 'SYNC_COMPACT_AFTER'
  | 'SYNC_MAX_PENDING_BYTES'
>;

/**
 * Stages of a document's life that other parts of the server follow (history). They run on the
 * engine's path, so each returns at once and defers its work; an exception in one is logged, never
 * passed on to the write.
 */
export interface SyncHooks {
  /** A document finished loading from the log, up to `seq` (before any client sees it). */
  onLoaded?(key: DocKey, ydoc: Y.Doc, seq: number): void;
  /** An update is durable in the log and applied: `seq` is its number, `actorId` who sent it (null: the server). */
  onDurable?(key: DocKey, ydoc: Y.Doc, update: Uint8Array, actorId: string | null, seq: number): void;
  /** Compaction is about to drop the log rows up to `seq`; it waits for this (it runs in the background). */
  beforeCompact?(key: DocKey, seq: number): Promise<void>;
}

/**
 * Who made a transaction on a loaded document: the user id (or `token:<id>`) when it applied a
 * client's update (the engine applies those with the connection as origin, which carries `actorId`),
 * else null (the server's own edits, updates relayed from other instances, loading).
 */
export function actorOfOrigin(origin: unknown): string | null {
  const actorId = (origin as { actorId?: unknown } | null)?.actorId;
  return typeof origin === 'object' && typeof actorId === 'string' ? actorId : null;
}

export interface SyncDeps {
  config: SyncLimits;
  /** Filled in after the engine is made (history needs the engine, the engine calls history). */
  hooks?: SyncHooks;
  database: DatabaseHandle;
  logger: Logger;
  /** Re-reads a member's standing when it may have changed (the server hands its membership lookup). */
  checkAccess: AccessCheck;
  /** Which documents and fields only the server writes, and how deep types may nest (the model's WRITE_POLICY). */
  writePolicy: WritePolicy;
  bus?: Bus;
  /** How often, with a shared bus, to compare loaded documents with the database's heads. */
  pollMs?: number;
}

export interface SyncService extends SyncHandler {
  /** Changes a document on the server's behalf, through the same append-then-broadcast path; resolves once durable. */
  edit(key: DocKey, change: (doc: Y.Doc) => void, actorId?: string | null): Promise<void>;
  /** Reads a document's current state (loading it if needed). */
  read<T>(key: DocKey, reader: (doc: Y.Doc) => T): Promise<T>;
  /** Closes the sockets opened with a session that ended or an API token that was revoked (on every instance). */
  revoke(credential: RevokedCredential): void;
  /**
   * Re-checks a member's open connections after their role changed or they left, on every instance:
   * a changed role closes them with 4403, a member no more with 4401. Resolves once this instance's
   * connections are re-checked (their frames are held meanwhile), so a caller can answer after it.
   */
  recheckMember(workspaceId: string, userId: string): Promise<void>;
  metricsText(): Promise<string>;
  /** Closes every connection, waits for pending writes, and stops. */
  close(): Promise<void>;
  /** For tests and /metrics: what is loaded. */
  stats(): { docs: number; connections: number };
}

const SERVER = Symbol('server');
/** How long a shutdown waits for clients to answer its close frames (well under SHUTDOWN_TIMEOUT_MS's default). */
const CLOSE_GRACE_MS = 2000;
const REMOTE = Symbol('remote');

/** The sync engine: see "The sync engine" in DESIGN.md for the rules it keeps. */
export function createSyncService(deps: SyncDeps): SyncService {
  const { config, logger, writePolicy: policy } = deps;
  const metrics = createSyncMetrics();
  const store = new DocStore(deps.database, (n) => metrics.commitBatch.observe(n));
  const bus = deps.bus ?? new MemoryBus();
  const docs = new Map<string, SharedDoc>();
  const loading = new Map<string, { promise: Promise<SharedDoc>; buffered: BusMessage[] }>();
  const catchingUp = new Set<string>();
  /** Appends still under way from discarded copies of documents: loading the document again waits for them. */
  const draining = new Map<string, Promise<void>>();
  let closing = false;
  const hooks = deps.hooks ?? {};
  const callHook = (name: keyof SyncHooks, run: () => unknown) => {
    try {
      run();
    } catch (error) {
      metrics.errors.inc({ kind: 'hook' });
      logger.error({ err: error, hook: name }, 'sync hook failed');
    }
  };

  // ---- loading and unloading ------------------------------------------------------------------

  function acquire(key: DocKey): Promise<SharedDoc> {
    const id = docIdOf(key);
    const loaded = docs.get(id);
    if (loaded) {
      loaded.holds++;
      if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
      loaded.unloadTimer = null;
      return (loaded.reloading ?? Promise.resolve()).then(() => loaded);
    }
    let pending = loading.get(id);
    if (!pending) {
      const buffered: BusMessage[] = [];
      const promise = load(key, id).finally(() => loading.delete(id));
      pending = { promise, buffered };
      loading.set(id, pending);
    }
    return pending.promise.then((doc) => {
      doc.holds++;
      return doc;
    });
  }

  async function load(key: DocKey, id: string): Promise<SharedDoc> {
    const started = performance.now();
    await bus.subscribeDoc(id);
    // Otherwise the load can read the log before they commit, and memory would lack them for good.
    await draining.get(id);
    let doc: SharedDoc | null = null;
    try {
      const state = await store.load(key);
      doc = new SharedDoc(id, key);
      for (const { bytes } of state.updates) Y.applyUpdate(doc.ydoc, bytes, SERVER);
      doc.markAppliedThrough(state.seq);
      doc.approxBytes = state.bytes;
      doc.logRows = state.logRows;
      wireAwareness(doc);
    } catch (error) {
      doc?.destroy();
      await bus.unsubscribeDoc(id);
      metrics.errors.inc({ kind: 'load' });
      logger.error({ docId: id, err: error }, 'document load failed; nothing was written');
      throw error;
    }
    docs.set(id, doc);
    metrics.loadedDocs.set(docs.size);
    metrics.loadSeconds.observe(performance.now() - started);
    for (const message of loading.get(id)?.buffered ?? []) onBusMessage(message);
    const loaded = doc;
    callHook('onLoaded', () => hooks.onLoaded?.(key, loaded.ydoc, loaded.seq));
    maybeCompact(doc);
    return doc;
  }

  function release(doc: SharedDoc): void {
    doc.holds--;
    if (doc.holds > 0 || doc.closed || closing) return;
    doc.unloadTimer = setTimeout(() => void unload(doc), config.SYNC_UNLOAD_AFTER_MS);
  }

  async function unload(doc: SharedDoc): Promise<void> {
    doc.unloadTimer = null;
    // Only once every write is durable; someone may come back while we wait.
    await doc.lastAppend;
    while (doc.compacting) await new Promise((r) => setTimeout(r, 20));
    if (doc.holds > 0 || doc.closed || docs.get(doc.id) !== doc) return;
    docs.delete(doc.id);
    doc.destroy();
    metrics.loadedDocs.set(docs.size);
    await bus.unsubscribeDoc(doc.id);
  }

  /** Drops a document whose memory may differ from the log; its clients reconnect and load it afresh. */
  function discard(doc: SharedDoc, reason: string): void {
    if (docs.get(doc.id) === doc) docs.delete(doc.id);
    metrics.loadedDocs.set(docs.size);
    logger.error({ docId: doc.id, reason }, 'document discarded from memory');
    for (const conn of [...doc.conns]) closeConn(conn, CLOSE_CODES.reload, 'document reloading');
    const settled = doc.lastAppend;
    draining.set(doc.id, settled);
    void settled.then(() => {
      if (draining.get(doc.id) === settled) draining.delete(doc.id);
      doc.destroy();
    });
  }

  /**
   * Rebuilds a document's memory from the log without closing its connections: their frames, edits,
   * reads and new connections wait; afterwards each connection is sent a sync step 1, so a client
   * sends back whatever the log lacks. Falls back to `discard` when the log cannot be read.
   */
  function reloadInPlace(doc: SharedDoc, reason: string): Promise<void> {
    if (doc.reloading) return doc.reloading;
    metrics.errors.inc({ kind: 'reload_in_place' });
    logger.error({ docId: doc.id, reason }, 'document memory rebuilt from the log; connections kept');
    const held = [...doc.conns];
    for (const conn of held) conn.held++;
    const run = async () => {
      try {
        await doc.lastAppend;
        while (doc.compacting) await new Promise((r) => setTimeout(r, 20));
        const state = await store.load(doc.key);
        if (doc.closed) return;
        const fresh = new Y.Doc();
        for (const { bytes } of state.updates) Y.applyUpdate(fresh, bytes, SERVER);
        doc.replaceYdoc(fresh, state.seq);
        doc.approxBytes = state.bytes;
        doc.logRows = state.logRows;
        const ydoc = doc.ydoc;
        callHook('onLoaded', () => hooks.onLoaded?.(doc.key, ydoc, doc.seq));
        const step1 = encodeStep1(Y.encodeStateVector(ydoc));
        for (const conn of doc.conns) send(conn, step1);
      } catch (error) {
        logger.error({ docId: doc.id, err: error }, 'reload from the log failed');
        discard(doc, 'reload failed');
      }
    };
    doc.reloading = run().finally(() => {
      doc.reloading = null;
      for (const conn of held) {
        conn.held--;
        flush(conn);
      }
      // Updates of other instances that arrived meanwhile were skipped: read them back.
      if (bus.shared) void catchUp(doc);
    });
    return doc.reloading;
  }

  // ---- writes ---------------------------------------------------------------------------------

  /** Appends a change to the log, then hands it to every other local client and instance. */
  function commitAndFanout(doc: SharedDoc, update: Uint8Array, actorId: string | null, sender: Connection | null): Promise<void> {
    const started = performance.now();
    doc.approxBytes += update.length;
    doc.logRows++;
    const appended = store.append(doc.key, update, actorId);
    doc.lastAppend = appended.then(
      () => {},
      () => {},
    );
    return appended.then(
      (seq) => {
        metrics.appendSeconds.observe(performance.now() - started);
        doc.markApplied(seq);
        const fanoutStart = performance.now();
        const message = encodeUpdate(update);
        for (const conn of doc.conns) if (conn !== sender) send(conn, message);
        metrics.fanoutSeconds.observe(performance.now() - fanoutStart);
        bus.publish({ kind: 'update', docId: doc.id, seq, update });
        // After the fan-out: what follows the write never delays its delivery.
        callHook('onDurable', () => hooks.onDurable?.(doc.key, doc.ydoc, update, actorId, seq));
        maybeCompact(doc);
      },
      (error) => {
        metrics.errors.inc({ kind: 'append' });
        logger.error({ docId: doc.id, err: error }, 'append failed after retries');
        discard(doc, 'append failed');
        throw error;
      },
    );
  }

  /** Answers an update the server will not apply: nothing of it is stored or sent on; the connection stays. */
  function deny(conn: Connection, reason: string): void {
    metrics.updatesDropped.inc({ reason: 'denied' });
    send(conn, encodePermissionDenied(reason));
  }

  function onClientUpdate(conn: Connection, doc: SharedDoc, update: Uint8Array): void {
    // A discarded copy takes no more writes: its clients were told to reconnect and will resend them.
    if (docs.get(doc.id) !== doc) return;
    // Read before anything is applied (throws, and the sender is closed as malformed, when it does not decode).
    const inspection = inspectUpdate(update, doc.ydoc, { maxDepth: policy.maxDepth });
    if (!inspection.fresh && !inspection.problem) {
      // Nothing new (e.g. a reconnecting client's sync step 2 that the server already holds).
      metrics.updatesDropped.inc({ reason: 'no_change' });
      return;
    }
    if (!conn.canWrite) return deny(conn, DENIED.readOnly);
    if (inspection.depth > policy.maxDepth) {
      metrics.errors.inc({ kind: 'too_deep' });
      closeConn(conn, CLOSE_CODES.malformed, `types nested deeper than ${policy.maxDepth} levels`);
      return;
    }
    if (inspection.problem && inspection.missingHistory) {
      // yjs would hold it as "pending" (served to others, never stored). The client still has the
      // history it builds on and sends it whole when it reconnects.
      metrics.errors.inc({ kind: 'missing_history' });
      closeConn(conn, CLOSE_CODES.tryAgainLater, 'update with missing history; reconnect to send it whole');
      return;
    }
    if (inspection.problem) {
      // It would fail half-way through applying: refused before it touches the document.
      metrics.errors.inc({ kind: 'malformed' });
      closeConn(conn, CLOSE_CODES.malformed, 'update could not be applied');
      return;
    }
    const refused = refusedWrite(conn.context.doc, inspection.writes, policy);
    if (refused) return deny(conn, refused);
    // The database cannot keep up: refuse rather than queue without bound. The client still holds the
    // update and sends it again when it reconnects. (One update alone is always taken, however big.)
    if (store.pendingBytes > 0 && store.pendingBytes + update.length > config.SYNC_MAX_PENDING_BYTES) {
      metrics.errors.inc({ kind: 'overloaded' });
      closeConn(conn, CLOSE_CODES.tryAgainLater, 'server busy; reconnect shortly');
      return;
    }
    if (doc.approxBytes + update.length > config.SYNC_MAX_DOC_BYTES) {
      metrics.errors.inc({ kind: 'doc_too_big' });
      closeConn(conn, CLOSE_CODES.documentTooBig, 'document size limit reached');
      return;
    }
    let changes: Uint8Array[];
    try {
      changes = doc.applyAndCapture(update, conn);
    } catch (error) {
      // It passed the checks but failed half-way: memory may now hold part of it. Rebuild it from the
      // log, keeping everyone else connected (their frames wait meanwhile).
      closeConn(conn, CLOSE_CODES.malformed, 'update could not be applied');
      void reloadInPlace(doc, `apply failed: ${(error as Error).message}`);
      return;
    }
    if (doc.ydoc.store.pendingStructs || doc.ydoc.store.pendingDs) {
      // The checks above should have caught it; never keep what cannot be stored. What did apply is
      // consistent history and is committed below.
      doc.ydoc.store.pendingStructs = null;
      doc.ydoc.store.pendingDs = null;
      metrics.errors.inc({ kind: 'missing_history' });
      logger.warn({ docId: doc.id, actorId: conn.actorId }, 'an update left pending structs; dropped them');
      closeConn(conn, CLOSE_CODES.tryAgainLater, 'update with missing history; reconnect to send it whole');
    }
    if (changes.length === 0) {
      metrics.updatesDropped.inc({ reason: 'no_change' });
      return;
    }
    for (const change of changes) {
      metrics.updatesIn.inc({ source: 'client' });
      commitAndFanout(doc, change, conn.actorId, conn).catch(() => {});
    }
  }

  async function edit(key: DocKey, change: (doc: Y.Doc) => void, actorId: string | null = null): Promise<void> {
    const doc = await acquire(key);
    try {
      const changes = doc.transactAndCapture(change, SERVER);
      metrics.updatesIn.inc({ source: 'server' }, changes.length);
      await Promise.all(changes.map((c) => commitAndFanout(doc, c, actorId, null)));
    } finally {
      release(doc);
    }
  }

  async function read<T>(key: DocKey, reader: (doc: Y.Doc) => T): Promise<T> {
    const doc = await acquire(key);
    try {
      return reader(doc.ydoc);
    } finally {
      release(doc);
    }
  }

  function maybeCompact(doc: SharedDoc): void {
    if (doc.compacting || doc.closed || doc.logRows < config.SYNC_COMPACT_AFTER) return;
    doc.compacting = true;
    const seq = doc.seq;
    // From the live doc, never by merging raw updates: Y.mergeUpdates can hang on hostile input (yjs #687).
    const snapshot = Y.encodeStateAsUpdate(doc.ydoc);
    const rowsBefore = doc.logRows;
    Promise.resolve(hooks.beforeCompact?.(doc.key, seq))
      .then(() => store.compact(doc.key, seq, snapshot))
      .then(() => {
        metrics.compactions.inc();
        doc.logRows = Math.max(0, doc.logRows - rowsBefore);
        doc.approxBytes = snapshot.length;
      })
      .catch((error) => {
        metrics.errors.inc({ kind: 'compaction' });
        logger.warn({ docId: doc.id, err: error }, 'compaction failed; the log stays as it is');
      })
      .finally(() => {
        doc.compacting = false;
      });
  }

  // ---- other instances --------------------------------------------------------------------------

  function onBusMessage(message: BusMessage): void {
    if (message.kind === 'membership') return void recheckLocal(message.workspaceId, message.userId);
    if (message.kind === 'revoke') return revokeLocal(message.credential);
    const doc = docs.get(message.docId);
    if (!doc) {
      loading.get(message.docId)?.buffered.push(message);
      return;
    }
    if (message.kind === 'awareness') {
      try {
        applyAwarenessUpdate(doc.awareness, message.update, REMOTE);
      } catch {
        metrics.errors.inc({ kind: 'bus_awareness' });
      }
      return;
    }
    // Memory is being rebuilt from the log: the catch-up after it reads this one back.
    if (doc.reloading || doc.isApplied(message.seq)) return;
    applyDurable(doc, message.update, 'bus');
    doc.markApplied(message.seq);
    if (doc.hasGap) setTimeout(() => void catchUp(doc), 100);
  }

  /** Applies an update that is already in the log and passes on what it changed to local clients. */
  function applyDurable(doc: SharedDoc, update: Uint8Array, via: 'bus' | 'database'): void {
    let changes: Uint8Array[] = [];
    try {
      changes = doc.applyAndCapture(update, REMOTE);
    } catch (error) {
      metrics.errors.inc({ kind: 'remote_apply' });
      logger.error({ docId: doc.id, err: error }, 'a stored update failed to apply');
      return;
    }
    for (const change of changes) {
      metrics.remoteUpdates.inc({ via });
      doc.approxBytes += change.length;
      const message = encodeUpdate(change);
      for (const conn of doc.conns) send(conn, message);
    }
  }

  /** Reads from the database what this instance missed (a lost or late bus message). */
  async function catchUp(doc: SharedDoc): Promise<void> {
    if (catchingUp.has(doc.id) || doc.closed) return;
    catchingUp.add(doc.id);
    try {
      const state = await store.load(doc.key, doc.seq);
      if (doc.closed) return;
      // Re-applying what we already hold changes nothing and sends nothing, so no filtering is needed.
      for (const { bytes } of state.updates) applyDurable(doc, bytes, 'database');
      // Rows become visible in seq order (the head's row lock), so everything up to state.seq is now here.
      doc.markAppliedThrough(state.seq);
    } catch (error) {
      metrics.errors.inc({ kind: 'catch_up' });
      logger.warn({ docId: doc.id, err: error }, 'catch-up failed; will retry');
    } finally {
      catchingUp.delete(doc.id);
    }
  }

  bus.onMessage(onBusMessage);
  const pollTimer = setInterval(() => {
    if (!bus.shared || docs.size === 0) return;
    const loaded = [...docs.values()];
    store
      .heads(loaded.map((d) => d.key))
      .then((heads) => {
        for (const doc of loaded) if ((heads.get(doc.id) ?? 0) > doc.seq) void catchUp(doc);
      })
      .catch((error) => logger.warn({ err: error }, 'head poll failed'));
  }, deps.pollMs ?? 1000);
  pollTimer.unref();

  // ---- connections --------------------------------------------------------------------------------

  function send(conn: Connection, message: Uint8Array): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    if (conn.ws.bufferedAmount > config.SYNC_MAX_BUFFERED_BYTES) {
      closeConn(conn, CLOSE_CODES.slowConsumer, 'client too slow; reconnect to resync');
      return;
    }
    metrics.updatesOut.inc();
    conn.ws.send(message);
  }

  function closeConn(conn: Connection, code: number, reason: string): void {
    // A refused connection's later frames count for nothing. A shutdown's do: they were sent before
    // the client saw the close, and close() waits for them to be appended.
    if (code !== CLOSE_CODES.goingAway) conn.closing = true;
    metrics.closes.inc({ reason: String(code) });
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  function wireAwareness(doc: SharedDoc): void {
    doc.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added!, ...updated!, ...removed!];
      if (changed.length === 0) return;
      const owner = doc.conns.has(origin as Connection) ? (origin as Connection) : null;
      for (const id of [...added!, ...updated!]) {
        const before = doc.awarenessOwners.get(id);
        if (before === owner) continue;
        // Another connection (of the same member) or another instance speaks for it now.
        before?.awarenessIds.delete(id);
        if (owner) {
          doc.awarenessOwners.set(id, owner);
          owner.awarenessIds.add(id);
        } else doc.awarenessOwners.delete(id);
      }
      for (const id of removed!) {
        doc.awarenessOwners.get(id)?.awarenessIds.delete(id);
        doc.awarenessOwners.delete(id);
      }
      const update = encodeAwarenessUpdate(doc.awareness, changed);
      const message = encodeAwareness(update);
      for (const conn of doc.conns) send(conn, message);
      if (origin !== REMOTE) bus.publish({ kind: 'awareness', docId: doc.id, update });
    });
  }

  /** Who a connection's presence says it is: its member, whatever the client claims. */
  function identityOf(conn: Connection): PresenceIdentity {
    const { principal, seat } = conn.context.access;
    return { id: conn.actorId, name: principal.name, seat };
  }

  /**
   * A client's awareness: only the ids this connection introduced (or that its own member holds on
   * another connection or instance), states up to 8 KiB, stamped with the connection's member, at
   * most AWARENESS_RATE per connection (beyond it, the latest state of each id waits its turn).
   */
  function onClientAwareness(conn: Connection, doc: SharedDoc, update: Uint8Array): void {
    const identity = identityOf(conn);
    for (const entry of readAwarenessEntries(update)) {
      if (jsonBytes(entry.json) > MAX_AWARENESS_STATE_BYTES) {
        metrics.updatesDropped.inc({ reason: 'awareness_too_big' });
        continue;
      }
      const owner = doc.awarenessOwners.get(entry.clientId);
      const current = doc.awareness.getStates().get(entry.clientId) as { user?: { id?: unknown } } | undefined;
      const mine = owner ? owner === conn || owner.actorId === conn.actorId : current === undefined || current.user?.id === identity.id;
      if (!mine) {
        metrics.updatesDropped.inc({ reason: 'awareness_foreign' });
        continue;
      }
      conn.awarenessWaiting.set(entry.clientId, { ...entry, json: stampState(entry.json, identity) });
    }
    flushAwareness(conn, doc);
  }

  function flushAwareness(conn: Connection, doc: SharedDoc): void {
    if (conn.awarenessWaiting.size === 0 || conn.awarenessTimer || conn.closing || doc.closed) return;
    if (!conn.awarenessBucket.take()) {
      metrics.updatesDropped.inc({ reason: 'awareness_rate' });
      conn.awarenessTimer = setTimeout(() => {
        conn.awarenessTimer = null;
        if (doc.conns.has(conn)) flushAwareness(conn, doc);
      }, conn.awarenessBucket.wait());
      return;
    }
    const entries = [...conn.awarenessWaiting.values()];
    conn.awarenessWaiting.clear();
    applyAwarenessUpdate(doc.awareness, encodeAwarenessEntries(entries), conn);
  }

  function onMessage(conn: Connection, doc: SharedDoc, bytes: Uint8Array): void {
    const message = decodeClientMessage(bytes);
    switch (message.type) {
      case 'step1': {
        Y.decodeStateVector(message.stateVector);
        const diff = Y.encodeStateAsUpdate(doc.ydoc, message.stateVector);
        // Everything in `diff` was applied before now; once the appends started before now settle, it is durable.
        void doc.lastAppend.then(() => send(conn, encodeStep2(diff)));
        return;
      }
      case 'update':
        return onClientUpdate(conn, doc, message.update);
      case 'awareness':
        return onClientAwareness(conn, doc, message.update);
      case 'queryAwareness': {
        const ids = [...doc.awareness.getStates().keys()];
        if (ids.length > 0) send(conn, encodeAwareness(encodeAwarenessUpdate(doc.awareness, ids)));
        return;
      }
      case 'auth':
        return;
    }
  }

  /** Every open connection, loaded or still waiting for its document. */
  const live = new Set<Connection>();
  const processors = new WeakMap<Connection, (bytes: Uint8Array) => void>();

  /** Handles a connection's waiting frames, in order, unless something holds them. */
  function flush(conn: Connection): void {
    const process = processors.get(conn);
    while (process && conn.held === 0 && !conn.closing && conn.inbox.length > 0) process(conn.inbox.shift()!);
  }

  function handleConnection(ws: WebSocket, context: SyncConnectionContext): void {
    const principal = context.access.principal;
    const conn: Connection = {
      ws,
      context,
      actorId: principal.kind === 'user' ? principal.userId : `token:${principal.tokenId}`,
      canWrite: canWrite(context.access.role),
      awarenessIds: new Set(),
      awarenessBucket: new RateBucket(AWARENESS_RATE.perSecond, AWARENESS_RATE.burst),
      awarenessWaiting: new Map(),
      awarenessTimer: null,
      alive: true,
      closing: false,
      // Held until its document is loaded.
      held: 1,
      inbox: [],
    };
    metrics.connections.inc();
    live.add(conn);
    const key = { workspaceId: context.workspaceId, doc: context.doc };
    let doc: SharedDoc | null = null;

    processors.set(conn, (bytes: Uint8Array) => {
      try {
        onMessage(conn, doc!, bytes);
      } catch (error) {
        metrics.errors.inc({ kind: 'malformed' });
        logger.warn({ docId: doc?.id, actorId: conn.actorId, err: (error as Error).message }, 'malformed sync message');
        closeConn(conn, CLOSE_CODES.malformed, 'malformed message');
      }
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.closing) return;
      if (!isBinary) return closeConn(conn, CLOSE_CODES.malformed, 'binary frames only');
      conn.inbox.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      flush(conn);
    });
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (error) => logger.debug({ err: error.message }, 'socket error'));
    ws.on('close', () => {
      metrics.connections.dec();
      live.delete(conn);
      processors.delete(conn);
      clearInterval(keepalive);
      if (conn.awarenessTimer) clearTimeout(conn.awarenessTimer);
      if (!doc) return;
      doc.conns.delete(conn);
      if (conn.awarenessIds.size > 0) removeAwarenessStates(doc.awareness, [...conn.awarenessIds], null);
      release(doc);
    });

    // The member's access changed while this upgrade was under way: check it again before any frame counts.
    if (principal.kind === 'user' && (accessChanged.get(memberKey(context.workspaceId, principal.userId)) ?? -Infinity) >= (context.checkedAt ?? Infinity)) {
      void recheck([conn]);
    }

    // A slow load must not trip the client's 30 s liveness timeout: say something harmless meanwhile.
    const keepalive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(KEEPALIVE), 10_000);
    acquire(key).then(
      (loaded) => {
        clearInterval(keepalive);
        if (ws.readyState !== WebSocket.OPEN || loaded.closed) {
          release(loaded);
          return;
        }
        doc = loaded;
        doc.conns.add(conn);
        send(conn, encodeStep1(Y.encodeStateVector(doc.ydoc)));
        const ids = [...doc.awareness.getStates().keys()];
        if (ids.length > 0) send(conn, encodeAwareness(encodeAwarenessUpdate(doc.awareness, ids)));
        conn.held--;
        flush(conn);
      },
      () => {
        clearInterval(keepalive);
        closeConn(conn, CLOSE_CODES.loadFailed, 'document could not be loaded');
      },
    );
  }

  const heartbeat = setInterval(() => {
    for (const doc of docs.values()) {
      for (const conn of doc.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }, 30_000);
  heartbeat.unref();

  // ---- membership and credentials --------------------------------------------------------------------

  function revokeLocal(credential: RevokedCredential): void {
    for (const doc of docs.values()) {
      for (const conn of doc.conns) {
        const principal = conn.context.access.principal;
        const matches =
          'sessionId' in credential
            ? principal.kind === 'user' && principal.sessionId === credential.sessionId
            : principal.kind === 'token' && principal.tokenId === credential.tokenId;
        if (matches) closeConn(conn, CLOSE_CODES.unauthorized, 'signed out or token revoked');
      }
    }
  }

  /** When each member's access last changed (`workspaceId userId` -> performance.now()), briefly. */
  const accessChanged = new Map<string, number>();
  const memberKey = (workspaceId: string, userId: string) => `${workspaceId} ${userId}`;

  function recheckLocal(workspaceId: string, userId: string): Promise<void> {
    const now = performance.now();
    // Only upgrades still under way can predate a change; a minute covers the slowest of them.
    for (const [key, at] of accessChanged) if (now - at > 60_000) accessChanged.delete(key);
    accessChanged.set(memberKey(workspaceId, userId), now);
    const affected = [...live].filter((conn) => {
      const principal = conn.context.access.principal;
      return conn.context.workspaceId === workspaceId && principal.kind === 'user' && principal.userId === userId && !conn.closing;
    });
    return recheck(affected);
  }

  /** Re-reads the access of connections of one member in one workspace; holds their frames until it is settled. */
  async function recheck(conns: Connection[]): Promise<void> {
    const first = conns[0];
    if (!first) return;
    for (const conn of conns) conn.held++;
    try {
      const access = await deps.checkAccess(first.context.access.principal, first.context.workspaceId);
      for (const conn of conns) settleAccess(conn, access);
    } catch (error) {
      logger.warn({ err: error }, 'membership re-check failed; closing the connections so they reconnect and are checked again');
      for (const conn of conns) closeConn(conn, CLOSE_CODES.roleChanged, 'membership changed; reconnect');
    } finally {
      for (const conn of conns) {
        conn.held--;
        flush(conn);
      }
    }
  }

  function settleAccess(conn: Connection, access: SyncAccess | null): void {
    if (!access) return closeConn(conn, CLOSE_CODES.unauthorized, 'no longer a member of this workspace');
    if (access.role !== conn.context.access.role) {
      conn.canWrite = false;
      return closeConn(conn, CLOSE_CODES.roleChanged, `your role changed to ${access.role}; reconnect`);
    }
    // Same role (e.g. a new seat): keep the connection, with what presence says about the member.
    conn.context.access = { ...access, principal: conn.context.access.principal };
  }

  return {
    handleConnection,
    edit,
    read,
    revoke(credential) {
      revokeLocal(credential);
      bus.publish({ kind: 'revoke', credential });
    },
    recheckMember(workspaceId, userId) {
      bus.publish({ kind: 'membership', workspaceId, userId });
      return recheckLocal(workspaceId, userId);
    },
    metricsText: () => metrics.registry.metrics(),
    stats: () => ({ docs: docs.size, connections: [...docs.values()].reduce((n, d) => n + d.conns.size, 0) }),
    async close() {
      closing = true;
      clearInterval(pollTimer);
      clearInterval(heartbeat);
      const sockets: WebSocket[] = [];
      for (const doc of docs.values()) {
        for (const conn of doc.conns) {
          sockets.push(conn.ws);
          closeConn(conn, CLOSE_CODES.goingAway, 'server shutting down');
        }
      }
      // Updates a client sent before it saw our close frame are still arriving, and they arrive
      // before its close reply: wait for the replies (bounded), so those updates are appended too.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(sockets.map((ws) => (ws.readyState === WebSocket.CLOSED ? null : new Promise((r) => ws.once('close', r))))),
        new Promise((r) => (grace = setTimeout(r, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(grace);
      await store.drain();
      for (const doc of docs.values()) doc.destroy();
      docs.clear();
      await bus.close();
    },
  };
}

/** A unique id for this process on the bus. */
export const newInstanceId = () => newId(12);
