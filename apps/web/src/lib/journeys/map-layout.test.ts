import { describe, expect, it } from 'vitest';
import type { Journey, PainPoint, Stage } from '@troika/model';
import { COLUMN_WIDTH, LANE_LABEL_WIDTH, dropTarget, freeNoteSpot, hiddenStages, layoutMap, lanesOf, nextStagesScroll, notePosition } from './map-layout';

const stage = (id: string, touchpoints: [string, string][] = []): Stage => ({
  id,
  name: id,
  order: id,
  emotion: 0,
  touchpoints: touchpoints.map(([tid, channel], i) => ({ id: tid, stageId: id, name: tid, channel, order: String(i) })),
});
const pain = (id: string, stageId: string | null, touchpointId: string | null = null): PainPoint => ({
  id,
  title: id,
  description: '',
  stageId,
  storedStageId: stageId ?? 'gone',
  touchpointId,
  severity: 3,
  customersAffected: null,
  side: 'front',
  owners: [],
  status: 'open',
  kpis: [],
  votes: [],
});

describe('map layout', () => {
  it('draws a lane per channel in use, known channels first, after the lane across the stage', () => {
    const lanes = lanesOf([stage('s1', [['t1', 'phone'], ['t2', 'kiosk']]), stage('s2', [['t3', 'web']])]);
    expect(lanes.map((l) => l.label)).toEqual(['Across the stage', 'Website', 'Phone', 'kiosk']);
  });

  it('puts pain points in their cells, keeps their objects, and collects the unplaced', () => {
    const p1 = pain('p1', 's1');
    const p2 = pain('p2', 's1', 't1');
    const p3 = pain('p3', null);
    const journey: Journey = { id: 'j', title: 'J', persona: '', stages: [stage('s1', [['t1', 'web']]), stage('s2')], painPoints: [p1, p2, p3], notes: [] };
    const layout = layoutMap(journey);
    expect(layout.rows[0]!.cells[0]!.painPoints[0]).toBe(p1);
    expect(layout.rows[1]!.cells[0]!.touchpoints[0]!.painPoints).toEqual([p2]);
    expect(layout.rows[1]!.cells[1]!.touchpoints).toEqual([]);
    expect(layout.unplaced).toEqual([p3]);
    expect(layout.columns).toBe(3);
  });

  it('places notes by their stage column and finds the column a note is dropped on', () => {
    const stages = [stage('a'), stage('b'), stage('c')];
    const columnOf = new Map(stages.map((s, i) => [s.id, i]));
    expect(notePosition({ id: 'n', text: '', stageId: 'b', x: 10, y: 50, color: 'yellow', author: '' }, columnOf, 3)).toEqual({
      left: LANE_LABEL_WIDTH + COLUMN_WIDTH + 10,
      top: 50,
    });
    expect(notePosition({ id: 'n', text: '', stageId: null, x: 0, y: 0, color: 'yellow', author: '' }, columnOf, 3).left).toBe(LANE_LABEL_WIDTH + 3 * COLUMN_WIDTH);
    expect(dropTarget(LANE_LABEL_WIDTH + 2 * COLUMN_WIDTH + 5, 80, stages)).toEqual({ stageId: 'c', x: 5, y: 80 });
    expect(dropTarget(0, -20, stages)).toEqual({ stageId: 'a', x: 0, y: 0 });
    expect(dropTarget(10_000, 0, stages)!.stageId).toBe('c');
    expect(dropTarget(0, 0, [])).toBeNull();
  });
});

describe('freeNoteSpot', () => {
  const area = { left: 136, top: 200, width: 600, height: 400 };
  const size = { width: 164, height: 104 };
  const clear = (spot: { left: number; top: number }, boxes: { left: number; top: number; width: number; height: number }[]) =>
    boxes.every((b) => spot.left + size.width <= b.left || b.left + b.width <= spot.left || spot.top + size.height <= b.top || b.top + b.height <= spot.top);

  it('keeps the preferred place when it is free', () => {
    expect(freeNoteSpot({ left: 300, top: 300 }, area, [], size)).toEqual({ left: 304, top: 296 });
  });
  it('moves off a pain card that sits where the note would go, to the nearest free place', () => {
    const card = { left: 280, top: 280, width: 220, height: 70 };
    const spot = freeNoteSpot({ left: 300, top: 290 }, area, [card], size);
    expect(clear(spot, [card])).toBe(true);
    expect(Math.hypot(spot.left - 300, spot.top - 290)).toBeLessThan(200);
  });
  it('stays inside the area', () => {
    const spot = freeNoteSpot({ left: 2000, top: -50 }, area, [], size);
    expect(spot.left + size.width).toBeLessThanOrEqual(area.left + area.width);
    expect(spot.top).toBeGreaterThanOrEqual(area.top);
  });
  it('goes under the lowest card when the area is full', () => {
    const wall = { left: 100, top: 150, width: 800, height: 500 };
    expect(freeNoteSpot({ left: 300, top: 300 }, area, [wall], size)).toEqual({ left: 300, top: 662 });
  });
});

describe('hiddenStages', () => {
  it('counts the six-stage map at 1,440 px: the last ones are off to the right', () => {
    // The map's viewport is narrower than the window (side margins, the page's padding): about 1,180 px.
    expect(hiddenStages(0, 1180, 6)).toEqual({ before: 0, after: 2 });
  });
  it('counts stages on both sides once scrolled, and none when all fit', () => {
    expect(hiddenStages(COLUMN_WIDTH * 2, 1180, 8)).toEqual({ before: 2, after: 2 });
    expect(hiddenStages(0, LANE_LABEL_WIDTH + 3 * COLUMN_WIDTH, 3)).toEqual({ before: 0, after: 0 });
  });
  it('scrolls a screenful of whole columns at a time', () => {
    expect(nextStagesScroll(0, 1180, 1)).toBe(4 * COLUMN_WIDTH);
    expect(nextStagesScroll(4 * COLUMN_WIDTH, 1180, -1)).toBe(0);
    expect(nextStagesScroll(10, 1180, -1)).toBe(0);
  });
});
