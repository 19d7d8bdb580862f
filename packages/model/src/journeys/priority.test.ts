import { describe, expect, it } from 'vitest';
import { painPointPriority, prioritise } from './priority';
import { painPoint } from './test-fixtures';

describe('pain point priority', () => {
  it('follows the documented formula', () => {
    expect(painPointPriority(painPoint({ severity: 1 }))).toBe(1);
    expect(painPointPriority(painPoint({ severity: 5 }))).toBe(25);
    expect(painPointPriority(painPoint({ severity: 4, customersAffected: 999, votes: ['a', 'b'] }))).toBe(96);
    expect(painPointPriority(painPoint({ severity: 3, customersAffected: 9 }))).toBe(18);
    expect(painPointPriority(painPoint({ severity: 2, votes: ['a', 'b', 'c', 'd'] }))).toBe(8);
  });

  it('grows with severity, reach and votes', () => {
    const base = painPoint({ severity: 3, customersAffected: 100 });
    expect(painPointPriority({ ...base, severity: 4 })).toBeGreaterThan(painPointPriority(base));
    expect(painPointPriority({ ...base, customersAffected: 1000 })).toBeGreaterThan(painPointPriority(base));
    expect(painPointPriority({ ...base, votes: ['x'] })).toBeGreaterThan(painPointPriority(base));
  });

  it('lists unresolved pain points by priority, resolved ones last, ties broken stably', () => {
    const list = prioritise([
      painPoint({ id: 'a', title: 'Minor', severity: 1 }),
      painPoint({ id: 'b', title: 'Critical but fixed', severity: 5, status: 'resolved' }),
      painPoint({ id: 'c', title: 'Severe', severity: 4, status: 'in-progress' }),
      painPoint({ id: 'd', title: 'Wide reach', severity: 3, customersAffected: 100_000 }),
      painPoint({ id: 'f', title: 'Same', severity: 2 }),
      painPoint({ id: 'e', title: 'Same', severity: 2 }),
    ]);
    expect(list.map((p) => p.id)).toEqual(['d', 'c', 'e', 'f', 'a', 'b']);
    expect(list.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(list[0]!.priority).toBe(54);
  });
});
