import type { TargetKind } from './types';
import { TARGET_LABELS } from './targets';

// One readable line per event: the inbox shows it, and a webhook carries it as `text`, which a chat
// tool's incoming webhook shows as it is. Plain text only; whitespace (newlines too) collapses.

const EXCERPT = 140;

/** Collapses whitespace and shortens to `max` characters with an ellipsis. */
export function oneLine(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const on = (kind: TargetKind, title: string) => (title ? `${TARGET_LABELS[kind]} "${oneLine(title, 80)}"` : `a ${TARGET_LABELS[kind]}`);

export type EventFacts =
  | { event: 'mention' | 'reply' | 'comment'; actor: string; targetKind: TargetKind; targetTitle: string; body: string; to?: string[] }
  | { event: 'action'; actor: string; meeting: string; action: string; due: string | null; to?: string[] }
  | { event: 'kpi-status'; kpi: string; from: string; to: string }
  | { event: 'approval'; term: string; approvedBy: string; side: string; to?: string[] }
  | { event: 'decision'; actor: string; meeting: string; decision: string }
  | { event: 'kpi-value'; actor: string; kpi: string; at: string; value: number; unit: string; status: string };

/** "Ada", "Ada and Bob", "Ada, Bob and 3 others". */
export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 2).map((n) => oneLine(n, 40));
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} other${rest > 1 ? 's' : ''}`;
  return shown.join(' and ');
}

/**
 * The one-line `text` of an event. Notifications speak to their reader ("mentioned you"); a webhook,
 * read by a whole channel, names the people instead (`to`).
 */
export function eventText(facts: EventFacts): string {
  const who = oneLine(('actor' in facts && facts.actor) || 'Someone', 60);
  switch (facts.event) {
    case 'mention':
      return `${who} mentioned ${facts.to?.length ? nameList(facts.to) : 'you'} on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'reply':
      return `${who} replied on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'comment':
      return `${who} commented on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'action':
      return `${who} gave ${facts.to?.length ? nameList(facts.to) : 'you'} an action in meeting "${oneLine(facts.meeting, 80)}": "${oneLine(facts.action)}"${facts.due ? ` (due ${facts.due})` : ''}`;
    case 'kpi-status':
      return `KPI "${oneLine(facts.kpi, 80)}" is now ${facts.to} (was ${facts.from})`;
    case 'approval':
      return `Term "${oneLine(facts.term, 80)}" awaits ${facts.to?.length ? `approval from ${nameList(facts.to)}` : "your side's approval"} (${oneLine(facts.approvedBy, 60)} approved for ${facts.side})`;
    case 'decision':
      return `Decision in meeting "${oneLine(facts.meeting, 80)}": "${oneLine(facts.decision)}"`;
    case 'kpi-value':
      return `${who} recorded ${facts.value}${facts.unit ? ` ${facts.unit}` : ''} for KPI "${oneLine(facts.kpi, 80)}" on ${facts.at} (${facts.status})`;
  }
}


