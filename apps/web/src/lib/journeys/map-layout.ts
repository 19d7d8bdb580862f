import { CHANNELS, channelLabel, type Journey, type PainPoint, type Stage, type StickyNote, type Touchpoint } from '@troika/model';

/**
 * The journey map's geometry. Columns have a fixed width for everyone, so a sticky note or a cursor
 * at (x, y) sits over the same stage on every screen.
 */
export const LANE_LABEL_WIDTH = 136;
export const COLUMN_WIDTH = 248;
export const NOTE_WIDTH = 164;
/** The height of a new, empty sticky note (its strip and three lines of text). */
export const NOTE_HEIGHT = 104;

/** A row of the map: pain points on no touchpoint ("across the stage"), or one channel's touchpoints. */
export interface Lane {
  key: string;
  label: string;
  channel: string | null;
}

export interface TouchpointBlock {
  touchpoint: Touchpoint;
  painPoints: PainPoint[];
}

/** What one cell (a stage in a lane) holds. */
export interface Cell {
  key: string;
  stage: Stage;
  lane: Lane;
  /** Pain points on no touchpoint (only in the "across the stage" lane). */
  painPoints: PainPoint[];
  touchpoints: TouchpointBlock[];
}

export interface MapLayout {
  lanes: Lane[];
  /** Cells by lane, then by stage. */
  rows: { lane: Lane; cells: Cell[] }[];
  /** Pain points and notes whose stage no longer exists. */
  unplaced: PainPoint[];
  unplacedNotes: StickyNote[];
  /** Stage id -> column index; the unplaced column (when shown) has index `stages.length`. */
  columnOf: Map<string, number>;
  columns: number;
}

const ACROSS: Lane = { key: 'across', label: 'Across the stage', channel: null };

/** Channel lanes in the order of CHANNELS, then unknown channels alphabetically. */
export function lanesOf(stages: readonly Stage[]): Lane[] {
  const used = new Set(stages.flatMap((s) => s.touchpoints.map((t) => t.channel)));
  const known = CHANNELS.filter((c) => used.has(c));
  const other = [...used].filter((c) => !(CHANNELS as readonly string[]).includes(c)).sort();
  return [ACROSS, ...[...known, ...other].map((channel) => ({ key: `channel:${channel}`, label: channelLabel(channel), channel }))];
}

/** Groups a journey's pain points into the map's cells. Pain points keep their identity. */
export function layoutMap(journey: Journey): MapLayout {
  const lanes = lanesOf(journey.stages);
  const byCell = new Map<string, PainPoint[]>();
  const unplaced: PainPoint[] = [];
  for (const p of journey.painPoints) {
    if (p.stageId === null) {
      unplaced.push(p);
      continue;
    }
    const key = `${p.stageId}\n${p.touchpointId ?? ''}`;
    const list = byCell.get(key);
    if (list) list.push(p);
    else byCell.set(key, [p]);
  }
  const rows = lanes.map((lane) => ({
    lane,
    cells: journey.stages.map((stage) => ({
      key: `${lane.key}|${stage.id}`,
      stage,
      lane,
      painPoints: lane.channel === null ? (byCell.get(`${stage.id}\n`) ?? []) : [],
      touchpoints: stage.touchpoints
        .filter((t) => t.channel === lane.channel)
        .map((touchpoint) => ({ touchpoint, painPoints: byCell.get(`${stage.id}\n${touchpoint.id}`) ?? [] })),
    })),
  }));
  const unplacedNotes = journey.notes.filter((n) => n.stageId === null);
  const columnOf = new Map(journey.stages.map((s, i) => [s.id, i]));
  const hasUnplaced = unplaced.length > 0 || unplacedNotes.length > 0;
  return { lanes, rows, unplaced, unplacedNotes, columnOf, columns: journey.stages.length + (hasUnplaced ? 1 : 0) };
}

/** The left edge of a column on the map canvas. */
export function columnLeft(index: number): number {
  return LANE_LABEL_WIDTH + index * COLUMN_WIDTH;
}

/** Where a note sits on the canvas: its stage's column (or the unplaced one) plus its offset. */
export function notePosition(note: StickyNote, columnOf: ReadonlyMap<string, number>, unplacedColumn: number): { left: number; top: number } {
  const column = note.stageId === null ? unplacedColumn : (columnOf.get(note.stageId) ?? unplacedColumn);
  return { left: columnLeft(column) + note.x, top: note.y };
}

/**
 * Where a note dropped at canvas point (left, top) belongs: the stage whose column is under it
 * (clamped to the first and last stage) and its offset in that column, kept on the canvas.
 */
export function dropTarget(left: number, top: number, stages: readonly Stage[]): { stageId: string; x: number; y: number } | null {
  if (stages.length === 0) return null;
  const centre = left + NOTE_WIDTH / 2;
  const index = Math.max(0, Math.min(stages.length - 1, Math.floor((centre - LANE_LABEL_WIDTH) / COLUMN_WIDTH)));
  const x = Math.max(LANE_LABEL_WIDTH - columnLeft(index), Math.min(left - columnLeft(index), COLUMN_WIDTH * 2));
  return { stageId: stages[index]!.id, x: Math.round(x), y: Math.round(Math.max(0, top)) };
}

/**
 * What a screen reader hears when a note is moved (polite live region): its stage and its place in
 * that stage's column, so that each arrow press reads differently even within one stage.
 */
export function noteMoveMessage(left: number, top: number, stages: readonly Stage[]): string {
  const target = dropTarget(left, top, stages);
  const stage = target && stages.find((s) => s.id === target.stageId);
  return stage ? `Note moved to ${stage.name}: ${target.x} pixels across, ${target.y} down` : '';
}

/** A rectangle on the map canvas, in canvas pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const GAP = 6;
const overlaps = (a: Box, b: Box) =>
  a.left < b.left + b.width + GAP && b.left < a.left + a.width + GAP && a.top < b.top + b.height + GAP && b.top < a.top + a.height + GAP;

/**
 * Where a new note goes: the free place nearest to `preferred` (its top-left corner) inside `area`,
 * clear of every `taken` box (pain cards, touchpoints, other notes) by a few pixels, so that a note
 * never lands on a card's title. Tries a grid of places every `step` pixels; when the area is full,
 * the note goes just under the lowest taken box at the preferred column, where there is always room.
 */
export function freeNoteSpot(preferred: { left: number; top: number }, area: Box, taken: readonly Box[], size = { width: NOTE_WIDTH, height: NOTE_HEIGHT }, step = 12): { left: number; top: number } {
  const fits = (left: number, top: number) => !taken.some((box) => overlaps({ left, top, ...size }, box));
  const maxLeft = area.left + area.width - size.width;
  const maxTop = area.top + area.height - size.height;
  let best: { left: number; top: number; distance: number } | null = null;
  for (let top = area.top; top <= maxTop; top += step) {
    for (let left = area.left; left <= maxLeft; left += step) {
      const distance = (left - preferred.left) ** 2 + (top - preferred.top) ** 2;
      if ((!best || distance < best.distance) && fits(left, top)) best = { left, top, distance };
    }
  }
  if (best) return { left: Math.round(best.left), top: Math.round(best.top) };
  const left = Math.max(area.left, Math.min(preferred.left, Math.max(area.left, maxLeft)));
  const column = { left, top: 0, width: size.width, height: Number.MAX_SAFE_INTEGER };
  const below = taken.filter((box) => overlaps(column, box)).reduce((max, box) => Math.max(max, box.top + box.height + GAP * 2), area.top);
  return { left: Math.round(left), top: Math.round(below) };
}

/**
 * How many stage columns are out of view on each side of a map scrolled to `scrollLeft` and
 * `viewWidth` pixels wide (the sticky lane labels cover its first LANE_LABEL_WIDTH pixels). A
 * column counts as hidden when less than two thirds of it shows.
 */
export function hiddenStages(scrollLeft: number, viewWidth: number, stageCount: number): { before: number; after: number } {
  const from = scrollLeft + LANE_LABEL_WIDTH;
  const to = scrollLeft + viewWidth;
  let before = 0;
  let after = 0;
  for (let i = 0; i < stageCount; i++) {
    const left = columnLeft(i);
    const shown = Math.min(to, left + COLUMN_WIDTH) - Math.max(from, left);
    if (shown >= (COLUMN_WIDTH * 2) / 3) continue;
    if (left + COLUMN_WIDTH / 2 < from + (to - from) / 2) before++;
    else after++;
  }
  return { before, after };
}

/** Where to scroll to bring the next hidden stages into view (`direction` 1: right, -1: left), column-aligned. */
export function nextStagesScroll(scrollLeft: number, viewWidth: number, direction: 1 | -1): number {
  const columns = Math.max(1, Math.floor((viewWidth - LANE_LABEL_WIDTH) / COLUMN_WIDTH));
  const first = Math.round(Math.max(0, scrollLeft) / COLUMN_WIDTH);
  return Math.max(0, (first + direction * columns) * COLUMN_WIDTH);
}
