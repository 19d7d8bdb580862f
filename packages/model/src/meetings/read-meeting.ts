import * as Y from 'yjs';
import { KPI_STATUSES, type KpiStatus } from '../board/kpi-status';
import { byOrder } from '../shared/order-keys';
import { appPath } from './presenting-path';
import { readSinceRecord } from './since-record';
import { TARGET_KINDS, type TargetKind } from '../conversations/types';
import {
  REF_KINDS,
  type ActionItem,
  type AgendaItem,
  type AgendaRef,
  type Decision,
  type KpiSnapshot,
  type Meeting,
  type MeetingPhase,
  type MinutesRecord,
  type Presenting,
  type RefKind,
} from './types';

// Readers of the `meetings` document, tolerant of missing or odd values (another program, or an
// older client, may have written them).

/**
 * The root of the `meetings` document (DESIGN.md): meeting id -> Y.Map {title, date, presenter?,
 * attendees Y.Array, agenda Y.Map, decisions Y.Map, actions Y.Map, endedAt?}. Extensions, each
 * optional for readers: `startedAt`, `presenting` {itemId, path, since}, `minutes` (frozen at the end),
 * per agenda item `duration` and the timer (`timerStartedAt`, `timerElapsed`), per decision `present`.
 */
export function meetingsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('meetings');
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value instanceof Y.Text ? value.toString() : '');
const strOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** The Y.Map entries of a collection (`agenda`, `decisions`, `actions`), skipping junk. */
export function entriesOf(meeting: Y.Map<unknown>, key: string): [string, Y.Map<unknown>][] {
  const map = meeting.get(key);
  if (!(map instanceof Y.Map)) return [];
  return [...(map as Y.Map<unknown>).entries()].filter((e): e is [string, Y.Map<unknown>] => e[1] instanceof Y.Map);
}

export function readRef(value: unknown): AgendaRef | null {
  if (!isRecord(value)) return null;
  const { kind, id } = value;
  return typeof id === 'string' && id !== '' && (REF_KINDS as readonly unknown[]).includes(kind) ? { kind: kind as RefKind, id } : null;
}

function readItem(id: string, map: Y.Map<unknown>): AgendaItem {
  const duration = finite(map.get('duration'));
  return {
    id,
    title: str(map.get('title')),
    ref: readRef(map.get('ref')),
    order: str(map.get('order')),
    duration: duration !== null && duration > 0 ? Math.round(duration) : null,
    timer: { startedAt: strOrNull(map.get('timerStartedAt')), elapsedMs: Math.max(0, finite(map.get('timerElapsed')) ?? 0) },
  };
}

const byTime = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function readPresenting(value: unknown, items: ReadonlySet<string>): Presenting | null {
  // Normalised as a browser would open it, so that followers are never sent off the app (see appPath).
  const path = isRecord(value) && typeof value.path === 'string' ? appPath(value.path) : null;
  if (!isRecord(value) || path === null) return null;
  const itemId = strOrNull(value.itemId);
  return { itemId: itemId && items.has(itemId) ? itemId : null, path, since: str(value.since) };
}

function readSnapshot(value: unknown): KpiSnapshot | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  const latest = isRecord(value.latest) && typeof value.latest.at === 'string' && finite(value.latest.value) !== null ? { at: value.latest.at, value: value.latest.value as number } : null;
  return {
    id: value.id,
    name: str(value.name),
    unit: str(value.unit),
    direction: value.direction === 'down' ? 'down' : 'up',
    target: finite(value.target),
    latest,
    status: (KPI_STATUSES as readonly unknown[]).includes(value.status) ? (value.status as KpiStatus) : 'no-data',
  };
}

function readThread(value: unknown): Decision['thread'] {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '' || !isRecord(value.target)) return null;
  const { kind, id } = value.target;
  if (!(TARGET_KINDS as readonly unknown[]).includes(kind) || typeof id !== 'string' || id === '') return null;
  return { id: value.id, target: { kind: kind as TargetKind, id }, title: str(value.title) };
}

function readMinutes(value: unknown): MinutesRecord | null {
  if (!isRecord(value) || typeof value.endedAt !== 'string') return null;
  const attendees = Array.isArray(value.attendees)
    ? value.attendees.filter(isRecord).flatMap((a) => (typeof a.id === 'string' ? [{ id: a.id, name: str(a.name) }] : []))
    : [];
  const kpis = Array.isArray(value.kpis) ? value.kpis.map(readSnapshot).filter((k): k is KpiSnapshot => k !== null) : [];
  return { endedAt: value.endedAt, attendees, kpis };
}

/** Reads one meeting's Y.Map as plain data. Links to agenda items that no longer exist read as null. */
export function readMeeting(id: string, map: Y.Map<unknown>): Meeting {
  const agenda = entriesOf(map, 'agenda')
    .map(([itemId, item]) => readItem(itemId, item))
    .sort(byOrder);
  const items = new Set(agenda.map((i) => i.id));
  const itemOf = (value: unknown) => {
    const itemId = strOrNull(value);
    return itemId && items.has(itemId) ? itemId : null;
  };
  const decisions: Decision[] = entriesOf(map, 'decisions')
    .map(([did, d]) => ({
      id: did,
      text: str(d.get('text')),
      itemId: itemOf(d.get('itemId')),
      at: str(d.get('at')),
      by: str(d.get('by')),
      present: [...new Set(strings(d.get('present')))].sort(),
      thread: readThread(d.get('thread')),
    }))
    .sort(byTime);
  const actions: ActionItem[] = entriesOf(map, 'actions')
    .map(([aid, a]) => ({
      id: aid,
      text: str(a.get('text')),
      owner: strOrNull(a.get('owner')),
      due: strOrNull(a.get('due')),
      done: a.get('done') === true,
      itemId: itemOf(a.get('itemId')),
      at: str(a.get('at')),
      by: str(a.get('by')),
    }))
    .sort(byTime);
  const attendees = map.get('attendees');
  return {
    id,
    title: str(map.get('title')),
    date: str(map.get('date')),
    presenter: strOrNull(map.get('presenter')),
    attendees: [...new Set(attendees instanceof Y.Array ? strings(attendees.toArray()) : [])],
    agenda,
    decisions,
    actions,
    startedAt: strOrNull(map.get('startedAt')),
    endedAt: strOrNull(map.get('endedAt')),
    presenting: readPresenting(map.get('presenting'), items),
    minutes: readMinutes(map.get('minutes')),
    sinceLast: readSinceRecord(map.get('sinceLast')),
  };
}

/** Every meeting of the document, newest date first (then title, then id). */
export function readMeetings(doc: Y.Doc): Meeting[] {
  return [...meetingsOf(doc).entries()]
    .filter(([, map]) => map instanceof Y.Map)
    .map(([id, map]) => readMeeting(id, map))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1)));
}

/** One meeting, or null when it does not exist. */
export function findMeeting(doc: Y.Doc, id: string): Meeting | null {
  const map = meetingsOf(doc).get(id);
  return map instanceof Y.Map ? readMeeting(id, map) : null;
}

/** Planned until started; live until ended. An end without a start (another program) counts as ended. */
export function meetingPhase(meeting: Pick<Meeting, 'startedAt' | 'endedAt'>): MeetingPhase {
  return meeting.endedAt ? 'ended' : meeting.startedAt ? 'live' : 'planned';
}
