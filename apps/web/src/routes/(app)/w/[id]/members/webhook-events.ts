import type { WebhookEvent } from '@troika/model';

/** The webhook events in words, in the order the form lists them. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  comment: 'Every new comment',
  mention: 'Mentions',
  reply: 'Replies to threads',
  decision: 'Meeting decisions',
  action: 'Meeting actions given',
  'kpi-value': 'New KPI values',
  'kpi-status': 'KPI status changes',
  approval: 'Glossary approvals awaited',
};

/** Ticked in a new webhook's form: what a chat channel of the troika usually wants. */
export const DEFAULT_WEBHOOK_EVENTS: WebhookEvent[] = ['comment', 'decision', 'kpi-status'];

/** A delivery's outcome in words: delivered, failed (and why), or on its way. */
export function deliveryOutcome(last: { status: number | null; error: string | null; delivered: boolean }): { ok: boolean | null; text: string } {
  if (last.delivered) return { ok: true, text: `delivered (HTTP ${last.status})` };
  if (last.status !== null) return { ok: false, text: `failed: HTTP ${last.status}, retrying` };
  if (last.error) return { ok: false, text: `failed: ${last.error}, retrying` };
  return { ok: null, text: 'sending…' };
}
