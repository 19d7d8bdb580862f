import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';
import { workspaces } from './workspaces';

/**
 * A person's notifications (DESIGN.md "Conversations"). Ids sort by time (a base36 time prefix), so
 * "newest first" and `before=<id>` paging are one index scan.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** 'mention' | 'reply' | 'action' | 'kpi-status' | 'approval'. */
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Who did it: a user id, `token:<id>`, or null for the server (a KPI's status change). */
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    /** `{kind, id}` of the object, or null. */
    target: jsonb('target').$type<{ kind: string; id: string } | null>(),
    threadId: text('thread_id'),
    text: text('text').notNull(),
    read: boolean('read').notNull().default(false),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.id)],
);

/**
 * What the server last saw of things it watches for changes (a KPI's status, a meeting action's
 * owner, a decision), per workspace. A change is claimed by updating its row only when the value
 * differs, so with several instances exactly one notifies.
 */
export const watchMarks = pgTable(
  'watch_marks',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/** Owners' webhooks: a URL, the events it wants and the secret its deliveries are signed with. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    /** Kept as is: the server signs with it (HMAC), so it cannot be stored hashed. */
    secret: text('secret').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
);

/**
 * The durable delivery queue: a row per (webhook, event), written before anything is sent. A worker
 * claims a due row by pushing `next_attempt_at` past its request timeout, so a server killed
 * mid-delivery leaves the row to be picked up again (at least once).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    /** The exact JSON body that is signed and sent, on every attempt. */
    payload: text('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When it is due; null once delivered or given up. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_idx').on(t.webhookId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
  ],
);
