import { docEditCursors, docUpdates, type DatabaseHandle } from '@troika/db';
import type { HistoryDoc, TouchedEntry } from '@troika/model';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Logger } from '../logger';
import type { DocKey } from '../sync/doc-store';
import { appendEdits, type Edit } from './edit-log';
import { touchedEntries } from './touched-entries';

/**
 * How long appended updates wait to be read for attribution: one batch, one insert, per window.
 * On PGlite a batch's transaction holds the database's one session, and appends wait behind it: at
 * 200 ms those waits set the p99 of a busy document's deliveries (tests/load/RESULTS.md, 2026-12-04).
 */
const FLUSH_MS = 1000;

interface Appended {
  key: DocKey;
  doc: Y.Doc;
  update: Uint8Array;
  actorId: string | null;
  seq: number;
  at: Date;
}

/** What a batch of updates touched in one document, for the history service (auto and meeting versions). */
export interface TouchedBatch {
  key: DocKey;
  doc: Y.Doc;
  entries: TouchedEntry[];
  /** Only from updates appended now, not read back after a restart. */
  live: boolean;
}

/**
 * Records who edited which entry (`doc_edits`) from the updates the engine appends. The engine only
 * hands each update over; reading and storing happen in the background, in batches. A per-document
 * cursor (`doc_edit_cursors`) says how far the log is recorded: after a crash the rest is read back
 * from the log when the document loads, and compaction waits for the recorder before it drops rows.
 */
export class EditRecorder {
  private queue: Appended[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly catchingUp = new Map<string, Promise<void>>();
  /** Milliseconds spent reading updates for attribution (for the benchmark). */
  busyMs = 0;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger: Logger,
    private readonly onTouched: (batch: TouchedBatch) => void,
  ) {}

  /** Takes an appended update, applied at `at` (the engine's clock); returns at once. */
  push(key: DocKey, doc: Y.Doc, update: Uint8Array, actorId: string | null, seq: number, at: Date): void {
    this.queue.push({ key, doc, update, actorId, seq, at });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_MS);
  }

  /** Records everything handed over so far (and any catch-up under way); resolves when stored. */
  flush(): Promise<void> {
    const batch = this.queue.splice(0);
    const run = this.flushing.then(() => (batch.length > 0 ? this.store(batch, true) : undefined));
    this.flushing = run.catch((error) => this.logger.error({ err: error }, 'edit attribution not stored'));
    return Promise.all([this.flushing, ...this.catchingUp.values()]).then(() => {});
  }

  /** After a load: records the log rows after the cursor (appended before a crash, never recorded). */
  catchUp(key: DocKey, doc: Y.Doc, loadedSeq: number): void {
    const id = `${key.workspaceId}/${key.doc}`;
    const run = (this.catchingUp.get(id) ?? Promise.resolve())
      .then(() => this.readBack(key, doc, loadedSeq))
      .catch((error) => this.logger.error({ err: error, docId: id }, 'edit attribution catch-up failed'))
      .finally(() => {
        if (this.catchingUp.get(id) === run) this.catchingUp.delete(id);
      });
    this.catchingUp.set(id, run);
  }

  private async readBack(key: DocKey, doc: Y.Doc, loadedSeq: number): Promise<void> {
    const db = this.database.db;
    const [cursor] = await db
      .select({ seq: docEditCursors.seq })
      .from(docEditCursors)
      .where(and(eq(docEditCursors.workspaceId, key.workspaceId), eq(docEditCursors.doc, key.doc)));
    const rows = await db
      .select({ seq: docUpdates.seq, bytes: docUpdates.bytes, userId: docUpdates.userId, at: docUpdates.createdAt })
      .from(docUpdates)
      .where(
        and(eq(docUpdates.workspaceId, key.workspaceId), eq(docUpdates.doc, key.doc), gt(docUpdates.seq, cursor?.seq ?? 0), lte(docUpdates.seq, loadedSeq)),
      )
      .orderBy(asc(docUpdates.seq));
    if (rows.length === 0) return;
    await this.store(
      rows.map((r) => ({ key, doc, update: r.bytes, actorId: r.userId, seq: r.seq, at: r.at })),
      false,
    );
  }

  private async store(batch: Appended[], live: boolean): Promise<void> {
    const started = performance.now();
    const rows = new Map<string, { key: DocKey; edits: Map<string, Edit> }>();
    const cursors = new Map<string, { workspaceId: string; doc: string; seq: number }>();
    const touched = new Map<string, TouchedBatch & { seen: Set<string> }>();
    for (const a of batch) {
      const docId = `${a.key.workspaceId}/${a.key.doc}`;
      let entries: TouchedEntry[] = [];
      try {
        entries = touchedEntries(a.key.doc as HistoryDoc, a.doc, a.update);
      } catch (error) {
        this.logger.warn({ err: error, docId }, 'could not read which entries an update touched');
      }
      // One edit per person, field and second: a burst of typing is one. An entry added brings its
      // fields with it: the addition alone is recorded.
      const second = Math.floor(a.at.getTime() / 1000);
      const added = new Set(entries.filter((e) => e.field === null).map((e) => `${e.kind}\n${e.id}`));
      let group = rows.get(docId);
      if (!group) rows.set(docId, (group = { key: a.key, edits: new Map() }));
      for (const e of entries) {
        if (e.field !== null && added.has(`${e.kind}\n${e.id}`)) continue;
        const field = e.field ?? '';
        group.edits.set(`${e.kind}\n${e.id}\n${field}\n${a.actorId}\n${second}`, { kind: e.kind, entryId: e.id, field, userId: a.actorId, at: a.at });
      }
      const cursor = cursors.get(docId);
      if (!cursor || cursor.seq < a.seq) cursors.set(docId, { workspaceId: a.key.workspaceId, doc: a.key.doc, seq: a.seq });
      let followed = touched.get(docId);
      if (!followed) touched.set(docId, (followed = { key: a.key, doc: a.doc, entries: [], live, seen: new Set() }));
      for (const e of entries) {
        const k = `${e.kind}\n${e.id}\n${e.field ?? ''}`;
        if (!followed.seen.has(k)) followed.seen.add(k), followed.entries.push(e);
      }
    }
    this.busyMs += performance.now() - started;
    const moveCursors = (db: DatabaseHandle['db']) =>
      db
        .insert(docEditCursors)
        .values([...cursors.values()])
        .onConflictDoUpdate({ target: [docEditCursors.workspaceId, docEditCursors.doc], set: { seq: sql`greatest(${docEditCursors.seq}, excluded.seq)` } });
    if ([...rows.values()].every(({ edits }) => edits.size === 0)) {
      // Nothing to attribute (e.g. typing outside any entry): one statement, no transaction to wait behind.
      if (cursors.size > 0) await moveCursors(this.database.db);
    } else {
      await this.database.db.transaction(async (tx) => {
        for (const { key, edits } of rows.values()) if (edits.size > 0) await appendEdits(tx, key, [...edits.values()]);
        await moveCursors(tx);
      });
    }
    for (const { seen: _s, ...group } of touched.values()) {
      try {
        this.onTouched(group);
      } catch (error) {
        this.logger.error({ err: error }, 'history follow-up failed');
      }
    }
  }

  /** Stops the timer and records what is queued. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
