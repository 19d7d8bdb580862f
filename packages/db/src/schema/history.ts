import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './bytea';
import { workspaces } from './workspaces';

/**
 * Versions of a document (see "History" in DESIGN.md). A version's state is a Yjs update: the whole
 * document when `baseId` is null (a keyframe), else only what changed since the version `baseId`
 * (structs after its state vector, deletions it lacked). Reading one applies its chain from the keyframe.
 */
export const docVersions = pgTable(
  'doc_versions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    name: text('name').notNull().default(''),
    /** 'auto' | 'named' | 'meeting' | 'restore' (made just before a restore). */
    kind: text('kind').notNull(),
    /** The user ids (or `token:<id>`) who edited the document since the version before. */
    by: jsonb('by').$type<string[]>().notNull().default([]),
    /** Who asked for it (named versions and restores); null when the server made it. */
    createdBy: text('created_by'),
    /** For `meeting` versions: the meeting, and whether it `start`ed or `end`ed. */
    meetingId: text('meeting_id'),
    event: text('event'),
    baseId: text('base_id'),
    /** Versions since the last keyframe (0 for a keyframe). */
    chain: integer('chain').notNull().default(0),
    state: bytea('state').notNull(),
    stateVector: bytea('state_vector').notNull(),
  },
  (t) => [index('doc_versions_doc_at_idx').on(t.workspaceId, t.doc, t.at), index('doc_versions_meeting_idx').on(t.workspaceId, t.meetingId)],
);

/**
 * Who edited which entry of a document, and when: recorded by the server from each update it
 * appends, so attribution outlives the compaction of `doc_updates`. One row per document and hour:
 * `edits` packs the hour's edits (kind, entry id, field, person as an index into `users`,
 * milliseconds into the hour; see apps/server/src/history/edit-log.ts), about 25 bytes each instead
 * of a row each. Edits of one person to one field within a second are one.
 */
export const docEdits = pgTable(
  'doc_edits',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    /** The people of `edits` (user ids, `token:<id>`, or '' for the server), by index. */
    users: jsonb('users').$type<string[]>().notNull().default([]),
    edits: bytea('edits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.doc, t.hour] })],
);

/** The highest log sequence number whose edits are in `doc_edits`, per document (catch-up after a crash starts there). */
export const docEditCursors = pgTable(
  'doc_edit_cursors',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    doc: text('doc').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.doc] })],
);
