import { describe, expect, it } from 'vitest';
import { kpiStatus } from './kpi-status';

const v = (value: number) => ({ at: '2026-11-01', value });

describe('kpiStatus', () => {
  it('has no data without values and no target without a target', () => {
    expect(kpiStatus(null, 10, 'up')).toBe('no-data');
    expect(kpiStatus(v(5), null, 'up')).toBe('no-target');
  });
  it('is on track when the target is met in the KPI direction', () => {
    expect(kpiStatus(v(3.2), 3, 'up')).toBe('on-track');
    expect(kpiStatus(v(3), 3, 'up')).toBe('on-track');
    expect(kpiStatus(v(1.9), 2, 'down')).toBe('on-track');
  });
  it('is at risk within 10% of the target on the wrong side', () => {
    expect(kpiStatus(v(91), 100, 'up')).toBe('at-risk');
    expect(kpiStatus(v(90), 100, 'up')).toBe('at-risk');
    expect(kpiStatus(v(109), 100, 'down')).toBe('at-risk');
  });
  it('is off track beyond that', () => {
    expect(kpiStatus(v(89), 100, 'up')).toBe('off-track');
    expect(kpiStatus(v(111), 100, 'down')).toBe('off-track');
  });
  it('handles a target of zero (any miss is off track) and negative targets', () => {
    expect(kpiStatus(v(0), 0, 'down')).toBe('on-track');
    expect(kpiStatus(v(1), 0, 'down')).toBe('off-track');
    expect(kpiStatus(v(-9.5), -10, 'down')).toBe('at-risk');
  });

  describe('the edges of the band, in decimals that binary cannot hold exactly', () => {
    it('puts a value exactly 10 % above a "lower is better" target at risk (2.2 s against 2 s)', () => {
      expect(2.2 - 2).toBeGreaterThan(2 * 0.1); // the floating-point trap this guards against
      expect(kpiStatus(v(2.2), 2, 'down')).toBe('at-risk');
      expect(kpiStatus(v(0.33), 0.3, 'down')).toBe('at-risk');
      expect(kpiStatus(v(1.1), 1, 'down')).toBe('at-risk');
    });
    it('puts a value exactly 10 % below a "higher is better" target at risk', () => {
      expect(kpiStatus(v(1.8), 2, 'up')).toBe('at-risk');
      expect(kpiStatus(v(0.27), 0.3, 'up')).toBe('at-risk');
      expect(kpiStatus(v(3.15), 3.5, 'up')).toBe('at-risk');
    });
    it('is off track just past the edge, in both directions', () => {
      expect(kpiStatus(v(2.2001), 2, 'down')).toBe('off-track');
      expect(kpiStatus(v(1.7999), 2, 'up')).toBe('off-track');
      expect(kpiStatus(v(0.3301), 0.3, 'down')).toBe('off-track');
      expect(kpiStatus(v(0.2699), 0.3, 'up')).toBe('off-track');
    });
    it('is on track exactly on a target that binary cannot hold, in both directions', () => {
      expect(kpiStatus(v(0.3), 0.1 + 0.2, 'up')).toBe('on-track');
      expect(kpiStatus(v(0.1 + 0.2), 0.3, 'down')).toBe('on-track');
    });
    it('is at risk just short of the target, in both directions', () => {
      expect(kpiStatus(v(1.9999), 2, 'up')).toBe('at-risk');
      expect(kpiStatus(v(2.0001), 2, 'down')).toBe('at-risk');
    });
  });
});
