import { z } from 'zod';
import { singleLine } from '../shared/single-line';
import type { KpiStatus } from '../board/kpi-status';
import { isoDateSchema, type Direction, type KpiValue } from '../board/types';
import { TARGET_KINDS, type TargetKind } from '../conversations/types';

/**
 * What an agenda item can point at: a KPI of the board, a pain point or a journey of the journeys
 * document, a glossary term, or an earlier meeting (its overdue actions).
 */
export const REF_KINDS = ['kpi', 'painPoint', 'journey', 'term', 'meeting'] as const;
export type RefKind = (typeof REF_KINDS)[number];

export const REF_KIND_LABELS: Record<RefKind, string> = {
  kpi: 'KPI',
  painPoint: 'Pain point',
  journey: 'Journey',
  term: 'Glossary term',
  meeting: 'Earlier meeting',
};

/** An agenda item's pointer, stored as a plain JSON object `{kind, id}`. */
export interface AgendaRef {
  kind: RefKind;
  id: string;
}

/**
 * A timer that runs while an item is discussed: `elapsedMs` accumulated before `startedAt`, plus
 * (while it runs) the time since `startedAt` (an ISO time). Everyone computes the same value from it.
 */
export interface ItemTimer {
  startedAt: string | null;
  elapsedMs: number;
}

export interface AgendaItem {
  id: string;
  title: string;
  ref: AgendaRef | null;
  order: string;
  /** Minutes planned for it, or null. */
  duration: number | null;
  timer: ItemTimer;
}

/** The conversation a decision was taken from: the thread, what it is on, and that object's name then. */
export interface DecisionThread {
  id: string;
  target: { kind: TargetKind; id: string };
  title: string;
}

export interface Decision {
  id: string;
  text: string;
  /** The agenda item it settles (null when it settles none, or that item was removed). */
  itemId: string | null;
  /** ISO time it was recorded. */
  at: string;
  /** Who recorded it (a user id). */
  by: string;
  /** Who was present when it was taken (the meeting's attendees then), sorted. */
  present: string[];
  /** The thread it was recorded from (its link back), or null. */
  thread: DecisionThread | null;
}

export interface ActionItem {
  id: string;
  text: string;
  /** A member's user id, or null while nobody owns it. */
  owner: string | null;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  done: boolean;
  itemId: string | null;
  /** ISO time it was recorded, and by whom. */
  at: string;
  by: string;
}

/** What the presenter shows, so followers land on it: an agenda item, the page's path, since when. */
export interface Presenting {
  itemId: string | null;
  path: string;
  since: string;
}

/** A KPI as it stood when a meeting ended (kept in the minutes; the board moves on). */
export interface KpiSnapshot {
  id: string;
  name: string;
  unit: string;
  direction: Direction;
  target: number | null;
  latest: KpiValue | null;
  status: KpiStatus;
}

/** What is frozen when a meeting ends: the time, who was there (with their names then) and the board. */
export interface MinutesRecord {
  endedAt: string;
  attendees: { id: string; name: string }[];
  kpis: KpiSnapshot[];
}

export interface Meeting {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  presenter: string | null;
  /** User ids, without duplicates, in the order they joined. */
  attendees: string[];
  /** In order. */
  agenda: AgendaItem[];
  /** In the order they were taken. */
  decisions: Decision[];
  /** In the order they were recorded. */
  actions: ActionItem[];
  startedAt: string | null;
  endedAt: string | null;
  presenting: Presenting | null;
  minutes: MinutesRecord | null;
  /** "Since the last meeting" as kept when the meeting ended (null until then). */
  sinceLast: SinceRecord | null;
}

/** Planned (not started), live (started, not ended) or ended. */
export type MeetingPhase = 'planned' | 'live' | 'ended';

export const MEETING_PHASE_LABELS: Record<MeetingPhase, string> = { planned: 'Planned', live: 'Live', ended: 'Ended' };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const meetingInputSchema = z.object({ title: singleLine(200), date: isoDateSchema });
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const agendaRefSchema = z.object({ kind: z.enum(REF_KINDS), id: z.string().min(1).max(100) });

export const agendaItemInputSchema = z.object({
  title: singleLine(300),
  ref: agendaRefSchema.nullable(),
  duration: z.number().int().min(1).max(600).nullable(),
});
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

export const decisionThreadSchema = z.object({
  id: z.string().min(1).max(100),
  target: z.object({ kind: z.enum(TARGET_KINDS), id: z.string().min(1).max(100) }),
  title: z.string().max(300),
});

export const decisionInputSchema = z.object({ text: text(2000), itemId: z.string().min(1).nullable(), thread: decisionThreadSchema.nullable().optional() });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const actionInputSchema = z.object({
  text: text(1000),
  owner: z.string().min(1).nullable(),
  due: isoDateSchema.nullable(),
  itemId: z.string().min(1).nullable(),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

/** Who makes a change and when (an ISO time); `at` defaults to now. */
export interface MeetingActor {
  id: string;
  at?: string;
}

// "Since the last meeting" (rules in since-last-meeting.ts).
export const SINCE_GROUPS = ['kpi', 'term', 'painPoint', 'action'] as const;
export type SinceGroup = (typeof SINCE_GROUPS)[number];

export const SINCE_GROUP_LABELS: Record<SinceGroup, string> = { kpi: 'KPIs', term: 'Glossary', painPoint: 'Pain points', action: 'Actions' };

export interface SinceItem {
  group: SinceGroup;
  /** What an agenda item made from it points at: the KPI, term or pain point, or an action's meeting. */
  ref: AgendaRef;
  /** Its name (and the agenda item's title when added). */
  title: string;
  /** What happened, with the figures as they were: "Status At risk → Off track; 42 on 2026-11-01 added". */
  what: string;
  /** Who made the change, the latest first (user ids; empty when unknown). */
  by: string[];
}

/** The section as kept in the meeting (key `sinceLast` of its Y.Map, a plain JSON object). */
export interface SinceRecord {
  /** The previous meeting (null: there was none, this is the first). */
  previous: { id: string; title: string; endedAt: string } | null;
  /** When the window closed: this meeting's start. */
  until: string | null;
  items: SinceItem[];
}
