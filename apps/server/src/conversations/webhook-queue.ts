import { webhookDeliveries, webhooks, type Database } from '@troika/db';
import { newId, type WebhookEvent } from '@troika/model';
import { eq } from 'drizzle-orm';

/** The body a webhook receives (DESIGN.md "Conversations"). */
export interface WebhookPayload {
  id: string;
  event: WebhookEvent;
  workspaceId: string;
  at: string;
  text: string;
  data: Record<string, unknown>;
}

/** A time-ordered id: the time in base36, then randomness (ids sort by when they were made). */
export const timeOrderedId = () => Date.now().toString(36).padStart(10, '0') + newId(10);

/** A workspace's webhooks and the events each wants. */
export type HookList = { id: string; events: string[] }[];

/** The workspace's webhooks (one indexed read; a request that raises several events reads them once). */
export function webhooksOf(db: Database, workspaceId: string): Promise<HookList> {
  return db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.workspaceId, workspaceId));
}

/** Whether any of these webhooks wants the event. */
export const wants = (hooks: HookList, event: WebhookEvent) => hooks.some((h) => h.events.includes(event));

/**
 * Queues an event for every webhook of the workspace that wants it: one row per webhook, written to
 * the database before anyone is called, so a restart loses none. Returns how many were queued.
 */
export async function enqueueWebhookEvent(
  db: Database,
  event: { workspaceId: string; event: WebhookEvent; text: string; data: Record<string, unknown>; id?: string },
  hooks?: HookList,
): Promise<number> {
  const wanted = (hooks ?? (await webhooksOf(db, event.workspaceId))).filter((h) => h.events.includes(event.event));
  if (wanted.length === 0) return 0;
  const payload: WebhookPayload = {
    id: event.id ?? timeOrderedId(),
    event: event.event,
    workspaceId: event.workspaceId,
    at: new Date().toISOString(),
    text: event.text,
    data: event.data,
  };
  const body = JSON.stringify(payload);
  await db
    .insert(webhookDeliveries)
    .values(wanted.map((h) => ({ id: newId(), webhookId: h.id, eventId: payload.id, event: payload.event, payload: body, nextAttemptAt: new Date() })))
    .onConflictDoNothing();
  return wanted.length;
}
