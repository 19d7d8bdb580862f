import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('timeAgo', () => {
  it('says how long ago, in words', () => {
    expect(timeAgo('2026-11-22T11:59:50Z', now, 'en')).toBe('just now');
    expect(timeAgo('2026-11-22T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(timeAgo('2026-11-22T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(timeAgo('2026-11-21T10:00:00Z', now, 'en')).toBe('yesterday');
    expect(timeAgo('2025-10-01T10:00:00Z', now, 'en')).toBe('last year');
  });

  it('says nothing for a time it cannot read', () => {
    expect(timeAgo('soon', now)).toBe('');
  });
});
