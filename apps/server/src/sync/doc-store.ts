import { COMPACTED_ROWS_PER_STEP, docHeads, docSnapshots, docUpdates, type Database, type DatabaseHandle } from '@troika/db';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';

/** A document's address: one of a workspace's documents. */
export interface DocKey {
  workspaceId: string;
  doc: string;
}

export interface StoredState {
  /** The snapshot (if any) followed by every later update, in order. */
  updates: { seq: number; bytes: Uint8Array }[];
  /** The highest sequence number covered. */
  seq: number;
  /** Rows in the log after the snapshot (drives compaction). */
  logRows: number;
  bytes: number;
}

interface PendingAppend {
  key: DocKey;
  bytes: Uint8Array;
  userId: string | null;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

/** A document's key in maps and on the bus. */
export const docIdOf = (key: DocKey) => `${key.workspaceId}/${key.doc}`;

const RETRY_DELAYS_MS = [20, 100, 400];

/**
 * The per-document update log in the database. `append` is a group commit: appends that arrive
 * while a commit runs are committed together in the next one, so durability costs one commit per
 * burst. Sequence numbers come from `doc_heads`, whose row lock orders appends across instances.
 */
export class DocStore {
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;
  /** Bytes appended and not yet settled (queued or being committed). */
  pendingBytes = 0;

  private readonly db: Database;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly onBatch?: (size: number) => void,
  ) {
    this.db = database.db;
  }

  /** Appends one update; resolves with its sequence number once committed. */
  append(key: DocKey, bytes: Uint8Array, userId: string | null): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pendingBytes += bytes.length;
      this.queue.push({ key, bytes, userId, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Resolves when every append queued so far has settled. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const seqs = await this.commitWithRetry(batch);
          batch.forEach((entry, i) => entry.resolve(seqs[i]!));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        } finally {
          for (const entry of batch) this.pendingBytes -= entry.bytes.length;
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async commitWithRetry(batch: PendingAppend[]): Promise<number[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.commit(batch);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) throw error;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private commit(batch: PendingAppend[]): Promise<number[]> {
    this.onBatch?.(batch.length);
    return this.database.appendDocUpdates(
      batch.map(({ key, bytes, userId }) => ({ workspaceId: key.workspaceId, doc: key.doc, bytes, userId })),
    );
  }

  /** Reads a document: its snapshot, then the updates after it (everything after `afterSeq` when given). */
  async load(key: DocKey, afterSeq = 0): Promise<StoredState> {
    // Both reads see one snapshot of the database: a compaction committing between them (another
    // instance's) would otherwise delete the rows after the old snapshot that was just read.
    const { snapshot, rows } = await this.db.transaction(
      async (tx) => {
        const where = and(eq(docSnapshots.workspaceId, key.workspaceId), eq(docSnapshots.doc, key.doc));
        const [snapshot] = await tx.select().from(docSnapshots).where(where).limit(1);
        const from = snapshot && snapshot.seq > afterSeq ? snapshot.seq : afterSeq;
        const rows = await tx
          .select({ seq: docUpdates.seq, bytes: docUpdates.bytes })
          .from(docUpdates)
          .where(and(eq(docUpdates.workspaceId, key.workspaceId), eq(docUpdates.doc, key.doc), gt(docUpdates.seq, from)))
          .orderBy(asc(docUpdates.seq));
        return { snapshot, rows };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const updates = snapshot && snapshot.seq > afterSeq ? [{ seq: snapshot.seq, bytes: snapshot.bytes }] : [];
    updates.push(...rows);
    const seq = Math.max(afterSeq, snapshot?.seq ?? 0, rows.at(-1)?.seq ?? 0);
    const bytes = updates.reduce((sum, u) => sum + u.bytes.length, 0);
    return { updates, seq, logRows: rows.length, bytes };
  }

  /** The highest sequence number of each given document (what other instances have committed). */
  async heads(keys: DocKey[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (keys.length === 0) return result;
    const workspaceIds = [...new Set(keys.map((k) => k.workspaceId))];
    const rows = await this.db
      .select()
      .from(docHeads)
      .where(inArray(docHeads.workspaceId, workspaceIds));
    for (const row of rows) result.set(`${row.workspaceId}/${row.doc}`, row.seq);
    return result;
  }

  /**
   * Stores a snapshot holding at least the updates up to `seq`, and drops up to `dropRows` of the
   * oldest log rows it covers in the same transaction (resolves with how many). A snapshot never
   * goes backwards: a concurrent, older compaction leaves the newer one in place.
   */
  compact(key: DocKey, seq: number, snapshot: Uint8Array, dropRows = 0): Promise<number> {
    return this.database.writeSnapshot({ workspaceId: key.workspaceId, doc: key.doc, seq, bytes: snapshot }, dropRows);
  }

  /** Drops one step (COMPACTED_ROWS_PER_STEP) of the oldest log rows at or below `seq`; resolves with how many. */
  dropCompacted(key: DocKey, seq: number): Promise<number> {
    return this.database.deleteCompacted(key, seq, COMPACTED_ROWS_PER_STEP);
  }
}
