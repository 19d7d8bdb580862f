import { describe, expect, it } from 'vitest';
import { netChange, readLimited, reachedStart, timelineRows, timelineWindows, type ChangeLike } from './entry-timeline';

const v = (id: string) => ({ id, at: `2026-12-0${id.slice(1)}T10:00:00Z` });
const versions = [v('v4'), v('v3'), v('v2'), v('v1')];
const target = (from: number, to: number): ChangeLike => ({ change: 'changed', title: 'NPS', fields: [{ field: 'target', from, to }] });

describe('timelineWindows', () => {
  it('cuts the newest versions into consecutive windows, newest first, the first ending now', () => {
    expect(timelineWindows(versions, 3).map((w) => [w.since.id, w.until?.id ?? 'now'])).toEqual([
      ['v4', 'now'],
      ['v3', 'v4'],
      ['v2', 'v3'],
    ]);
    expect(timelineWindows(versions, 12)).toHaveLength(4);
    expect(timelineWindows([], 12)).toEqual([]);
  });
});

describe('timelineRows', () => {
  const windows = timelineWindows(versions, 4);
  it('keeps the windows where the entry changed, in order, and waits for a missing earlier answer', () => {
    const answers = new Map<number, ChangeLike | null>([[0, target(45, 50)], [2, target(40, 45)]]);
    expect(timelineRows(windows, answers).map((r) => r.window.since.id)).toEqual(['v4']);
    answers.set(1, null);
    expect(timelineRows(windows, answers).map((r) => [r.window.since.id, r.change.fields[0]!.to])).toEqual([
      ['v4', 50],
      ['v2', 45],
    ]);
  });
  it('stops at the window where the entry was added', () => {
    const answers = new Map<number, ChangeLike | null>([[0, target(45, 50)], [1, { change: 'added', title: 'NPS', fields: [] }], [2, target(1, 2)]]);
    expect(timelineRows(windows, answers).map((r) => r.change.change)).toEqual(['changed', 'added']);
    expect(reachedStart(answers)).toBe(true);
    expect(reachedStart(new Map([[0, target(1, 2)]]))).toBe(false);
  });
});

describe('netChange', () => {
  it('goes from what a field is now back to what it was at that row, leaving out what came back', () => {
    const rows = [{ change: target(45, 50) }, { change: { change: 'changed', title: 'NPS', fields: [{ field: 'name', from: 'a', to: 'b' }] } as ChangeLike }, { change: target(40, 45) }];
    expect(netChange(rows, 0)?.fields).toEqual([{ field: 'target', from: 45, to: 50 }]);
    expect(netChange(rows, 2)?.fields).toEqual([
      { field: 'target', from: 40, to: 50 },
      { field: 'name', from: 'a', to: 'b' },
    ]);
    expect(netChange([{ change: target(1, 2) }, { change: target(2, 1) }], 1)?.fields).toEqual([]);
  });
  it('has nothing to restore at the row where the entry was added', () => {
    expect(netChange([{ change: { change: 'added', title: 'NPS', fields: [] } }], 0)).toBeNull();
  });
});

describe('readLimited', () => {
  it('runs every task with at most `limit` in flight, and stops starting new ones when asked', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await readLimited([0, 1, 2, 3, 4, 5, 6], 3, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      await Promise.resolve();
      inFlight--;
      done.push(i);
    });
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(3);
    const started: number[] = [];
    await readLimited([0, 1, 2, 3, 4, 5], 2, async (i) => void started.push(i), () => started.length >= 2);
    expect(started).toEqual([0, 1]);
  });
});
