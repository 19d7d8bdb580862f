import { describe, expect, it } from 'vitest';
import { formatValue, valueParts } from './value-format';

describe('formatValue', () => {
  it('puts percent signs and currency symbols where people expect them', () => {
    expect(formatValue(3.456, '%', 'en')).toBe('3.46%');
    expect(formatValue(0.42, '€', 'en')).toBe('€0.42');
    expect(formatValue(0.4, '€', 'en')).toBe('€0.40');
    expect(formatValue(1.2, '€', 'en')).toBe('€1.20');
    expect(formatValue(12, '€', 'en')).toBe('€12');
    expect(formatValue(-2, '$', 'en')).toBe('-$2');
  });
  it('writes other units after the number, with grouped digits and no decimals past 100', () => {
    expect(formatValue(1800.4, 'ms', 'en')).toBe('1,800 ms');
    expect(formatValue(12, '', 'en')).toBe('12');
  });
  it('writes a dash for no value', () => {
    expect(formatValue(null, '%')).toBe('–');
    expect(formatValue(undefined, '€')).toBe('–');
  });
});

describe('valueParts', () => {
  it('keeps symbols with the figure and splits word units off', () => {
    expect(valueParts(300, 'customers', 'en')).toEqual({ figure: '300', unit: 'customers' });
    expect(valueParts(3.6, '%', 'en')).toEqual({ figure: '3.6%', unit: '' });
    expect(valueParts(0.43, '€', 'en')).toEqual({ figure: '€0.43', unit: '' });
  });
});
