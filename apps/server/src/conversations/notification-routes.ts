import { memberships, notifications, type Database } from '@troika/db';
import { markReadSchema, notificationsQuerySchema, type NotificationView } from '@troika/model';
import { and, count, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireUser } from '../auth/middleware';
import { conversationsOf, type AppDeps, type AppEnv } from '../context';
import { jsonBody, queryOf } from '../http/validate';
import { viewOf } from './notifier';

/** How many missed notifications a reconnecting stream is sent (Last-Event-ID); the inbox has the rest. */
const REPLAY_MAX = 100;

/**
 * The caller's notifications, only from workspaces they are still a member of: a member who left
 * keeps nothing from it in their inbox (and is sent nothing new, see notifier.ts).
 */
function ownNotifications(db: Database, userId: string) {
  return db
    .select({
      id: notifications.id,
      workspaceId: notifications.workspaceId,
      kind: notifications.kind,
      at: notifications.at,
      actorId: notifications.actorId,
      actorName: notifications.actorName,
      target: notifications.target,
      threadId: notifications.threadId,
      text: notifications.text,
      read: notifications.read,
    })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.workspaceId, notifications.workspaceId), eq(memberships.userId, notifications.userId)))
    .$dynamic();
}

/** Unread notifications per workspace (only those the caller is still a member of). */
async function unreadByWorkspace(db: Database, userId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ workspaceId: notifications.workspaceId, n: count() })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.workspaceId, notifications.workspaceId), eq(memberships.userId, notifications.userId)))
    .where(and(eq(notifications.userId, userId), eq(notifications.read, false)))
    .groupBy(notifications.workspaceId);
  return Object.fromEntries(rows.map((r) => [r.workspaceId, Number(r.n)]));
}

async function unreadCount(db: Database, userId: string): Promise<number> {
  return Object.values(await unreadByWorkspace(db, userId)).reduce((sum, n) => sum + n, 0);
}

/** The inbox (`/api/notifications`), marking read, and the live stream (Server-Sent Events). People only: an API token has no inbox (401). */
export function notificationRoutes(deps: AppDeps) {
  const db = deps.database.db;

  return new Hono<AppEnv>()
    .get('/notifications', queryOf(notificationsQuerySchema), async (c) => {
      const user = requireUser(c);
      const q = c.req.valid('query');
      const rows = await ownNotifications(db, user.userId)
        .where(
          and(
            eq(notifications.userId, user.userId),
            q.unread === 'true' ? eq(notifications.read, false) : undefined,
            q.before ? lt(notifications.id, q.before) : undefined,
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(q.limit);
      // The bell of each workspace and the workspaces list count beyond the page of `limit` loaded.
      const byWorkspace = await unreadByWorkspace(db, user.userId);
      const unread = Object.values(byWorkspace).reduce((sum, n) => sum + n, 0);
      return c.json({ notifications: rows.map(viewOf), unread, unreadByWorkspace: byWorkspace }, 200);
    })

    .post('/notifications/read', jsonBody(markReadSchema), async (c) => {
      const user = requireUser(c);
      const input = c.req.valid('json');
      await db
        .update(notifications)
        .set({ read: true })
        .where(and(eq(notifications.userId, user.userId), 'ids' in input ? inArray(notifications.id, input.ids) : eq(notifications.read, false)));
      return c.body(null, 204);
    })

    .get('/notifications/stream', async (c) => {
      const user = requireUser(c);
      conversationsOf(deps);
      const lastEventId = c.req.header('last-event-id');
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const finished = new Promise<void>((resolve) => (finish = resolve));
        const send = (n: NotificationView) => stream.writeSSE({ event: 'notification', id: n.id, data: JSON.stringify(n) }).catch(finish);
        const remove = conversationsOf(deps).hub.add({
          userId: user.userId,
          sessionId: user.sessionId,
          send: (n) => void send(n),
          close: (reason) => void stream.writeSSE({ event: 'close', data: JSON.stringify({ reason }) }).finally(finish),
        });
        stream.onAbort(finish);
        // Comment lines keep proxies and the browser from timing out an idle stream; EventSource ignores them.
        const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n').catch(finish), deps.config.NOTIFY_HEARTBEAT_MS);
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ unread: await unreadCount(db, user.userId) }) });
          if (lastEventId && /^[a-z0-9]{1,40}$/.test(lastEventId)) {
            const missed = await ownNotifications(db, user.userId)
              .where(and(eq(notifications.userId, user.userId), gt(notifications.id, lastEventId)))
              .orderBy(notifications.id)
              .limit(REPLAY_MAX);
            for (const row of missed) await send(viewOf(row));
          }
          await finished;
        } finally {
          clearInterval(heartbeat);
          remove();
        }
      });
    });
}
