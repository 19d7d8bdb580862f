import type { Kpi } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { reuseUnchanged } from './stable-board';

const kpi = (id: string, patch: Partial<Kpi> = {}): Kpi => ({
  id,
  name: id,
  description: '',
  kind: 'output',
  category: 'other',
  owners: ['cio'],
  unit: '%',
  direction: 'up',
  target: 1,
  values: [{ at: '2025-01-01', value: 1 }],
  outcomes: [],
  order: id,
  ...patch,
});

describe('reuseUnchanged', () => {
  it('returns the previous array when nothing changed', () => {
    const before = [kpi('a'), kpi('b')];
    expect(reuseUnchanged(before, [kpi('a'), kpi('b')])).toBe(before);
  });
  it('keeps the objects of unchanged KPIs and takes the changed one', () => {
    const before = [kpi('a'), kpi('b')];
    const changed = kpi('b', { values: [{ at: '2025-01-01', value: 2 }] });
    const after = reuseUnchanged(before, [kpi('a'), changed]);
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toEqual(changed);
    expect(after[1]!.values).toBe(changed.values);
  });
  it("keeps a changed KPI's unchanged arrays, so its chart is not redrawn for a new description", () => {
    const before = [kpi('a')];
    const after = reuseUnchanged(before, [kpi('a', { description: 'typed' })]);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]!.description).toBe('typed');
    expect(after[0]!.values).toBe(before[0]!.values);
    expect(after[0]!.owners).toBe(before[0]!.owners);
  });
  it('notices reorders, additions and removals', () => {
    const before = [kpi('a'), kpi('b')];
    const swapped = reuseUnchanged(before, [kpi('b'), kpi('a')]);
    expect(swapped).toEqual([before[1], before[0]]);
    expect(swapped[0]).toBe(before[1]);
    expect(reuseUnchanged(before, [kpi('a')])).toEqual([before[0]]);
    expect(reuseUnchanged(before, [...before, kpi('c')])).toHaveLength(3);
  });
  it('sees changes in owners, links, description and target', () => {
    const base = [kpi('a')];
    for (const patch of [{ owners: ['cmo'] }, { outcomes: ['x'] }, { description: 'd' }, { target: null }] as Partial<Kpi>[]) {
      expect(reuseUnchanged(base, [kpi('a', patch)])[0]).not.toBe(base[0]);
    }
  });
});
