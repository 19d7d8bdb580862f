import { docEdits, type DatabaseHandle } from '@troika/db';
import { ENTRY_KINDS, type EntryKind } from '@troika/model';
import { and, eq, gte, lt, lte, sql } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DocKey } from '../sync/doc-store';

// The attribution log: per document and hour, one row whose `edits` packs that hour's edits as
// varuint kind, varstring entry id, varstring field, varuint person (index into `users`), varuint
// milliseconds into the hour. Appending is a bytea concatenation under the row's lock.

const HOUR_MS = 3_600_000;

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
    encoding.writeVarUint(encoder, Math.max(0, e.at.getTime() - hour.getTime()));
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
    const at = new Date(hour.getTime() + decoding.readVarUint(decoder));
    out.push({ kind, entryId, field, userId: user === '' ? null : user, at });
  }
  return out;
}

/** Appends edits to their documents' hourly rows, in the transaction `tx` (one row lock per document and hour). */
export async function appendEdits(tx: DatabaseHandle['db'], key: DocKey, edits: readonly Edit[]): Promise<void> {
  const byHour = new Map<number, Edit[]>();
  for (const e of edits) {
    const hour = hourOf(e.at).getTime();
    const list = byHour.get(hour) ?? [];
    list.push(e);
    byHour.set(hour, list);
  }
  for (const [time, list] of byHour) {
    const hour = new Date(time);
    const where = and(eq(docEdits.workspaceId, key.workspaceId), eq(docEdits.doc, key.doc), eq(docEdits.hour, hour));
    await tx.insert(docEdits).values({ workspaceId: key.workspaceId, doc: key.doc, hour, users: [], edits: new Uint8Array() }).onConflictDoNothing();
    const [row] = await tx.select({ users: docEdits.users }).from(docEdits).where(where).for('update');
    const users = [...(row?.users ?? [])];
    const index = (userId: string | null) => {
      const name = userId ?? '';
      let i = users.indexOf(name);
      if (i < 0) i = users.push(name) - 1;
      return i;
    };
    const bytes = encodeEdits(list, index, hour);
    await tx
      .update(docEdits)
      .set({ users, edits: sql`${docEdits.edits} || ${bytes}` })
      .where(where);
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
