import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { DocStore } from './doc-store';
import type { SyncMetrics } from './metrics';
import type { SharedDoc } from './shared-doc';

/** A document with no write for this long is quiet: compacting it then delays nobody. */
export const COMPACT_QUIET_MS = 1000;
/** While writes go on, the log is compacted at the latest at this many times SYNC_COMPACT_AFTER rows (loading stays fast). */
export const COMPACT_CEILING_FACTOR = 10;

export interface CompactorDeps {
  store: DocStore;
  metrics: SyncMetrics;
  logger: Logger;
  /** Log rows after which a document is due for compaction. */
  compactAfter: number;
  /** Waited for before the log rows up to `seq` are dropped (history records who wrote them). */
  beforeCompact?: (doc: SharedDoc, seq: number) => Promise<void> | void;
}

/**
 * When and how a document's log becomes a snapshot. Compaction encodes the whole document on the
 * event loop, and the snapshot's write holds PGlite's one thread: so a document that is due (at
 * least `compactAfter` rows) is compacted once it is quiet, and while writes go on only when the
 * log since the last snapshot weighs as much as that snapshot (the encoding then costs no more
 * than what was written since, however big the document) or has grown to the row ceiling. The
 * encoding runs on a turn of its own, never in an append's; the write is one short transaction
 * (the first COMPACTED_ROWS_PER_STEP covered rows dropped with it), the other covered rows are
 * dropped a step at a time, and appends queued meanwhile go between the steps.
 */
export function createCompactor(deps: CompactorDeps) {
  /** Bytes of the document at its last snapshot (on first sight: all it held). */
  const snapshotBytes = new WeakMap<SharedDoc, number>();
  const lastWrite = new WeakMap<SharedDoc, number>();
  const quietTimers = new WeakMap<SharedDoc, NodeJS.Timeout>();

  const due = (doc: SharedDoc) => !doc.compacting && !doc.closed && doc.logRows >= deps.compactAfter;

  function urgent(doc: SharedDoc): boolean {
    if (!snapshotBytes.has(doc)) snapshotBytes.set(doc, doc.approxBytes);
    const logBytes = doc.approxBytes - snapshotBytes.get(doc)!;
    return doc.logRows >= deps.compactAfter * COMPACT_CEILING_FACTOR || logBytes >= snapshotBytes.get(doc)!;
  }

  function whenQuiet(doc: SharedDoc): void {
    if (quietTimers.has(doc)) return;
    const check = () => {
      quietTimers.delete(doc);
      if (!due(doc)) return;
      const idle = performance.now() - (lastWrite.get(doc) ?? 0);
      if (idle < COMPACT_QUIET_MS) {
        const timer = setTimeout(check, COMPACT_QUIET_MS - idle);
        timer.unref();
        quietTimers.set(doc, timer);
        return;
      }
      compact(doc);
    };
    const timer = setTimeout(check, COMPACT_QUIET_MS);
    timer.unref();
    quietTimers.set(doc, timer);
  }

  function compact(doc: SharedDoc): void {
    doc.compacting = true;
    setImmediate(() => {
      if (doc.closed) return void (doc.compacting = false);
      const seq = doc.seq;
      const rowsBefore = doc.logRows;
      const bytesBefore = doc.approxBytes;
      // From the live doc, never by merging raw updates: Y.mergeUpdates can hang on hostile input (yjs #687).
      const snapshot = Y.encodeStateAsUpdate(doc.ydoc);
      Promise.resolve(deps.beforeCompact?.(doc, seq))
        .then(() => deps.store.compact(doc.key, seq, snapshot))
        .then(() => {
          deps.metrics.compactions.inc();
          doc.logRows = Math.max(0, doc.logRows - rowsBefore);
          doc.approxBytes = snapshot.length + (doc.approxBytes - bytesBefore);
          snapshotBytes.set(doc, snapshot.length);
        })
        .catch((error: unknown) => {
          deps.metrics.errors.inc({ kind: 'compaction' });
          deps.logger.warn({ docId: doc.id, err: error }, 'compaction failed; the log stays as it is');
        })
        .finally(() => {
          doc.compacting = false;
        });
    });
  }

  return {
    /** After a document loaded or an append of it became durable: compacts now, when quiet, or not yet. */
    consider(doc: SharedDoc): void {
      lastWrite.set(doc, performance.now());
      if (!due(doc)) return;
      if (urgent(doc)) compact(doc);
      else whenQuiet(doc);
    },
  };
}
