import { describe, expect, it } from 'vitest';
import type { Journey, PainPoint, Stage } from '@troika/model';
import { COLUMN_WIDTH, LANE_LABEL_WIDTH, dropTarget, layoutMap, lanesOf, notePosition } from './map-layout';

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
