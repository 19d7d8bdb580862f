import { describe, expect, it } from 'vitest';
import { EntryMissing } from '../entry-missing';
import type * as Y from 'yjs';
import { ReplicaNetwork, seededRandom, type Random } from '../testing/convergence';
import {
  addAction,
  addAgendaItem,
  addAttendees,
  addDecision,
  createMeeting,
  endMeeting,
  findMeeting,
  moveAgendaItem,
  pauseTimer,
  presentItem,
  readMeetings,
  removeAction,
  removeAgendaItem,
  removeAttendee,
  setActionDone,
  setPresenter,
  startMeeting,
  startTimer,
  updateAction,
  updateAgendaItem,
  updateDecision,
} from './index';

const USERS = ['ada', 'bea', 'cem'];

interface Tracker {
  created: Set<string>;
  deleted: Set<string>;
}

function randomEdit(doc: Y.Doc, meetingId: string, random: Random, t: Tracker, step: number): void {
  const m = findMeeting(doc, meetingId)!;
  const user = random.pick(USERS);
  const when = new Date(Date.UTC(2026, 2, 12, 10, 0, step)).toISOString();
  const item = m.agenda.length > 0 ? random.pick(m.agenda) : null;
  const action = m.actions.length > 0 ? random.pick(m.actions) : null;
  const decision = m.decisions.length > 0 ? random.pick(m.decisions) : null;
  const op = random.int(14);
  if (!item || op === 0) {
    addAgendaItem(doc, meetingId, { title: `Item ${random.int(100)}`, ref: random.chance(0.5) ? { kind: 'kpi', id: `k${random.int(5)}` } : null, duration: random.chance(0.5) ? 10 : null }, random.chance(0.5) ? random.int(m.agenda.length + 1) : undefined);
    return;
  }
  switch (op) {
    case 1:
      moveAgendaItem(doc, meetingId, item.id, random.int(m.agenda.length + 1));
      break;
    case 2:
      if (random.chance(0.3)) {
        t.deleted.add(item.id);
        removeAgendaItem(doc, meetingId, item.id);
      } else updateAgendaItem(doc, meetingId, item.id, { title: `Renamed ${random.int(100)}`, duration: random.int(30) + 1 });
      break;
    case 3:
      t.created.add(addDecision(doc, meetingId, { text: `Decision ${random.int(100)}`, itemId: item.id }, { id: user, at: when }));
      break;
    case 4:
      if (decision) updateDecision(doc, meetingId, decision.id, { text: `Reworded ${random.int(100)}` });
      break;
    case 5:
      t.created.add(addAction(doc, meetingId, { text: `Action ${random.int(100)}`, owner: random.pick(USERS), due: '2026-04-01', itemId: item.id }, { id: user, at: when }));
      break;
    case 6:
      if (action) setActionDone(doc, meetingId, action.id, !action.done);
      break;
    case 7:
      if (action && random.chance(0.3)) {
        t.deleted.add(action.id);
        removeAction(doc, meetingId, action.id);
      } else if (action) updateAction(doc, meetingId, action.id, { owner: random.pick(USERS), due: random.chance(0.5) ? null : '2026-05-01' });
      break;
    case 8:
      if (random.chance(0.7)) addAttendees(doc, meetingId, [user]);
      else removeAttendee(doc, meetingId, user);
      break;
    case 9:
      presentItem(doc, meetingId, item.id, `/w/x/meetings/${meetingId}?item=${item.id}`, when);
      break;
    case 10:
      if (random.chance(0.5)) startTimer(doc, meetingId, item.id, when);
      else pauseTimer(doc, meetingId, item.id, when);
      break;
    case 11:
      setPresenter(doc, meetingId, random.chance(0.8) ? user : null);
      break;
    case 12:
      startMeeting(doc, meetingId, user, when);
      break;
    default:
      if (random.chance(0.2)) endMeeting(doc, meetingId, { kpis: [], people: new Map([[user, user.toUpperCase()]]), at: when });
  }
}

describe('meetings convergence', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('converges with random edits, moves, timers, ends and disconnects, losing nothing silently (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const net = new ReplicaNetwork(3, random);
    const meetingId = createMeeting(net.docs[0]!, { title: 'Monthly review', date: '2026-03-12' });
    net.settle();
    const t: Tracker = { created: new Set(), deleted: new Set() };
    for (let step = 0; step < 200; step++) {
      const doc = random.pick(net.docs);
      try {
        randomEdit(doc, meetingId, random, t, step);
      } catch (error) {
        // An entry deleted by another replica a moment ago: the change is refused, as on screen.
        if (!(error instanceof EntryMissing)) throw error;
      }
      net.deliverSome(3);
      if (random.chance(0.08)) net.churn();
    }
    net.settle();
    const [first, ...rest] = net.docs.map((d) => readMeetings(d));
    for (const other of rest) expect(other).toEqual(first);
    const m = first![0]!;
    const present = new Set([...m.decisions.map((d) => d.id), ...m.actions.map((a) => a.id)]);
    for (const id of t.created) if (!t.deleted.has(id)) expect(present.has(id), `entry ${id} vanished`).toBe(true);
    expect(new Set(m.attendees).size).toBe(m.attendees.length);
    const items = new Set(m.agenda.map((i) => i.id));
    for (const d of m.decisions) expect(d.itemId === null || items.has(d.itemId)).toBe(true);
    if (m.presenting?.itemId) expect(items.has(m.presenting.itemId)).toBe(true);
  });

  it('keeps both decisions and both actions taken at the same time on two devices', () => {
    const net = new ReplicaNetwork(2, seededRandom(5));
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const id = createMeeting(a, { title: 'Review', date: '2026-03-12' });
    const item = addAgendaItem(a, id, { title: 'Conversion', ref: null, duration: null });
    startMeeting(a, id, 'ada', '2026-03-12T10:00:00Z');
    net.settle();
    net.goOffline(1);
    addDecision(a, id, { text: 'From Ada', itemId: item }, { id: 'ada', at: '2026-03-12T10:05:00Z' });
    addAction(a, id, { text: 'Ada acts', owner: 'ada', due: null, itemId: item }, { id: 'ada', at: '2026-03-12T10:05:00Z' });
    addAttendees(b, id, ['bea']);
    addDecision(b, id, { text: 'From Bea', itemId: item }, { id: 'bea', at: '2026-03-12T10:06:00Z' });
    addAction(b, id, { text: 'Bea acts', owner: 'bea', due: '2026-04-01', itemId: item }, { id: 'bea', at: '2026-03-12T10:06:00Z' });
    net.settle();
    for (const doc of net.docs) {
      const m = findMeeting(doc, id)!;
      expect(m.decisions.map((d) => [d.text, d.present])).toEqual([
        ['From Ada', ['ada']],
        ['From Bea', ['ada', 'bea']],
      ]);
      expect(m.actions.map((x) => x.text)).toEqual(['Ada acts', 'Bea acts']);
      expect(m.attendees).toEqual(['ada', 'bea']);
    }
  });

  it('agrees on one presenter and one shown item when two people present at once', () => {
    const net = new ReplicaNetwork(2, seededRandom(9));
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const id = createMeeting(a, { title: 'Review', date: '2026-03-12' });
    const one = addAgendaItem(a, id, { title: 'One', ref: null, duration: null });
    const two = addAgendaItem(a, id, { title: 'Two', ref: null, duration: null });
    startMeeting(a, id, 'ada', '2026-03-12T10:00:00Z');
    net.settle();
    net.goOffline(1);
    setPresenter(a, id, 'ada');
    presentItem(a, id, one, '/a', '2026-03-12T10:01:00Z');
    setPresenter(b, id, 'bea');
    presentItem(b, id, two, '/b', '2026-03-12T10:01:00Z');
    net.settle();
    const [ra, rb] = net.docs.map((d) => findMeeting(d, id)!);
    expect(ra).toEqual(rb);
    expect(['ada', 'bea']).toContain(ra!.presenter);
    expect([one, two]).toContain(ra!.presenting?.itemId);
  });
});
