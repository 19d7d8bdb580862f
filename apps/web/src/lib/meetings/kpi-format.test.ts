import { describe, expect, it } from 'vitest';
import { formatKpiValue, sparkPoints } from './kpi-format';

describe('KPI values in meetings', () => {
  it('writes values with their unit, as the board does', () => {
    expect(formatKpiValue(3.456, '%', 'en-US')).toBe('3.46%');
    expect(formatKpiValue(0.42, '€', 'en-US')).toBe('€0.42');
    expect(formatKpiValue(1800, 'ms', 'en-US')).toBe('1,800 ms');
    expect(formatKpiValue(null, '%')).toBe('–');
  });

  it('draws a line through the values, flat ones in the middle', () => {
    expect(sparkPoints([1], 100, 20)).toBe('');
    expect(sparkPoints([0, 10], 100, 20)).toBe('0.0,18.0 100.0,2.0');
    expect(sparkPoints([5, 5, 5], 100, 20)).toBe('0.0,18.0 50.0,18.0 100.0,18.0');
  });
});
