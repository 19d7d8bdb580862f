import { docEdits, type DatabaseHandle } from '@troika/db';
import { ENTRY_KINDS, type EntryKind } from '@troika/model';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DocKey } from '../sync/doc-store';

// The attribution log: rows of packed edits per document, each row holding edits of one clock hour
// (`hour` is the row's start, inside that hour) and at most about BUCKET_BYTES of them, so appending,
// a bytea concatenation under the row's lock, never rewrites much. An edit is: varuint kind, varstring
// entry id, varstring field, varuint person (index into `users`), varint milliseconds from `hour`.

const HOUR_MS = 3_600_000;
/** A row takes edits until it holds this many bytes; then the next edits open a new row. */
const BUCKET_BYTES = 8 * 1024;

/** One recorded edit: who touched which field of which entry, when (the person is null for the server). */
export interface Edit {
  kind: EntryKind;
  entryId: string;
  field: string;
  userId: string | null;
  at: Date;
}

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

function encodeEdits(edits: readonly Edit[], userIndex: (userId: string | null) => number, hour: Date): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const e of edits) {
    encoding.writeVarUint(encoder, Math.max(0, ENTRY_KINDS.indexOf(e.kind)));
    encoding.writeVarString(encoder, e.entryId);
    encoding.writeVarString(encoder, e.field);
    encoding.writeVarUint(encoder, userIndex(e.userId));
    encoding.writeVarInt(encoder, e.at.getTime() - hour.getTime());
  }
  return encoding.toUint8Array(encoder);
}

function decodeEdits(bytes: Uint8Array, users: readonly string[], hour: Date): Edit[] {
  const decoder = decoding.createDecoder(bytes);
  const out: Edit[] = [];
  while (decoding.hasContent(decoder)) {
    const kind = ENTRY_KINDS[decoding.readVarUint(decoder)] ?? 'kpi';
    const entryId = decoding.readVarString(decoder);
    const field = decoding.readVarString(decoder);
    const user = users[decoding.readVarUint(decoder)] ?? '';
    const at = new Date(hour.getTime() + decoding.readVarInt(decoder));
    out.push({ kind, entryId, field, userId: user === '' ? null : user, at });
  }
  return out;
}

/** Appends edits to their document's rows, in the transaction `tx` (under the row's lock). */
export async function appendEdits(tx: DatabaseHandle['db'], key: DocKey, edits: readonly Edit[]): Promise<void> {
  const byHour = new Map<number, Edit[]>();
  for (const e of edits) {
    const hour = hourOf(e.at).getTime();
    const list = byHour.get(hour) ?? [];
    list.push(e);
    byHour.set(hour, list);
  }
  for (const [time, list] of byHour) {
    const ofDoc = and(eq(docEdits.workspaceId, key.workspaceId), eq(docEdits.doc, key.doc));
    const latest = () =>
      tx
        .select({ hour: docEdits.hour, users: docEdits.users, size: sql<number>`octet_length(${docEdits.edits})`.mapWith(Number) })
        .from(docEdits)
        .where(and(ofDoc, gte(docEdits.hour, new Date(time)), lt(docEdits.hour, new Date(time + HOUR_MS))))
        .orderBy(desc(docEdits.hour))
        .limit(1)
        .for('update');
    let [row] = await latest();
    if (!row || row.size >= BUCKET_BYTES) {
      const start = new Date(Math.min(...list.map((e) => e.at.getTime())));
      await tx.insert(docEdits).values({ workspaceId: key.workspaceId, doc: key.doc, hour: start, users: [], edits: new Uint8Array() }).onConflictDoNothing();
      [row] = await latest();
    }
    const users = [...row!.users];
    const index = (userId: string | null) => {
      const name = userId ?? '';
      let i = users.indexOf(name);
      if (i < 0) i = users.push(name) - 1;
      return i;
    };
    const bytes = encodeEdits(list, index, row!.hour);
    await tx
      .update(docEdits)
      .set({ users, edits: sql`${docEdits.edits} || ${bytes}` })
      .where(and(ofDoc, eq(docEdits.hour, row!.hour)));
  }
}

/** The edits of a document in (from, to], oldest hour first. */
export async function readEdits(db: DatabaseHandle['db'], key: DocKey, from: Date | null, to: Date | null = null): Promise<Edit[]> {
  const rows = await db
    .select({ hour: docEdits.hour, users: docEdits.users, edits: docEdits.edits })
    .from(docEdits)
    .where(
      and(
        eq(docEdits.workspaceId, key.workspaceId),
        eq(docEdits.doc, key.doc),
        from ? gte(docEdits.hour, hourOf(from)) : undefined,
        to ? lte(docEdits.hour, to) : undefined,
      ),
    )
    .orderBy(docEdits.hour);
  const out: Edit[] = [];
  for (const row of rows) {
    for (const e of decodeEdits(row.edits, row.users, row.hour)) {
      if ((from === null || e.at.getTime() > from.getTime()) && (to === null || e.at.getTime() <= to.getTime())) out.push(e);
    }
  }
  return out;
}

/** Deletes the hours of attribution that ended before `before`. */
export async function pruneEdits(db: DatabaseHandle['db'], before: Date): Promise<void> {
  await db.delete(docEdits).where(lt(docEdits.hour, new Date(before.getTime() - HOUR_MS)));
}
