import { describe, expect, it } from 'vitest';
import { axisDate, dayNumber, labelIndexes, linearScale, niceTicks, sparkline, valueExtent } from './chart-scale';

describe('linearScale', () => {
  it('maps the domain onto the range, also reversed', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(2.5)).toBe(75);
    expect(s(10)).toBe(0);
  });
  it('puts everything in the middle for a zero-width domain', () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe('niceTicks', () => {
  it('picks round steps that cover the data', () => {
    expect(niceTicks(0.3, 9.2, 5)).toMatchObject({ min: 0, max: 10, step: 2, ticks: [0, 2, 4, 6, 8, 10] });
    expect(niceTicks(2.81, 3.62, 5).ticks).toEqual([2.8, 3, 3.2, 3.4, 3.6, 3.8]);
    expect(niceTicks(120, 1830, 4).ticks).toEqual([0, 500, 1000, 1500, 2000]);
  });
  it('widens a single value and survives swapped or non-finite input', () => {
    expect(niceTicks(5, 5).ticks[0]).toBeLessThan(5);
    expect(niceTicks(5, 5).ticks.at(-1)).toBeGreaterThan(5);
    expect(niceTicks(0, 0).ticks).toContain(0);
    expect(niceTicks(10, 0).min).toBe(0);
    expect(niceTicks(Number.NaN, 1).ticks).toEqual([0, 1]);
  });
  it('has no floating point noise in labels', () => {
    expect(niceTicks(0.1, 0.7, 4).ticks.every((t) => String(t).length <= 4)).toBe(true);
  });
});

describe('dates and labels', () => {
  it('counts days in UTC', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-03-01') - dayNumber('2025-02-28')).toBe(1);
  });
  it('labels at most the asked number of points, always the first and last', () => {
    expect(labelIndexes(3, 6)).toEqual([0, 1, 2]);
    expect(labelIndexes(12, 4)).toEqual([0, 4, 7, 11]);
    expect(labelIndexes(1, 6)).toEqual([0]);
    expect(labelIndexes(0, 6)).toEqual([]);
  });
  it('writes short axis dates', () => {
    expect(axisDate('2025-03-03', 90, 'en-GB')).toBe('3 Mar');
    expect(axisDate('2025-03-03', 800, 'en-GB')).toBe('Mar 2025');
  });
});

describe('valueExtent', () => {
  it('includes the target', () => {
    expect(valueExtent([3, 4], 10)).toEqual([3, 10]);
    expect(valueExtent([], null)).toEqual([0, 1]);
  });
});

describe('sparkline', () => {
  const values = [
    { at: '2025-01-01', value: 1 },
    { at: '2025-01-03', value: 3 },
    { at: '2025-01-05', value: 2 },
  ];
  it('spaces points by date and puts higher values higher', () => {
    const g = sparkline(values, null, 100, 40, 0);
    expect(g.points).toEqual([
      { x: 0, y: 40 },
      { x: 50, y: 0 },
      { x: 100, y: 20 },
    ]);
    expect(g.path).toBe('M0 40 L50 0 L100 20');
    expect(g.targetY).toBeNull();
  });
  it('places the target line within the box, stretching the scale to reach it', () => {
    const g = sparkline(values, 5, 100, 40, 0);
    expect(g.targetY).toBe(0);
    expect(g.points[1]!.y).toBe(20);
  });
  it('draws one value in the middle and nothing for none', () => {
    expect(sparkline([{ at: '2025-01-01', value: 7 }], null, 100, 40, 0).points).toEqual([{ x: 50, y: 20 }]);
    expect(sparkline([], null, 100, 40).path).toBe('');
  });
});
