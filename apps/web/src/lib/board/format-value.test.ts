import { describe, expect, it } from 'vitest';
import { formatDay, parseDecimal, todayIso } from './format-value';

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
