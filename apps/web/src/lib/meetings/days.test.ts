import { describe, expect, it } from 'vitest';
import { formatDay, monthOf } from './days';

describe('meeting days', () => {
  it('formats a YYYY-MM-DD day without shifting it by the time zone', () => {
    expect(formatDay('2026-03-01', 'en-GB')).toBe('1 Mar 2026');
    expect(monthOf('2026-03-01', 'en-GB')).toBe('Mar');
    expect(formatDay('nonsense', 'en-GB')).toBe('');
  });
});
