import { describe, expect, it } from 'vitest';
import { dateFormat, numberFormat } from './intl-cache';

describe('intl cache', () => {
  it('returns one formatter per locale and options', () => {
    expect(numberFormat('en', { maximumFractionDigits: 2 })).toBe(numberFormat('en', { maximumFractionDigits: 2 }));
    expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en', { maximumFractionDigits: 2 }));
    expect(dateFormat('en', { month: 'short' })).toBe(dateFormat('en', { month: 'short' }));
    expect(numberFormat('de', { maximumFractionDigits: 2 }).format(1.5)).toBe('1,5');
  });
});
