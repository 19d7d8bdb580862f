import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { workspaces } from './workspaces';

/**
 * The append-only log of a document's Yjs updates. An update is appended here before it is sent to
 * anyone, so this table is the truth; `seq` orders a document's updates without gaps.
 */
export const docUpdates = pgTable(
  'doc_updates',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    bytes: bytea('bytes').notNull(),
    /** Who sent it (a user id, `token:<id>` for an API token, or null for the server itself). */
    userId: text('user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.doc, t.seq] })],
);

/**
 * A compacted document: every update up to and including `seq`, merged. `bytes` is stored
 * uncompressed (STORAGE EXTERNAL, set by migration 0004: drizzle cannot declare it): the snapshot's
 * write is five times shorter for the appends waiting behind it.
 */
export const docSnapshots = pgTable(
  'doc_snapshots',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    bytes: bytea('bytes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.doc] })],
);

/**
 * The last sequence number handed out per document. Appends bump it with an upsert whose row lock
 * orders concurrent appends (also across server instances), so `seq` has no duplicates or holes.
 */
export const docHeads = pgTable(
  'doc_heads',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.doc] })],
);
