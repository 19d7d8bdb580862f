import { describe, expect, it } from 'vitest';
import { kpiTrend } from './kpi-trend';

const series = (...values: number[]) => values.map((value, i) => ({ at: `2026-01-${String(i + 1).padStart(2, '0')}`, value }));

describe('kpiTrend', () => {
  it('needs two values', () => {
    expect(kpiTrend(series(5), 'up')).toEqual({ direction: 'flat', good: null, change: null });
  });
  it('sees a rise, good for an up KPI and bad for a down KPI', () => {
    expect(kpiTrend(series(10, 11, 12, 13), 'up')).toMatchObject({ direction: 'up', good: true });
    expect(kpiTrend(series(10, 11, 12, 13), 'down')).toMatchObject({ direction: 'up', good: false });
  });
  it('sees a fall', () => {
    expect(kpiTrend(series(50, 40, 30), 'down')).toMatchObject({ direction: 'down', good: true });
  });
  it('calls small wobbles flat', () => {
    expect(kpiTrend(series(100, 101, 99, 100.5), 'up')).toMatchObject({ direction: 'flat', good: null });
    expect(kpiTrend(series(100, 101, 99, 100.5), 'up', 150)).toMatchObject({ direction: 'flat', good: null });
  });
  it('looks at the last five values only', () => {
    expect(kpiTrend(series(1, 2, 3, 100, 100, 100, 99, 98), 'up').direction).toBe('down');
  });
  it('copes with values around zero', () => {
    expect(kpiTrend(series(0, 0, 0), 'up').direction).toBe('flat');
    expect(kpiTrend(series(0, 0, 0), 'up', 0).direction).toBe('flat');
    expect(kpiTrend(series(-1, 0, 1), 'up').direction).toBe('up');
  });

  describe('judged against the KPI scale, not 2 % of its size', () => {
    it('sees uptime climbing from 99.5 to 99.97 % towards a 99.9 % target (0.47 % of its size)', () => {
      const trend = kpiTrend(series(99.5, 99.7, 99.8, 99.9, 99.97), 'up', 99.9);
      expect(trend).toMatchObject({ direction: 'up', good: true });
      expect(Math.abs(trend.change!)).toBeLessThan(0.02); // what the fixed threshold used to call steady
    });
    it('sees uptime sliding away from its target', () => {
      expect(kpiTrend(series(99.95, 99.9, 99.8, 99.6), 'up', 99.9)).toMatchObject({ direction: 'down', good: false });
    });
    it('sees a steady climb of a KPI without a target against the values’ own scatter', () => {
      expect(kpiTrend(series(99.5, 99.61, 99.72, 99.86, 99.97), 'up')).toMatchObject({ direction: 'up', good: true });
    });
    it('keeps a noisy KPI without a target steady when the rise is within its scatter', () => {
      expect(kpiTrend(series(99.5, 99.9, 99.4, 99.8, 99.6), 'up').direction).toBe('flat');
    });
    it('keeps a KPI far from its target steady when it barely moves toward it', () => {
      expect(kpiTrend(series(1000, 1003, 998, 1004, 1005), 'up', 1500).direction).toBe('flat');
    });
    it('keeps a KPI near its target steady when it wobbles around it', () => {
      expect(kpiTrend(series(2.1, 2.0, 2.05, 2.0, 2.1), 'down', 2).direction).toBe('flat');
    });
    it('calls a rounding wobble on a flat series steady', () => {
      expect(kpiTrend(series(100, 100, 100, 100, 100.001), 'up').direction).toBe('flat');
    });
    it('still sees a 3 % rise of a KPI far from its target', () => {
      expect(kpiTrend(series(1000, 1010, 1020, 1030), 'up', 5000)).toMatchObject({ direction: 'up', good: true });
    });
  });
});
