import type { ActionItem, AgendaItem, Decision, Meeting } from './types';

/** A plain meeting for the pure rules' tests. */
export function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    title: 'Monthly review',
    date: '2026-03-12',
    presenter: null,
    attendees: [],
    agenda: [],
    decisions: [],
    actions: [],
    startedAt: null,
    endedAt: null,
    presenting: null,
    minutes: null,
    sinceLast: null,
    ...over,
  };
}

export function action(over: Partial<ActionItem> = {}): ActionItem {
  return { id: 'a1', text: 'Fix the checkout', owner: 'ada', due: null, done: false, itemId: null, at: '2026-03-12T10:00:00.000Z', by: 'ada', ...over };
}

export function item(over: Partial<AgendaItem> = {}): AgendaItem {
  return { id: 'i1', title: 'Conversion', ref: null, order: 'a0', duration: null, timer: { startedAt: null, elapsedMs: 0 }, ...over };
}

export function decision(over: Partial<Decision> = {}): Decision {
  return { id: 'd1', text: 'Move budget to checkout fixes', itemId: null, at: '2026-03-12T10:12:00.000Z', by: 'ada', present: ['ada'], thread: null, ...over };
}
