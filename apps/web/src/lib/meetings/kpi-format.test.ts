import { describe, expect, it } from 'vitest';
import { sparkPoints } from './kpi-format';

describe('KPI values in meetings', () => {
  it('draws a line through the values, flat ones in the middle', () => {
    expect(sparkPoints([1], 100, 20)).toBe('');
    expect(sparkPoints([0, 10], 100, 20)).toBe('0.0,18.0 100.0,2.0');
    expect(sparkPoints([5, 5, 5], 100, 20)).toBe('0.0,18.0 50.0,18.0 100.0,18.0');
  });
});
