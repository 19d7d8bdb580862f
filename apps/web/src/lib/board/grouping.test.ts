import type { Kpi } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { groupKpis, indexBeside, indexForStep } from './grouping';

const kpi = (id: string, category: Kpi['category'], owners: Kpi['owners']): Kpi => ({
  id,
  name: id,
  description: '',
  kind: 'output',
  category,
  owners,
  unit: '',
  direction: 'up',
  target: null,
  values: [],
  outcomes: [],
  order: id,
});

const board = [
  kpi('a', 'utilization', ['cio']),
  kpi('b', 'cost-revenue', ['cio', 'business']),
  kpi('c', 'utilization', []),
  kpi('d', 'other', ['cmo']),
];
const ids = (g: { kpis: Kpi[] }) => g.kpis.map((k) => k.id);

describe('groupKpis', () => {
  it('groups by category in the usual order, leaving empty categories out, keeping board order', () => {
    const groups = groupKpis(board, 'category');
    expect(groups.map((g) => g.label)).toEqual(['Cost and revenue', 'Utilization', 'Other']);
    expect(groups.map(ids)).toEqual([['b'], ['a', 'c'], ['d']]);
  });
  it("groups by seat with shared KPIs under each owner's seat and unowned ones last", () => {
    const groups = groupKpis(board, 'seat');
    expect(groups.map((g) => g.key)).toEqual(['cio', 'cmo', 'business', 'none']);
    expect(groups.map(ids)).toEqual([['a', 'b'], ['d'], ['b'], ['c']]);
  });
  it('returns no groups for an empty board', () => {
    expect(groupKpis([], 'seat')).toEqual([]);
  });
});

describe('indexBeside', () => {
  it('gives the index among the other KPIs', () => {
    expect(indexBeside(board, 'd', 'a', 'before')).toBe(0);
    expect(indexBeside(board, 'a', 'c', 'after')).toBe(2);
    expect(indexBeside(board, 'a', 'b', 'before')).toBe(0);
  });
  it('is null for unknown KPIs or a KPI beside itself', () => {
    expect(indexBeside(board, 'a', 'a', 'before')).toBeNull();
    expect(indexBeside(board, 'x', 'a', 'before')).toBeNull();
    expect(indexBeside(board, 'a', 'x', 'after')).toBeNull();
  });
});

describe('indexForStep', () => {
  const utilization = [board[0]!, board[2]!];
  it("steps past the section's neighbour, even when other KPIs lie between on the board", () => {
    // a, b, c, d: moving c up within utilization puts it before a.
    expect(indexForStep(board, utilization, 'c', -1)).toBe(0);
    // moving a down puts it after c: others are b, c, d, so index 2.
    expect(indexForStep(board, utilization, 'a', 1)).toBe(2);
  });
  it("is null at the section's edges", () => {
    expect(indexForStep(board, utilization, 'a', -1)).toBeNull();
    expect(indexForStep(board, utilization, 'c', 1)).toBeNull();
  });
});
