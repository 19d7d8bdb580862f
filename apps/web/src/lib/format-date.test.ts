import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date';

describe('formatDate', () => {
  it('formats an ISO timestamp as a short date', () => {
    expect(formatDate('2025-11-22T10:00:00.000Z', 'en-GB')).toBe('22 Nov 2025');
  });

  it('returns an empty string for something that is not a date', () => {
    expect(formatDate('soon')).toBe('');
  });
});
