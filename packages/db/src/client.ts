import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { APPEND_WITH_PARAMETERS, PREPARE_APPEND_DOC, appendExecutes, appendParameters, type HeadRow, type LogEntry } from './doc-log';
import { COMPACTED_ROWS_PER_STEP, DELETE_COMPACTED, WRITE_SNAPSHOT_WITH_PARAMETERS, deleteCompactedLiteral, writeSnapshotFromBlob, type SnapshotEntry } from './doc-snapshot';
import { PGliteThread } from './pglite-thread-client';
import * as schema from './schema/index';

/** The drizzle database, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /**
   * Appends updates to their documents' logs (`doc_updates`) in one statement and one transaction,
   * numbering each after its document's head; resolves with each entry's sequence number. The sync
   * engine's hot path, so it bypasses drizzle (see doc-log.ts).
   */
  appendDocUpdates(entries: LogEntry[]): Promise<number[]>;
  /**
   * Writes a document's snapshot (unless a newer one is stored) and drops up to `dropRows` of the
   * oldest log rows it covers, in one transaction; resolves with the rows dropped.
   */
  writeSnapshot(entry: SnapshotEntry, dropRows?: number): Promise<number>;
  /** Drops up to `limit` more log rows of a document at or below `seq`; resolves with how many. */
  deleteCompacted(key: { workspaceId: string; doc: string }, seq: number, limit?: number): Promise<number>;
  /** Applies the committed SQL migrations that have not run yet. */
  migrate(): Promise<void>;
  /**
   * Calls `listener` when the database is gone for good: PGlite's thread died (PostgreSQL's driver
   * reconnects by itself and never calls it).
   */
  onLost(listener: (error: Error) => void): void;
  /** Gives back what the driver holds beyond its needs (PGlite: its thread's heap), for when the server is quiet. */
  releaseMemory(): Promise<void>;
  /** Answers a trivial query: used by /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite's folder; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Where the drizzle-kit migrations live (defaults to this package's `drizzle/`). */
  migrationsFolder?: string | undefined;
  /** PostgreSQL pool size. */
  maxConnections?: number | undefined;
}

/** The committed migrations of this package, when run from source. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Opens PGlite in `dataDir` (default) or PostgreSQL when `databaseUrl` is set. Does not migrate. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema });
    const BYTEA_ARRAY_OID = 1001;
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      appendDocUpdates: async (entries) => {
        const { params, seqs } = appendParameters(entries, (items) => client.array(items as Buffer[], BYTEA_ARRAY_OID));
        const heads = await client.unsafe<HeadRow[]>(APPEND_WITH_PARAMETERS, params as never[], { prepare: true });
        return seqs(heads);
      },
      writeSnapshot: (entry, dropRows = 0) =>
        client.begin(async (tx) => {
          const { workspaceId, doc, seq, bytes } = entry;
          await tx.unsafe(WRITE_SNAPSHOT_WITH_PARAMETERS, [workspaceId, doc, seq, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)] as never[], { prepare: true });
          if (dropRows <= 0) return 0;
          return (await tx.unsafe(DELETE_COMPACTED, [workspaceId, doc, seq, dropRows] as never[], { prepare: true })).count;
        }) as Promise<number>,
      deleteCompacted: async ({ workspaceId, doc }, seq, limit = COMPACTED_ROWS_PER_STEP) =>
        (await client.unsafe(DELETE_COMPACTED, [workspaceId, doc, seq, limit] as never[], { prepare: true })).count,
      migrate: () => migratePostgres(db, { migrationsFolder }),
      onLost: () => {},
      releaseMemory: async () => {},
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  // On its own thread: PGlite's Postgres runs as WebAssembly and would otherwise take the event loop.
  const client = await PGliteThread.open(options.dataDir ?? './data');
  const db = drizzlePglite(client as unknown as PGlite, { schema });
  let preparing: Promise<unknown> | null = null;
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    appendDocUpdates: async (entries) => {
      preparing ??= client.exec(PREPARE_APPEND_DOC).catch((error) => {
        preparing = null;
        throw error;
      });
      await preparing;
      const { sql, seqs } = appendExecutes(entries);
      const results = await client.exec(sql);
      return seqs(results.flatMap((r) => r.rows as HeadRow[]));
    },
    writeSnapshot: async (entry, dropRows = 0) => {
      const results = await client.execWithBlob(writeSnapshotFromBlob(entry, dropRows), entry.bytes);
      return results[1]?.rows.length ?? 0;
    },
    deleteCompacted: async ({ workspaceId, doc }, seq, limit = COMPACTED_ROWS_PER_STEP) => {
      const results = await client.exec(deleteCompactedLiteral(workspaceId, doc, seq, limit));
      return results[0]?.rows.length ?? 0;
    },
    migrate: () => migratePglite(db, { migrationsFolder }),
    onLost: (listener) => client.onLost(listener),
    releaseMemory: () => client.collectGarbage(),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
