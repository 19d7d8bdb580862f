import { CLOSE_CODES, DENIED, inspectUpdate, refusedWrite } from '@troika/model';
import * as Y from 'yjs';
import { createCompactor } from './compaction';
import type { DocKey } from './doc-store';
import type { DocRegistry } from './doc-registry';
import { SERVER, type EngineCore } from './engine-core';
import { encodePermissionDenied, encodeUpdate } from './protocol';
import type { Connection, SharedDoc } from './shared-doc';
import { createSnapshotEncoder } from './snapshot-encoder';

// The write path of an update: validate (read before applying: who may write what, how deep, whether
// its history is here), apply, append to the log, then fan out to the other sockets and instances.
// Server-side edits take the same path from `apply` on.

export type WritePath = ReturnType<typeof createWritePath>;

export function createWritePath(core: EngineCore, registry: DocRegistry) {
  const { config, logger, metrics, store, bus, docs, hooks, callHook, policy, send, closeConn, clock } = core;
  const { acquire, release, discard, reloadInPlace } = registry;

  /** Appends a change to the log, then hands it to every other local client and instance. */
  function commitAndFanout(doc: SharedDoc, update: Uint8Array, actorId: string | null, sender: Connection | null): Promise<void> {
    const started = performance.now();
    // Taken now, in the same turn as the apply: a version read after this holds the change.
    const appliedAt = clock.write();
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
        callHook('onDurable', () => hooks.onDurable?.(doc.key, doc.ydoc, update, actorId, seq, appliedAt));
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
    // Pending structs are this update's only if there were none before (replication never leaves any,
    // but dropping someone else's would lose them for good while the log says they are applied).
    const pendingBefore = doc.hasPending;
    try {
      changes = doc.applyAndCapture(update, conn);
    } catch (error) {
      // It passed the checks but failed half-way: memory may now hold part of it. Rebuild it from the
      // log, keeping everyone else connected (their frames wait meanwhile).
      closeConn(conn, CLOSE_CODES.malformed, 'update could not be applied');
      void reloadInPlace(doc, `apply failed: ${(error as Error).message}`);
      return;
    }
    if (!pendingBefore && doc.hasPending) {
      // The checks above should have caught it; never keep what cannot be stored. What did apply is
      // consistent history and is committed below.
      doc.dropPending();
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

  async function read<T>(key: DocKey, reader: (doc: Y.Doc, at: Date) => T): Promise<T> {
    const doc = await acquire(key);
    try {
      return reader(doc.ydoc, clock.read());
    } finally {
      release(doc);
    }
  }

  // When and how the log becomes a snapshot: sync/compaction.ts.
  const encoder = createSnapshotEncoder();
  const compactor = createCompactor({
    store,
    metrics,
    logger,
    encoder,
    compactAfter: config.SYNC_COMPACT_AFTER,
    beforeCompact: (doc, seq) => hooks.beforeCompact?.(doc.key, seq),
  });
  const maybeCompact = (doc: SharedDoc) => compactor.consider(doc);

  return { onClientUpdate, edit, read, maybeCompact, compactBeforeUnload: compactor.beforeUnload, stop: () => encoder.close() };
}
