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
  });
  it('looks at the last five values only', () => {
    expect(kpiTrend(series(1, 2, 3, 100, 100, 100, 99, 98), 'up').direction).toBe('down');
  });
  it('copes with values around zero', () => {
    expect(kpiTrend(series(0, 0, 0), 'up').direction).toBe('flat');
    expect(kpiTrend(series(-1, 0, 1), 'up').direction).toBe('up');
  });
});
