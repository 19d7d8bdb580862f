import { notifications, type Database } from '@troika/db';
import { canWrite, eventText, isTokenActor, seatsOfSide, type AgreementSide, type EventFacts, type NotificationKind, type NotificationView, type Target, type WebhookEvent } from '@troika/model';
import type { Logger } from '../logger';
import { membersAmong, workspaceMembers, type Actor } from './members';
import type { NotificationHub } from './notification-hub';
import { enqueueWebhookEvent, timeOrderedId, wants, webhooksOf, type HookList } from './webhook-queue';

export interface NotifyInput {
  workspaceId: string;
  kind: NotificationKind;
  /** User ids; the actor and anyone no longer a member are left out. */
  recipients: Iterable<string>;
  /** Who did it (null: the server noticed it, e.g. a KPI's status). */
  actor: Actor | null;
  target?: Target | null;
  threadId?: string | null;
  /** The event, from which each notification's line (and the webhook's) is written. */
  facts: EventFacts;
  /** More for the webhook's `data`. */
  data?: Record<string, unknown>;
}

/** What a caller already knows, so that a request raising several events reads it once. */
export interface NotifyOptions {
  /** The recipients were just checked to be members (mentions). */
  membersChecked?: boolean;
  /** The workspace's webhooks, read by the caller. */
  hooks?: HookList;
}

export interface Notifier {
  /** Stores a notification for each recipient, streams it to them live, and queues the event's webhooks. Returns who was notified. */
  notify(input: NotifyInput, options?: NotifyOptions): Promise<string[]>;
  /** `notify` for every member seated on one side of glossary agreement (`approval`). */
  notifySide(workspaceId: string, side: AgreementSide, input: Omit<NotifyInput, 'workspaceId' | 'recipients' | 'kind'>): Promise<string[]>;
  /** Queues a workspace event for webhooks only (`comment`, `decision`, `kpi-value`). */
  emit(workspaceId: string, event: WebhookEvent, facts: EventFacts, data: Record<string, unknown>, hooks?: HookList): Promise<void>;
  /** The workspace's webhooks, to hand to several `notify`/`emit` calls of one request. */
  hooks(workspaceId: string): Promise<HookList>;
}

/** Notifications: stored per person (the inbox), pushed to open streams, and told to webhooks. */
export function createNotifier(deps: { db: Database; hub: NotificationHub; logger: Logger; onQueued: () => void }): Notifier {
  const { db, hub } = deps;

  async function emit(workspaceId: string, event: WebhookEvent, facts: EventFacts, data: Record<string, unknown>, hooks?: HookList) {
    if ((await enqueueWebhookEvent(db, { workspaceId, event, text: eventText(facts), data }, hooks)) > 0) deps.onQueued();
  }

  async function notify(input: NotifyInput, options: NotifyOptions = {}): Promise<string[]> {
    const wanted = [...new Set(input.recipients)].filter((id) => id !== input.actor?.id && !isTokenActor(id));
    if (wanted.length === 0 && input.kind !== 'kpi-status') return [];
    const members = options.membersChecked ? new Set(wanted) : await membersAmong(db, input.workspaceId, wanted);
    const recipients = wanted.filter((id) => members.has(id));
    const text = eventText(input.facts);
    const at = new Date();
    const rows = recipients.map((userId) => ({
      id: timeOrderedId(),
      userId,
      workspaceId: input.workspaceId,
      kind: input.kind,
      at,
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? '',
      target: input.target ?? null,
      threadId: input.threadId ?? null,
      text,
    }));
    if (rows.length > 0) {
      await db.insert(notifications).values(rows);
      for (const row of rows) hub.publish(row.userId, viewOf({ ...row, read: false }));
    }
    // A channel reads the webhook, so its line names the people instead of saying "you".
    const hooks = options.hooks ?? (await webhooksOf(db, input.workspaceId));
    if ((recipients.length > 0 || input.kind === 'kpi-status') && wants(hooks, input.kind)) {
      const facts: EventFacts =
        input.facts.event === 'kpi-status' ? input.facts : ({ ...input.facts, to: await recipientNames(input.workspaceId, recipients) } as EventFacts);
      await emit(input.workspaceId, input.kind, facts, {
        actor: input.actor,
        target: input.target ?? null,
        threadId: input.threadId ?? null,
        recipients,
        ...input.data,
      }, hooks);
    }
    return recipients;
  }

  async function recipientNames(workspaceId: string, ids: string[]): Promise<string[]> {
    const members = await workspaceMembers(db, workspaceId);
    const names = new Map(members.map((m) => [m.userId, m.name]));
    return ids.map((id) => names.get(id) ?? 'someone');
  }

  return {
    notify,
    emit,
    hooks: (workspaceId) => webhooksOf(db, workspaceId),
    async notifySide(workspaceId, side, input) {
      // Only those who can sign (editors and owners) are asked to.
      const seats: readonly string[] = seatsOfSide(side);
      const members = await workspaceMembers(db, workspaceId);
      return notify({ ...input, workspaceId, kind: 'approval', recipients: members.filter((m) => seats.includes(m.seat) && canWrite(m.role)).map((m) => m.userId) });
    },
  };
}

/** A stored notification as the API shows it. */
export function viewOf(row: {
  id: string;
  workspaceId: string;
  kind: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  target: { kind: string; id: string } | null;
  threadId: string | null;
  text: string;
  read: boolean;
}): NotificationView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind,
    at: row.at.toISOString(),
    actor: row.actorId ? { id: row.actorId, name: row.actorName } : null,
    target: row.target,
    threadId: row.threadId,
    text: row.text,
    read: row.read,
  };
}
