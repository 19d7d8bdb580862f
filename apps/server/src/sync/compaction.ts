import { COMPACTED_ROWS_PER_STEP } from '@troika/db';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { DocStore } from './doc-store';
import type { SyncMetrics } from './metrics';
import type { SharedDoc } from './shared-doc';

/** A document with no write for this long is quiet: work on it then delays nobody. */
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
 * event loop, and every statement it sends holds PGlite's one thread, where appends wait behind it.
 * So a document that is due (at least `compactAfter` rows) is compacted once it is quiet; while
 * writes go on, only when the log since the last snapshot weighs as much as that snapshot (the
 * encoding then costs no more than what was written since, however big the document) or has grown
 * to the row ceiling, and then the snapshot alone is written. The encoding runs on a turn of its
 * own, never in an append's. The covered log rows are dropped only while the document is quiet, a
 * short step (COMPACTED_ROWS_PER_STEP rows) at a time: loading reads only rows after the snapshot.
 */
export function createCompactor(deps: CompactorDeps) {
  /** Bytes of the document at its last snapshot (on first sight: all it held). */
  const snapshotBytes = new WeakMap<SharedDoc, number>();
  const lastWrite = new WeakMap<SharedDoc, number>();
  const quietTimers = new WeakMap<SharedDoc, NodeJS.Timeout>();
  /** Documents whose log still holds rows at or below this snapshot's seq. */
  const toDrop = new WeakMap<SharedDoc, number>();
  const dropping = new WeakSet<SharedDoc>();

  const due = (doc: SharedDoc) => !doc.compacting && !doc.closed && doc.logRows >= deps.compactAfter;
  const quietFor = (doc: SharedDoc) => performance.now() - (lastWrite.get(doc) ?? 0);

  function urgent(doc: SharedDoc): boolean {
    if (!snapshotBytes.has(doc)) snapshotBytes.set(doc, doc.approxBytes);
    const logBytes = doc.approxBytes - snapshotBytes.get(doc)!;
    return doc.logRows >= deps.compactAfter * COMPACT_CEILING_FACTOR || logBytes >= snapshotBytes.get(doc)!;
  }

  /** Runs `onQuiet` once the document has had no write for COMPACT_QUIET_MS (one timer per document). */
  function whenQuiet(doc: SharedDoc): void {
    if (quietTimers.has(doc)) return;
    const arm = (ms: number) => {
      const timer = setTimeout(check, ms);
      timer.unref();
      quietTimers.set(doc, timer);
    };
    const check = () => {
      quietTimers.delete(doc);
      if (doc.closed) return;
      const idle = quietFor(doc);
      if (idle < COMPACT_QUIET_MS) return arm(COMPACT_QUIET_MS - idle);
      if (due(doc)) compact(doc, true);
      else if (toDrop.has(doc)) void dropCovered(doc);
    };
    arm(COMPACT_QUIET_MS);
  }

  function compact(doc: SharedDoc, quiet: boolean): void {
    doc.compacting = true;
    setImmediate(() => {
      if (doc.closed) return void (doc.compacting = false);
      const seq = doc.seq;
      const rowsBefore = doc.logRows;
      const bytesBefore = doc.approxBytes;
      // From the live doc, never by merging raw updates: Y.mergeUpdates can hang on hostile input (yjs #687).
      const snapshot = Y.encodeStateAsUpdate(doc.ydoc);
      Promise.resolve(deps.beforeCompact?.(doc, seq))
        .then(() => deps.store.compact(doc.key, seq, snapshot, quiet ? COMPACTED_ROWS_PER_STEP : 0))
        .then((dropped) => {
          deps.metrics.compactions.inc();
          doc.logRows = Math.max(0, doc.logRows - rowsBefore);
          doc.approxBytes = snapshot.length + (doc.approxBytes - bytesBefore);
          snapshotBytes.set(doc, snapshot.length);
          if (!quiet || dropped >= COMPACTED_ROWS_PER_STEP) toDrop.set(doc, Math.max(seq, toDrop.get(doc) ?? 0));
        })
        .catch((error: unknown) => {
          deps.metrics.errors.inc({ kind: 'compaction' });
          deps.logger.warn({ docId: doc.id, err: error }, 'compaction failed; the log stays as it is');
        })
        .finally(() => {
          doc.compacting = false;
          if (toDrop.has(doc)) whenQuiet(doc);
        });
    });
  }

  /** Drops the covered rows a step at a time while the document stays quiet; a write pauses it. */
  async function dropCovered(doc: SharedDoc): Promise<void> {
    if (dropping.has(doc)) return;
    dropping.add(doc);
    try {
      while (toDrop.has(doc) && !doc.closed) {
        if (quietFor(doc) < COMPACT_QUIET_MS) return whenQuiet(doc);
        const seq = toDrop.get(doc)!;
        const dropped = await deps.store.dropCompacted(doc.key, seq);
        if (dropped < COMPACTED_ROWS_PER_STEP && toDrop.get(doc) === seq) toDrop.delete(doc);
      }
    } catch (error) {
      deps.logger.warn({ docId: doc.id, err: error }, 'could not drop compacted log rows; the next compaction will');
      toDrop.delete(doc);
    } finally {
      dropping.delete(doc);
    }
  }

  return {
    /** After a document loaded or an append of it became durable: compacts now, when quiet, or not yet. */
    consider(doc: SharedDoc): void {
      lastWrite.set(doc, performance.now());
      if (due(doc) && urgent(doc)) compact(doc, false);
      else if (due(doc) || toDrop.has(doc)) whenQuiet(doc);
    },
  };
}
