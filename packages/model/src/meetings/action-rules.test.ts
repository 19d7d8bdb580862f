import { describe, expect, it } from 'vitest';
import { earlierOpenActions, groupMeetings, isOverdue, openActionsByOwner, overdueActions, previousMeeting } from './action-rules';
import { action, meeting } from './test-fixtures';
import { formatDuration, isOverTime, plannedMinutes, timerElapsedMs } from './timer';

const TODAY = '2026-04-10';

describe('overdue actions', () => {
  it('is overdue only when not done and due before today', () => {
    expect(isOverdue(action({ due: '2026-04-09' }), TODAY)).toBe(true);
    expect(isOverdue(action({ due: '2026-04-10' }), TODAY)).toBe(false);
    expect(isOverdue(action({ due: '2026-04-09', done: true }), TODAY)).toBe(false);
    expect(isOverdue(action({ due: null }), TODAY)).toBe(false);
  });

  it('lists the overdue actions of every meeting, most overdue first, with their meeting', () => {
    const march = meeting({
      id: 'march',
      title: 'March',
      actions: [action({ id: 'x', due: '2026-04-01' }), action({ id: 'y', due: '2026-03-20' }), action({ id: 'z', due: '2026-05-01' })],
    });
    const feb = meeting({ id: 'feb', title: 'February', actions: [action({ id: 'w', due: '2026-03-01', done: true })] });
    expect(overdueActions([march, feb], TODAY).map((a) => [a.id, a.meetingTitle])).toEqual([
      ['y', 'March'],
      ['x', 'March'],
    ]);
  });
});

describe('open actions per person', () => {
  it('groups open actions by owner: overdue first, then the busiest, unowned last', () => {
    const m = meeting({
      actions: [
        action({ id: '1', owner: 'ada', due: '2026-05-01' }),
        action({ id: '2', owner: 'ada', due: '2026-04-20' }),
        action({ id: '3', owner: 'bea', due: '2026-04-01' }),
        action({ id: '4', owner: null }),
        action({ id: '5', owner: 'cem', done: true }),
      ],
    });
    expect(openActionsByOwner([m], TODAY).map((g) => [g.owner, g.actions.map((a) => a.id), g.overdue])).toEqual([
      ['bea', ['3'], 1],
      ['ada', ['2', '1'], 0],
      [null, ['4'], 0],
    ]);
  });
});

describe('earlier meetings', () => {
  const jan = meeting({ id: 'jan', date: '2026-01-15', endedAt: '2026-01-15T11:00:00Z', actions: [action({ id: 'j', due: '2026-02-01' })] });
  const feb = meeting({ id: 'feb', date: '2026-02-15', endedAt: '2026-02-15T11:00:00Z', actions: [action({ id: 'f', due: '2026-03-01' }), action({ id: 'g', done: true })] });
  const skipped = meeting({ id: 'skipped', date: '2026-03-01' });
  const now = meeting({ id: 'now', date: '2026-03-12', actions: [action({ id: 'n' })] });
  const later = meeting({ id: 'later', date: '2026-04-12', actions: [action({ id: 'l' })] });
  const all = [later, now, skipped, feb, jan];

  it('shows the open actions of the meetings before this one', () => {
    expect(earlierOpenActions(all, now).map((a) => a.id)).toEqual(['j', 'f']);
  });

  it('finds the last meeting actually held', () => {
    expect(previousMeeting(all, now)?.id).toBe('feb');
    expect(previousMeeting(all, jan)).toBeNull();
    const sameDay = meeting({ id: 'same', date: '2026-02-15', startedAt: '2026-02-15T14:00:00Z' });
    expect(previousMeeting(all, sameDay)?.id).toBe('feb');
  });

  it('groups meetings into live, upcoming (soonest first) and past (latest first)', () => {
    const live = meeting({ id: 'live', date: '2026-04-10', startedAt: '2026-04-10T09:00:00Z' });
    const groups = groupMeetings([...all, live], TODAY);
    expect(groups.live.map((m) => m.id)).toEqual(['live']);
    expect(groups.upcoming.map((m) => m.id)).toEqual(['later']);
    expect(groups.past.map((m) => m.id)).toEqual(['now', 'skipped', 'feb', 'jan']);
  });
});

describe('item timers', () => {
  it('adds the running stretch to the total, never going negative', () => {
    const startedAt = '2026-03-12T10:00:00.000Z';
    expect(timerElapsedMs({ startedAt: null, elapsedMs: 5000 }, Date.parse(startedAt))).toBe(5000);
    expect(timerElapsedMs({ startedAt, elapsedMs: 5000 }, Date.parse(startedAt) + 61_000)).toBe(66_000);
    expect(timerElapsedMs({ startedAt, elapsedMs: 0 }, Date.parse(startedAt) - 3000)).toBe(0);
  });

  it('formats durations and tells when an item runs over', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(isOverTime({ duration: 1, timer: { startedAt: null, elapsedMs: 61_000 } }, 0)).toBe(true);
    expect(isOverTime({ duration: null, timer: { startedAt: null, elapsedMs: 61_000 } }, 0)).toBe(false);
    expect(plannedMinutes([{ duration: 10 }, { duration: null }, { duration: 5 }])).toBe(15);
  });
});
