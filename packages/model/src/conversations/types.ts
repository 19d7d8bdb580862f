/** What a thread can be about: an entry of one of the workspace's documents (DESIGN.md "Conversations"). */
export const TARGET_KINDS = ['kpi', 'term', 'journey', 'painPoint', 'note', 'meeting', 'agendaItem'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Target {
  kind: TargetKind;
  id: string;
}

export interface Comment {
  id: string;
  /** A user id, or `token:<id>` for an API token. */
  author: string;
  /** Plain text: never rendered as HTML or Markdown. */
  body: string;
  /** User ids of mentioned members. */
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
}

export interface Thread {
  id: string;
  target: Target;
  resolved: boolean;
  createdAt: string;
  createdBy: string;
  /** Oldest first. */
  comments: Comment[];
}

/** Kinds of a person's notifications (stored per person, shown in the inbox, streamed over SSE). */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'action', 'kpi-status', 'approval'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification as the API and the stream send it, and the inbox shows it (DESIGN.md "Conversations"). */
export interface NotificationView {
  id: string;
  workspaceId: string;
  kind: string;
  at: string;
  actor: { id: string; name: string } | null;
  target: { kind: string; id: string } | null;
  threadId: string | null;
  text: string;
  read: boolean;
}

/** What a webhook may subscribe to: the notification kinds plus workspace-wide events. */
export const WEBHOOK_EVENTS = [...NOTIFICATION_KINDS, 'comment', 'decision', 'kpi-value'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const COMMENT_BODY_MAX = 10_000;

