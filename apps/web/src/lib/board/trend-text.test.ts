import { describe, expect, it } from 'vitest';
import { trendText } from './trend-text';

describe('trendText', () => {
  it('says whether the movement is welcome given the direction', () => {
    expect(trendText({ direction: 'up', good: true, change: 0.123 })).toEqual({ arrow: '↗', text: 'Improving', tone: 'good' });
    expect(trendText({ direction: 'up', good: false, change: 0.5 })).toEqual({ arrow: '↗', text: 'Worsening', tone: 'bad' });
    expect(trendText({ direction: 'down', good: true, change: -1.14 })).toEqual({ arrow: '↘', text: 'Improving', tone: 'good' });
  });
  it('calls small changes steady and stays silent without enough values', () => {
    expect(trendText({ direction: 'flat', good: null, change: 0.01 })?.text).toBe('Steady');
    expect(trendText({ direction: 'flat', good: null, change: null })).toBeNull();
  });
});
