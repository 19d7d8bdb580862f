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
  | { event: 'mention' | 'reply' | 'comment'; actor: string; targetKind: TargetKind; targetTitle: string; body: string }
  | { event: 'action'; actor: string; meeting: string; action: string; due: string | null }
  | { event: 'kpi-status'; kpi: string; from: string; to: string }
  | { event: 'approval'; term: string; approvedBy: string; side: string }
  | { event: 'decision'; actor: string; meeting: string; decision: string }
  | { event: 'kpi-value'; actor: string; kpi: string; at: string; value: number; unit: string; status: string };

/** The one-line `text` of an event. */
export function eventText(facts: EventFacts): string {
  const who = oneLine(('actor' in facts && facts.actor) || 'Someone', 60);
  switch (facts.event) {
    case 'mention':
      return `${who} mentioned you on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'reply':
      return `${who} replied on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'comment':
      return `${who} commented on ${on(facts.targetKind, facts.targetTitle)}: "${oneLine(facts.body)}"`;
    case 'action':
      return `${who} gave you an action in meeting "${oneLine(facts.meeting, 80)}": "${oneLine(facts.action)}"${facts.due ? ` (due ${facts.due})` : ''}`;
    case 'kpi-status':
      return `KPI "${oneLine(facts.kpi, 80)}" is now ${facts.to} (was ${facts.from})`;
    case 'approval':
      return `Term "${oneLine(facts.term, 80)}" awaits your side's approval (${oneLine(facts.approvedBy, 60)} approved for ${facts.side})`;
    case 'decision':
      return `Decision in meeting "${oneLine(facts.meeting, 80)}": "${oneLine(facts.decision)}"`;
    case 'kpi-value':
      return `${who} recorded ${facts.value}${facts.unit ? ` ${facts.unit}` : ''} for KPI "${oneLine(facts.kpi, 80)}" on ${facts.at} (${facts.status})`;
  }
}


