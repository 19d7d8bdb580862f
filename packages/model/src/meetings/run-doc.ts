import type * as Y from 'yjs';
import { readBoard } from '../board/board-doc';
import { summariseKpi } from '../board/kpi-summary';
import { attendeesArray, collection, entryMap, meetingMap } from './meeting-maps';
import { appPath } from './presenting-path';
import { entriesOf } from './read-meeting';
import type { KpiSnapshot, MinutesRecord, Presenting, SinceRecord } from './types';

// Running a meeting: start, the presenter and what they show, the item timers, the end and its minutes.

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** Starts a meeting: `by` joins it and presents unless someone already does. Starting twice changes nothing. */
export function startMeeting(doc: Y.Doc, meetingId: string, by: string, at = new Date().toISOString()): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    if (typeof meeting.get('startedAt') !== 'string') meeting.set('startedAt', at);
    if (typeof meeting.get('presenter') !== 'string' || meeting.get('presenter') === '') meeting.set('presenter', by);
    const attendees = attendeesArray(meeting);
    if (!attendees.toArray().includes(by)) attendees.push([by]);
  });
}

/** Makes `userId` the presenter (taking over from whoever presented), or nobody with null. */
export function setPresenter(doc: Y.Doc, meetingId: string, userId: string | null): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    if (userId) meeting.set('presenter', userId);
    else meeting.delete('presenter');
  });
}

/** Pauses an item's timer, folding the running time into its elapsed total. */
function pause(item: Y.Map<unknown>, at: string): void {
  const started = ms(item.get('timerStartedAt') as string | undefined);
  if (Number.isNaN(started)) return;
  const elapsed = typeof item.get('timerElapsed') === 'number' ? (item.get('timerElapsed') as number) : 0;
  item.set('timerElapsed', Math.max(0, elapsed + Math.max(0, ms(at) - started)));
  item.delete('timerStartedAt');
}

function pauseAll(meeting: Y.Map<unknown>, at: string, except?: string): void {
  for (const [id, item] of entriesOf(meeting, 'agenda')) if (id !== except) pause(item, at);
}

/** Starts (or resumes) an item's timer; any other running timer of the meeting pauses. */
export function startTimer(doc: Y.Doc, meetingId: string, itemId: string, at = new Date().toISOString()): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const item = entryMap(meeting, 'agenda', itemId);
    pauseAll(meeting, at, itemId);
    if (typeof item.get('timerStartedAt') !== 'string') item.set('timerStartedAt', at);
  });
}

export function pauseTimer(doc: Y.Doc, meetingId: string, itemId: string, at = new Date().toISOString()): void {
  doc.transact(() => pause(entryMap(meetingMap(doc, meetingId), 'agenda', itemId), at));
}

export function resetTimer(doc: Y.Doc, meetingId: string, itemId: string): void {
  doc.transact(() => {
    const item = entryMap(meetingMap(doc, meetingId), 'agenda', itemId);
    item.delete('timerStartedAt');
    item.delete('timerElapsed');
  });
}

/**
 * The presenter shows an item at `path` (with `itemId` null: another page, e.g. the board, while the
 * same item is discussed): followers go there. In a live meeting, moving to another item pauses the other timers and starts this one's.
 */
export function presentItem(doc: Y.Doc, meetingId: string, itemId: string | null, path: string, at = new Date().toISOString()): void {
  const normal = appPath(path);
  if (normal === null) throw new Error('the presenter can only show a page of the app');
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const previous = meeting.get('presenting') as Partial<Presenting> | undefined;
    const item = itemId ? collection(meeting, 'agenda').get(itemId) : undefined;
    const target = item ? itemId : (previous?.itemId ?? null);
    const sameItem = previous?.itemId === target;
    if (sameItem && previous?.path === normal) return;
    meeting.set('presenting', { itemId: target, path: normal, since: sameItem && previous?.since ? previous.since : at });
    const live = typeof meeting.get('startedAt') === 'string' && typeof meeting.get('endedAt') !== 'string';
    if (live && item && !sameItem) {
      pauseAll(meeting, at, itemId!);
      if (typeof item.get('timerStartedAt') !== 'string') item.set('timerStartedAt', at);
    }
  });
}

/** The KPIs of the board as they stand now, for the minutes. */
export function snapshotKpis(board: Y.Doc): KpiSnapshot[] {
  return readBoard(board).map((kpi) => {
    const s = summariseKpi(kpi);
    return { id: s.id, name: s.name, unit: s.unit, direction: s.direction, target: s.target, latest: s.latest, status: s.status };
  });
}

/**
 * Ends a meeting: every timer stops, nobody presents any more, and the minutes' frozen part is kept
 * in the meeting: the end time, the attendees with their names now, and the KPIs as they stood.
 */
export function endMeeting(
  doc: Y.Doc,
  meetingId: string,
  context: { kpis: readonly KpiSnapshot[]; people: ReadonlyMap<string, string>; at?: string },
): void {
  const at = context.at ?? new Date().toISOString();
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    if (typeof meeting.get('endedAt') === 'string') return;
    pauseAll(meeting, at);
    if (typeof meeting.get('startedAt') !== 'string') meeting.set('startedAt', at);
    const attendees = [...new Set(attendeesArray(meeting).toArray())].filter((id) => typeof id === 'string' && id !== '');
    const minutes: MinutesRecord = {
      endedAt: at,
      attendees: attendees.map((id) => ({ id, name: context.people.get(id) ?? '' })),
      kpis: context.kpis.map((k) => ({ ...k, latest: k.latest ? { at: k.latest.at, value: k.latest.value } : null })),
    };
    meeting.set('minutes', minutes);
    meeting.set('endedAt', at);
    meeting.delete('presenting');
  });
}

/**
 * Keeps "since the last meeting" in the meeting, as the minutes show it from then on. The window it
 * covers (the last meeting's end to this one's start) is closed, so any editor writing it writes the
 * same list: a concurrent second write changes nothing people see.
 */
export function keepSinceRecord(doc: Y.Doc, meetingId: string, record: SinceRecord): void {
  meetingMap(doc, meetingId).set('sinceLast', {
    previous: record.previous ? { ...record.previous } : null,
    until: record.until,
    items: record.items.map((i) => ({ group: i.group, ref: { kind: i.ref.kind, id: i.ref.id }, title: i.title, what: i.what, by: [...i.by] })),
  });
}

/** Reopens an ended meeting (ended by mistake): it is live again and its minutes are dropped until it ends. */
export function reopenMeeting(doc: Y.Doc, meetingId: string): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    meeting.delete('endedAt');
    meeting.delete('minutes');
  });
}
