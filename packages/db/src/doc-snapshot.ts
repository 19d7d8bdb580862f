import { quoteText } from './doc-log';

/** A document's snapshot: every update up to and including `seq`, merged. */
export interface SnapshotEntry {
  workspaceId: string;
  doc: string;
  seq: number;
  bytes: Uint8Array;
}

/**
 * Log rows dropped per statement once a snapshot covers them: each statement stays short, so that
 * the appends queued behind it (PGlite runs one statement at a time) wait milliseconds, not the
 * time of a whole log.
 */
export const COMPACTED_ROWS_PER_STEP = 200;

/**
 * Writes the snapshot unless a newer one is there (a snapshot never goes backwards). Parameters:
 * workspace, doc, seq, bytes.
 */
const upsertSnapshot = (bytes: string) => `insert into doc_snapshots (workspace_id, doc, seq, bytes) values ($1, $2, $3, ${bytes})
on conflict (workspace_id, doc) do update set seq = excluded.seq, bytes = excluded.bytes, updated_at = now()
where doc_snapshots.seq < excluded.seq`;

/**
 * Drops the oldest log rows of a document at or below seq $3, at most $4 of them: a range from
 * the oldest row (found by the primary key), so the step costs what it drops. Loading reads only
 * rows after the snapshot, so rows left for later are dead weight, not wrong.
 */
export const DELETE_COMPACTED = `delete from doc_updates where workspace_id = $1 and doc = $2 and seq <= least($3::bigint,
  (select min(seq) from doc_updates where workspace_id = $1 and doc = $2) + $4::bigint - 1)`;

/** For PostgreSQL: the snapshot with parameters ($4 the bytes); with a first step of `DELETE_COMPACTED` in one transaction. */
export const WRITE_SNAPSHOT_WITH_PARAMETERS = upsertSnapshot('$4');

/**
 * For PGlite: the same as one simple query (one transaction, one message to its thread), the bytes
 * read from the query's blob (`/dev/blob`). Passing them as a bytea parameter or literal makes PGlite
 * write and parse them as hex text: measured (2 cores under load, 2026-12-03) 350 to 520 ms for a
 * 300 KB snapshot against 18 ms from the blob.
 */
export function writeSnapshotFromBlob(entry: SnapshotEntry, dropRows: number): string {
  const values = [quoteText(entry.workspaceId), quoteText(entry.doc), String(Math.trunc(entry.seq)), String(Math.trunc(dropRows))];
  const upsert = bindLiterals(upsertSnapshot("pg_read_binary_file('/dev/blob')"), values);
  // PGlite adds up affectedRows over a query's statements: the rows returned count the dropped ones.
  return dropRows > 0 ? `${upsert};\n${bindLiterals(DELETE_COMPACTED, values)} returning seq` : upsert;
}

/** `DELETE_COMPACTED` with its values written in, for PGlite (literals run faster there than parameters), returning the rows dropped. */
export function deleteCompactedLiteral(workspaceId: string, doc: string, seq: number, limit: number): string {
  return `${bindLiterals(DELETE_COMPACTED, [quoteText(workspaceId), quoteText(doc), String(Math.trunc(seq)), String(Math.trunc(limit))])} returning seq`;
}

/** Puts values (already quoted) in place of $1, $2...: in one pass, so that a value is never read again. */
function bindLiterals(sql: string, values: string[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]!);
}
