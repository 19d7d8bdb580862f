import { describe, expect, it } from 'vitest';
import { trendWords } from './export-workspace';

describe('trendWords', () => {
  it('puts the sign in the word, not in front of the figure', () => {
    expect(trendWords({ direction: 'down', good: true, change: -0.17 })).toBe('down 17 %');
    expect(trendWords({ direction: 'up', good: false, change: 0.12 })).toBe('up 12 %');
  });
  it('says steady for a flat trend and a dash without one', () => {
    expect(trendWords({ direction: 'flat', good: null, change: 0.004 })).toBe('steady');
    expect(trendWords({ direction: 'flat', good: null, change: null })).toBe('–');
  });
});
