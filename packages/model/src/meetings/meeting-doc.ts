import * as Y from 'yjs';
import { newId } from '../ids';
import { keyAt } from '../shared/order-keys';
import { attendeesArray, collection, entryMap, meetingMap, setField } from './meeting-maps';
import { meetingsOf, readMeeting } from './read-meeting';
import type { AgendaItemInput, MeetingInput } from './types';


/** Adds a meeting (planned, empty agenda); returns its id. */
export function createMeeting(doc: Y.Doc, input: MeetingInput, id = newId()): string {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('title', input.title.trim());
    map.set('date', input.date);
    map.set('attendees', new Y.Array<string>());
    map.set('agenda', new Y.Map());
    map.set('decisions', new Y.Map());
    map.set('actions', new Y.Map());
    meetingsOf(doc).set(id, map);
  });
  return id;
}

/** Renames or re-dates a meeting. */
export function updateMeeting(doc: Y.Doc, id: string, patch: Partial<MeetingInput>): void {
  doc.transact(() => {
    const map = meetingMap(doc, id);
    if (patch.title !== undefined) setField(map, 'title', patch.title.trim());
    if (patch.date !== undefined) setField(map, 'date', patch.date);
  });
}

export function deleteMeeting(doc: Y.Doc, id: string): void {
  meetingsOf(doc).delete(id);
}

/** Adds an agenda item at `index` (default: the end); returns its id. */
export function addAgendaItem(doc: Y.Doc, meetingId: string, input: AgendaItemInput, index?: number, id = newId()): string {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const agenda = readMeeting(meetingId, meeting).agenda;
    const item = new Y.Map<unknown>();
    item.set('title', input.title.trim());
    if (input.ref) item.set('ref', { kind: input.ref.kind, id: input.ref.id });
    if (input.duration !== null) item.set('duration', input.duration);
    item.set('order', keyAt(agenda, index ?? agenda.length));
    collection(meeting, 'agenda').set(id, item);
  });
  return id;
}

/** Changes an item's title, planned minutes or reference. */
export function updateAgendaItem(doc: Y.Doc, meetingId: string, itemId: string, patch: Partial<AgendaItemInput>): void {
  doc.transact(() => {
    const item = entryMap(meetingMap(doc, meetingId), 'agenda', itemId);
    if (patch.title !== undefined) setField(item, 'title', patch.title.trim());
    if (patch.duration !== undefined) setField(item, 'duration', patch.duration);
    if (patch.ref !== undefined) {
      if (patch.ref === null) item.delete('ref');
      else item.set('ref', { kind: patch.ref.kind, id: patch.ref.id });
    }
  });
}

/**
 * Moves an item to `index` in agenda order. Its new fractional index lies between its new
 * neighbours, so concurrent moves of other items are unaffected.
 */
export function moveAgendaItem(doc: Y.Doc, meetingId: string, itemId: string, index: number): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const item = entryMap(meeting, 'agenda', itemId);
    const others = readMeeting(meetingId, meeting).agenda.filter((i) => i.id !== itemId);
    item.set('order', keyAt(others, index));
  });
}

/** Removes an item; decisions and actions that settled it stay, no longer tied to an item. */
export function removeAgendaItem(doc: Y.Doc, meetingId: string, itemId: string): void {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    collection(meeting, 'agenda').delete(itemId);
    const presenting = meeting.get('presenting') as { itemId?: unknown } | undefined;
    if (presenting && presenting.itemId === itemId) meeting.set('presenting', { ...presenting, itemId: null });
  });
}

/** Adds people to the attendees (those already there are not added twice). */
export function addAttendees(doc: Y.Doc, meetingId: string, userIds: readonly string[]): void {
  doc.transact(() => {
    const attendees = attendeesArray(meetingMap(doc, meetingId));
    const have = new Set(attendees.toArray());
    const missing = [...new Set(userIds)].filter((id) => id !== '' && !have.has(id));
    if (missing.length > 0) attendees.push(missing);
  });
}

/** Removes someone from the attendees (every copy, should concurrent adds have made two). */
export function removeAttendee(doc: Y.Doc, meetingId: string, userId: string): void {
  doc.transact(() => {
    const attendees = attendeesArray(meetingMap(doc, meetingId));
    const items = attendees.toArray();
    for (let i = items.length - 1; i >= 0; i--) if (items[i] === userId) attendees.delete(i, 1);
  });
}
