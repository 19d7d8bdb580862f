import { z } from 'zod';
import { singleLine } from '../shared/single-line';
import { seatSchema, type Seat } from '../roles';

/** Where the cause of a pain point sits: customer-facing technology, systems of record, or both. */
export const SIDES = ['front', 'back', 'both'] as const;
export type Side = (typeof SIDES)[number];
export const SIDE_LABELS: Record<Side, string> = { front: 'Front office', back: 'Back office', both: 'Front and back' };

export const PAIN_STATUSES = ['open', 'in-progress', 'resolved'] as const;
export type PainStatus = (typeof PAIN_STATUSES)[number];
export const PAIN_STATUS_LABELS: Record<PainStatus, string> = { open: 'Open', 'in-progress': 'In progress', resolved: 'Resolved' };

export const SEVERITY_MIN = 1;
export const SEVERITY_MAX = 5;
export const SEVERITY_LABELS: Record<number, string> = { 1: 'Minor', 2: 'Moderate', 3: 'Serious', 4: 'Severe', 5: 'Critical' };

export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;
export const EMOTION_LABELS: Record<number, string> = { [-2]: 'Very negative', [-1]: 'Negative', 0: 'Neutral', 1: 'Positive', 2: 'Very positive' };

/** Dot voting: each person has this many votes per journey (at most one per pain point). */
export const VOTES_PER_PERSON = 5;

/** The channels a touchpoint can use; the map draws one lane per channel in this order. */
export const CHANNELS = ['web', 'app', 'store', 'phone', 'email', 'chat', 'social', 'post', 'partner', 'other'] as const;
export type KnownChannel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<KnownChannel, string> = {
  web: 'Website',
  app: 'Mobile app',
  store: 'Store',
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  social: 'Social media',
  post: 'Post',
  partner: 'Partner',
  other: 'Other',
};

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export interface Touchpoint {
  id: string;
  stageId: string;
  name: string;
  /** As stored (trimmed, lower case); usually one of CHANNELS, but other programs may write any. */
  channel: string;
  order: string;
}

export interface Stage {
  id: string;
  name: string;
  order: string;
  /** -2 (very negative) to +2 (very positive). */
  emotion: number;
  /** In order. */
  touchpoints: Touchpoint[];
}

export interface PainPoint {
  id: string;
  title: string;
  description: string;
  /**
   * The stage it sits in, or null when that stage no longer exists (deleted concurrently with the
   * pain point's creation or move): the map shows it in the "unplaced" lane. `storedStageId` keeps what was written.
   */
  stageId: string | null;
  storedStageId: string;
  /** The touchpoint it sits on, or null (the whole stage, or a touchpoint that no longer exists). */
  touchpointId: string | null;
  severity: number;
  customersAffected: number | null;
  side: Side;
  owners: Seat[];
  status: PainStatus;
  /** Linked KPI ids of the board (unchecked here: the board is another document). */
  kpis: string[];
  /** User ids whose votes count (see `effectiveVotes`), sorted. */
  votes: string[];
}

export interface StickyNote {
  id: string;
  text: string;
  /** The stage column it sits in, or null when that stage no longer exists (unplaced lane). */
  stageId: string | null;
  /** Pixels from the stage column's left edge, and from the top of the map's lanes. */
  x: number;
  y: number;
  color: NoteColor;
  /** The user id of whoever wrote it. */
  author: string;
}

/** A journey as plain data: stages and touchpoints in order, everything placed or explicitly unplaced. */
export interface Journey {
  id: string;
  title: string;
  persona: string;
  stages: Stage[];
  painPoints: PainPoint[];
  notes: StickyNote[];
}

const title = singleLine(200);

export const journeyInputSchema = z.object({ title, persona: singleLine(500, 0) });
export type JourneyInput = z.infer<typeof journeyInputSchema>;

export const stageInputSchema = z.object({
  name: title,
  emotion: z.number().int().min(EMOTION_MIN).max(EMOTION_MAX),
});
export type StageInput = z.infer<typeof stageInputSchema>;

export const touchpointInputSchema = z.object({ name: title, channel: singleLine(40).toLowerCase() });
export type TouchpointInput = z.infer<typeof touchpointInputSchema>;

export const painPointInputSchema = z.object({
  title,
  description: z.string().max(20_000),
  stageId: z.string().min(1),
  touchpointId: z.string().min(1).nullable(),
  severity: z.number().int().min(SEVERITY_MIN).max(SEVERITY_MAX),
  customersAffected: z.number().int().min(0).nullable(),
  side: z.enum(SIDES),
  owners: z.array(seatSchema).max(5),
  status: z.enum(PAIN_STATUSES),
  kpis: z.array(z.string().min(1)).max(50),
});
export type PainPointInput = z.infer<typeof painPointInputSchema>;

export const noteInputSchema = z.object({
  text: z.string().max(2000),
  stageId: z.string().min(1),
  x: z.number().finite(),
  y: z.number().finite(),
  color: z.enum(NOTE_COLORS),
  author: z.string(),
});
export type NoteInput = z.infer<typeof noteInputSchema>;
