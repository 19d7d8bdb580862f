import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import { meetingsOf } from './read-meeting';

// Write-side access to the Y.Maps of the meetings document. Internal to the meetings model.

export function meetingMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = meetingsOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown meeting ${id}`);
  return map;
}

/** The Y.Map under `key` of a meeting (`agenda`, `decisions`, `actions`), created when missing. */
export function collection(meeting: Y.Map<unknown>, key: 'agenda' | 'decisions' | 'actions'): Y.Map<Y.Map<unknown>> {
  let map = meeting.get(key);
  if (!(map instanceof Y.Map)) {
    map = new Y.Map();
    meeting.set(key, map);
  }
  return map as Y.Map<Y.Map<unknown>>;
}

export function entryMap(meeting: Y.Map<unknown>, key: 'agenda' | 'decisions' | 'actions', id: string): Y.Map<unknown> {
  const map = collection(meeting, key).get(id);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown ${key} entry ${id}`);
  return map;
}

export function attendeesArray(meeting: Y.Map<unknown>): Y.Array<string> {
  let array = meeting.get('attendees');
  if (!(array instanceof Y.Array)) {
    array = new Y.Array<string>();
    meeting.set('attendees', array);
  }
  return array as Y.Array<string>;
}

/** Sets a field only when it changes (no needless updates); `undefined` deletes it. */
export function setField(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined || value === null) {
    if (map.has(key)) map.delete(key);
  } else if (map.get(key) !== value) map.set(key, value);
}
