import { describe, expect, it } from 'vitest';
import { versionsToDrop } from './thinning';

const now = new Date('2026-12-03T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const H = 3_600_000;
const D = 24 * H;

describe('versionsToDrop', () => {
  it('keeps every version of the last week, the newest of each hour after it, of each day after a month', () => {
    const versions = [
      { id: 'recent1', at: ago(2 * D), kind: 'auto' },
      { id: 'recent2', at: ago(2 * D + 60_000), kind: 'auto' },
      { id: 'h-new', at: ago(10 * D + 0.2 * H), kind: 'auto' },
      { id: 'h-old', at: ago(10 * D + 0.3 * H), kind: 'auto' },
      { id: 'named', at: ago(10 * D + 0.25 * H), kind: 'named' },
      { id: 'd-new', at: ago(40 * D + 2 * H), kind: 'auto' },
      { id: 'd-old', at: ago(40 * D + 5 * H), kind: 'auto' },
      { id: 'expired', at: ago(200 * D), kind: 'meeting' },
    ];
    // Buckets are clock hours and days: 11:48 and 11:42 ten days ago share one, 10:00 and 07:00 forty days ago another.
    const dropped = versionsToDrop(versions, now, 180);
    expect(dropped.has('recent1') || dropped.has('recent2')).toBe(false);
    expect(dropped.has('named')).toBe(false);
    expect(dropped.has('expired')).toBe(true);
    expect(dropped.has('h-new')).toBe(false);
    expect(dropped.has('d-new')).toBe(false);
    expect(dropped.has('h-old')).toBe(true);
    expect(dropped.has('d-old')).toBe(true);
    expect(dropped.size).toBe(3);
  });
});
