import { describe, expect, it } from 'vitest';
import { formatDay, formatValue, parseDecimal, todayIso, valueParts } from './format-value';

describe('formatValue', () => {
  it('puts percent signs and currency symbols where people expect them', () => {
    expect(formatValue(3.456, '%', 'en')).toBe('3.46%');
    expect(formatValue(0.42, '€', 'en')).toBe('€0.42');
    expect(formatValue(0.4, '€', 'en')).toBe('€0.40');
    expect(formatValue(12, '€', 'en')).toBe('€12');
    expect(formatValue(-2, '$', 'en')).toBe('-$2');
  });
  it('writes other units after the number, with grouped digits and no decimals past 100', () => {
    expect(formatValue(1800.4, 'ms', 'en')).toBe('1,800 ms');
    expect(formatValue(12, '', 'en')).toBe('12');
  });
});

describe('valueParts', () => {
  it('keeps symbols with the figure and splits word units off', () => {
    expect(valueParts(300, 'customers', 'en')).toEqual({ figure: '300', unit: 'customers' });
    expect(valueParts(3.6, '%', 'en')).toEqual({ figure: '3.6%', unit: '' });
    expect(valueParts(0.43, '€', 'en')).toEqual({ figure: '€0.43', unit: '' });
  });
});

describe('parseDecimal', () => {
  it('reads plain decimal numbers', () => {
    expect(parseDecimal(' 3.5 ')).toBe(3.5);
    expect(parseDecimal('-0.25')).toBe(-0.25);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('.5')).toBe(0.5);
  });
  it('refuses what is ambiguous or not a number', () => {
    for (const bad of ['', 'abc', '1,5', '1 000', '12%', 'NaN', 'Infinity', '0x10', '1e999']) expect(parseDecimal(bad)).toBeNull();
  });
});

describe('todayIso', () => {
  it('formats the local date as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2025, 0, 9, 23, 30))).toBe('2025-01-09');
  });
});

describe('formatDay', () => {
  it('writes the day as given, whatever the time zone', () => {
    expect(formatDay('2025-01-31', 'en-GB')).toBe('31 Jan 2025');
    expect(formatDay('not a date')).toBe('not a date');
  });
});
