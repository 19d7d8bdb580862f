import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
  it('says "1 term", not "1 terms"', () => {
    expect(countOf(1, 'term')).toBe('1 term');
    expect(countOf(0, 'term')).toBe('0 terms');
    expect(countOf(1500, 'term')).toBe('1,500 terms');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });
});
