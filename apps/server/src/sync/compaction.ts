import { COMPACTED_ROWS_PER_STEP } from '@troika/db';
import type { Logger } from '../logger';
import type { DocStore } from './doc-store';
import type { SyncMetrics } from './metrics';
import type { SharedDoc } from './shared-doc';
import type { SnapshotEncoder } from './snapshot-encoder';

/** A document with no write for this long is quiet: work on it then delays nobody. */
export const COMPACT_QUIET_MS = 1000;
/** While writes go on, the log is compacted at the latest at this many times SYNC_COMPACT_AFTER rows (loading stays fast). */
export const COMPACT_CEILING_FACTOR = 10;

export interface CompactorDeps {
  store: DocStore;
  metrics: SyncMetrics;
  logger: Logger;
  /** Encodes a document's snapshot from its parts, off the event loop. */
  encoder: SnapshotEncoder;
  /** Log rows after which a document is due for compaction. */
  compactAfter: number;
  /** Waited for before the log rows up to `seq` are dropped (history records who wrote them). */
  beforeCompact?: (doc: SharedDoc, seq: number) => Promise<void> | void;
}

/**
 * When and how a document's log becomes a snapshot. The snapshot is encoded on a worker thread from
 * the parts the document keeps (snapshot-encoder.ts): the event loop only lays them end to end,
 * whatever the document weighs. But the snapshot's write holds PGlite's one thread, where appends
 * wait behind it (5 to 23 ms for 30 to 290 KB), and the worker takes a core for about five times what
 * encoding the live document would cost (it applies the parts again). So a document that is due (at
 * least `compactAfter` rows) is compacted once it is quiet; while writes go on, only when its log
 * reaches the row ceiling (loading then still reads at most that many rows), and then the snapshot
 * alone is written. The covered log rows are dropped only while the document is quiet, a short step
 * (COMPACTED_ROWS_PER_STEP rows) at a time: loading reads only rows after the snapshot.
 */
export function createCompactor(deps: CompactorDeps) {
  const lastWrite = new WeakMap<SharedDoc, number>();
  const quietTimers = new WeakMap<SharedDoc, NodeJS.Timeout>();
  /** Documents whose log still holds rows at or below this snapshot's seq. */
  const toDrop = new WeakMap<SharedDoc, number>();
  const dropping = new WeakSet<SharedDoc>();

  const due = (doc: SharedDoc) => !doc.compacting && !doc.closed && doc.logRows >= deps.compactAfter;
  const quietFor = (doc: SharedDoc) => performance.now() - (lastWrite.get(doc) ?? 0);
  const urgent = (doc: SharedDoc) => doc.logRows >= deps.compactAfter * COMPACT_CEILING_FACTOR;

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
      if (due(doc)) void compact(doc, true);
      else if (toDrop.has(doc)) void dropCovered(doc);
    };
    arm(COMPACT_QUIET_MS);
  }

  function compact(doc: SharedDoc, quiet: boolean): Promise<void> {
    doc.compacting = true;
    // Taken in one turn: the parts hold every update up to `seq` (and maybe some after it, whose
    // appends are under way: a snapshot may hold more than it says, never less).
    const seq = doc.seq;
    const rowsBefore = doc.logRows;
    const bytesBefore = doc.approxBytes;
    const { parts, ydoc } = doc.currentParts;
    return deps.encoder
      .encode(parts)
      .then(async (snapshot) => {
        doc.compactedParts(ydoc, parts.length, snapshot);
        await deps.beforeCompact?.(doc, seq);
        const dropped = await deps.store.compact(doc.key, seq, snapshot, quiet ? COMPACTED_ROWS_PER_STEP : 0);
        deps.metrics.compactions.inc();
        doc.logRows = Math.max(0, doc.logRows - rowsBefore);
        doc.approxBytes = snapshot.length + (doc.approxBytes - bytesBefore);
        if (!quiet || dropped >= COMPACTED_ROWS_PER_STEP) toDrop.set(doc, Math.max(seq, toDrop.get(doc) ?? 0));
      })
      .catch((error: unknown) => {
        if (doc.closed) return;
        deps.metrics.errors.inc({ kind: 'compaction' });
        deps.logger.warn({ docId: doc.id, err: error }, 'compaction failed; the log stays as it is');
      })
      .finally(() => {
        doc.compacting = false;
        if (toDrop.has(doc)) whenQuiet(doc);
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
      if (due(doc) && urgent(doc)) void compact(doc, false);
      else if (due(doc) || toDrop.has(doc)) whenQuiet(doc);
    },
    /** Before a document leaves memory (its writes durable): compacts it now if it is due; resolves when done. */
    beforeUnload(doc: SharedDoc): Promise<void> {
      return due(doc) ? compact(doc, true) : Promise.resolve();
    },
  };
}
