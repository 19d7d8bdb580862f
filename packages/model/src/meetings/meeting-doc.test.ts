import { describe, expect, it } from 'vitest';
import { EntryMissing } from '../entry-missing';
import * as Y from 'yjs';
import {
  addAction,
  addAgendaItem,
  addAttendees,
  addDecision,
  createMeeting,
  deleteMeeting,
  endMeeting,
  findMeeting,
  meetingPhase,
  meetingsOf,
  moveAgendaItem,
  pauseTimer,
  presentItem,
  readMeetings,
  removeAgendaItem,
  removeAttendee,
  reopenMeeting,
  resetTimer,
  setActionDone,
  snapshotKpis,
  startMeeting,
  startTimer,
  timerElapsedMs,
  updateAction,
  updateDecision,
  updateMeeting,
} from './index';
import { createKpi, setValue } from '../board/board-doc';

const T0 = '2026-03-12T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function setup() {
  const doc = new Y.Doc();
  const id = createMeeting(doc, { title: '  Monthly review ', date: '2026-03-12' });
  return { doc, id, read: () => findMeeting(doc, id)! };
}

describe('meetings document', () => {
  it('creates a planned meeting in the shape of DESIGN.md', () => {
    const { doc, id, read } = setup();
    const map = meetingsOf(doc).get(id)!;
    expect(map.get('attendees')).toBeInstanceOf(Y.Array);
    expect(map.get('agenda')).toBeInstanceOf(Y.Map);
    expect(read()).toMatchObject({ title: 'Monthly review', date: '2026-03-12', presenter: null, agenda: [], decisions: [], actions: [] });
    expect(meetingPhase(read())).toBe('planned');
    updateMeeting(doc, id, { title: 'March review', date: '2026-03-13' });
    expect(read()).toMatchObject({ title: 'March review', date: '2026-03-13' });
  });

  it('keeps agenda items in order, moves and removes them', () => {
    const { doc, id, read } = setup();
    const a = addAgendaItem(doc, id, { title: 'A', ref: { kind: 'kpi', id: 'k1' }, duration: 10 });
    const b = addAgendaItem(doc, id, { title: 'B', ref: null, duration: null });
    const c = addAgendaItem(doc, id, { title: 'C', ref: null, duration: null }, 0);
    expect(read().agenda.map((i) => i.title)).toEqual(['C', 'A', 'B']);
    expect(read().agenda[1]).toMatchObject({ ref: { kind: 'kpi', id: 'k1' }, duration: 10 });
    moveAgendaItem(doc, id, c, 2);
    expect(read().agenda.map((i) => i.id)).toEqual([a, b, c]);
    removeAgendaItem(doc, id, a);
    expect(read().agenda.map((i) => i.id)).toEqual([b, c]);
  });

  it('records who was present with each decision, and unties decisions from removed items', () => {
    const { doc, id, read } = setup();
    const item = addAgendaItem(doc, id, { title: 'Conversion', ref: null, duration: null });
    addAttendees(doc, id, ['bea', 'ada', 'bea']);
    const d = addDecision(doc, id, { text: ' Move budget ', itemId: item }, { id: 'cem', at: at(5) });
    addAttendees(doc, id, ['dan']);
    expect(read().attendees).toEqual(['bea', 'ada', 'dan']);
    expect(read().decisions).toEqual([{ id: d, text: 'Move budget', itemId: item, at: at(5), by: 'cem', present: ['ada', 'bea', 'cem'], thread: null }]);
    updateDecision(doc, id, d, { text: 'Move half the budget' });
    removeAgendaItem(doc, id, item);
    expect(read().decisions[0]).toMatchObject({ text: 'Move half the budget', itemId: null, present: ['ada', 'bea', 'cem'] });
    removeAttendee(doc, id, 'bea');
    expect(read().attendees).toEqual(['ada', 'dan']);
  });

  it('records actions with owner, due date and done', () => {
    const { doc, id, read } = setup();
    const a = addAction(doc, id, { text: 'Call the bank', owner: 'bea', due: '2026-03-30', itemId: null }, { id: 'ada', at: at(1) });
    expect(read().actions).toEqual([{ id: a, text: 'Call the bank', owner: 'bea', due: '2026-03-30', done: false, itemId: null, at: at(1), by: 'ada' }]);
    updateAction(doc, id, a, { owner: 'cem', due: null });
    setActionDone(doc, id, a, true);
    expect(read().actions[0]).toMatchObject({ owner: 'cem', due: null, done: true });
  });

  it('starts a meeting with its starter presenting and attending', () => {
    const { doc, id, read } = setup();
    startMeeting(doc, id, 'ada', T0);
    startMeeting(doc, id, 'bea', at(1));
    expect(read()).toMatchObject({ startedAt: T0, presenter: 'ada', attendees: ['ada', 'bea'] });
    expect(meetingPhase(read())).toBe('live');
  });

  it('runs the timer of the item the presenter shows, and pauses the one left', () => {
    const { doc, id, read } = setup();
    const a = addAgendaItem(doc, id, { title: 'A', ref: null, duration: 5 });
    const b = addAgendaItem(doc, id, { title: 'B', ref: null, duration: null });
    presentItem(doc, id, a, `/w/x/meetings/${id}?item=${a}`, T0);
    expect(read().agenda[0]!.timer).toEqual({ startedAt: null, elapsedMs: 0 });

    startMeeting(doc, id, 'ada', T0);
    presentItem(doc, id, b, `/w/x/meetings/${id}?item=${b}`, T0);
    presentItem(doc, id, a, `/w/x/meetings/${id}?item=${a}`, at(2));
    expect(read().presenting).toEqual({ itemId: a, path: `/w/x/meetings/${id}?item=${a}`, since: at(2) });
    const [itemA, itemB] = read().agenda;
    expect(itemB!.timer).toEqual({ startedAt: null, elapsedMs: 120_000 });
    expect(itemA!.timer.startedAt).toBe(at(2));
    expect(timerElapsedMs(itemA!.timer, Date.parse(at(5)))).toBe(180_000);

    // Showing the board while discussing A keeps A (and its timer, and since).
    presentItem(doc, id, null, '/w/x/board?kpi=k1', at(3));
    expect(read().presenting).toEqual({ itemId: a, path: '/w/x/board?kpi=k1', since: at(2) });
    expect(read().agenda[0]!.timer.startedAt).toBe(at(2));

    pauseTimer(doc, id, a, at(4));
    expect(read().agenda[0]!.timer).toEqual({ startedAt: null, elapsedMs: 120_000 });
    startTimer(doc, id, b, at(4));
    startTimer(doc, id, a, at(6));
    expect(read().agenda.map((i) => i.timer)).toEqual([
      { startedAt: at(6), elapsedMs: 120_000 },
      { startedAt: null, elapsedMs: 240_000 },
    ]);
    resetTimer(doc, id, a);
    expect(read().agenda[0]!.timer).toEqual({ startedAt: null, elapsedMs: 0 });
  });

  it('ends a meeting: timers stop, nobody presents, and the board and attendees are kept as they stood', () => {
    const { doc, id, read } = setup();
    const board = new Y.Doc();
    const k = createKpi(board, { name: 'Conversion', kind: 'outcome', category: 'customer-experience', owners: ['cmo'], unit: '%', direction: 'up', target: 3.5 });
    setValue(board, k, { at: '2026-03-01', value: 2.1 });
    const a = addAgendaItem(doc, id, { title: 'A', ref: { kind: 'kpi', id: k }, duration: null });
    startMeeting(doc, id, 'ada', T0);
    addAttendees(doc, id, ['bea']);
    presentItem(doc, id, a, '/w/x/meetings/m', T0);
    endMeeting(doc, id, { kpis: snapshotKpis(board), people: new Map([['ada', 'Ada Lovelace']]), at: at(30) });
    setValue(board, k, { at: '2026-04-01', value: 4 });

    const m = read();
    expect(meetingPhase(m)).toBe('ended');
    expect(m.endedAt).toBe(at(30));
    expect(m.presenting).toBeNull();
    expect(m.agenda[0]!.timer).toEqual({ startedAt: null, elapsedMs: 30 * 60_000 });
    expect(m.minutes).toEqual({
      endedAt: at(30),
      attendees: [
        { id: 'ada', name: 'Ada Lovelace' },
        { id: 'bea', name: '' },
      ],
      kpis: [{ id: k, name: 'Conversion', unit: '%', direction: 'up', target: 3.5, latest: { at: '2026-03-01', value: 2.1 }, status: 'off-track' }],
    });
    // Ending twice keeps the first minutes.
    endMeeting(doc, id, { kpis: [], people: new Map(), at: at(40) });
    expect(read().minutes?.endedAt).toBe(at(30));

    reopenMeeting(doc, id);
    expect(meetingPhase(read())).toBe('live');
    expect(read().minutes).toBeNull();
  });

  it('reads junk written by another program without failing', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    meetingsOf(doc).set('odd', map);
    meetingsOf(doc).set('junk', 'not a map' as never);
    map.set('title', 42);
    map.set('presenting', { path: 'no-slash', itemId: 3 });
    map.set('minutes', { endedAt: 5 });
    const agenda = new Y.Map<unknown>();
    map.set('agenda', agenda);
    const item = new Y.Map<unknown>();
    agenda.set('i', item);
    item.set('ref', { kind: 'spaceship', id: 'x' });
    item.set('duration', -3);
    item.set('timerElapsed', 'long');
    expect(readMeetings(doc)).toEqual([
      {
        id: 'odd',
        title: '',
        date: '',
        presenter: null,
        attendees: [],
        agenda: [{ id: 'i', title: '', ref: null, order: '', duration: null, timer: { startedAt: null, elapsedMs: 0 } }],
        decisions: [],
        actions: [],
        startedAt: null,
        endedAt: null,
        presenting: null,
        minutes: null,
        sinceLast: null,
      },
    ]);
  });

  it('refuses changes to what someone deleted a moment ago', () => {
    const { doc, id } = setup();
    const item = addAgendaItem(doc, id, { title: 'A', ref: null, duration: null });
    removeAgendaItem(doc, id, item);
    expect(() => startTimer(doc, id, item)).toThrow(EntryMissing);
    deleteMeeting(doc, id);
    expect(() => addAgendaItem(doc, id, { title: 'B', ref: null, duration: null })).toThrow(EntryMissing);
    expect(readMeetings(doc)).toEqual([]);
  });
});
