import * as Y from 'yjs';
import { newId } from '../ids';
import { attendeesArray, collection, entryMap, meetingMap, setField } from './meeting-maps';
import type { ActionInput, DecisionInput, MeetingActor } from './types';

// Decisions and action items: what a meeting leaves behind.

const now = (actor: MeetingActor) => actor.at ?? new Date().toISOString();

/**
 * Records a decision, tied to the item it settles, with who was present then: the meeting's
 * attendees at this moment (plus whoever records it). Returns its id.
 */
export function addDecision(doc: Y.Doc, meetingId: string, input: DecisionInput, actor: MeetingActor, id = newId()): string {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const present = [...new Set([...attendeesArray(meeting).toArray(), actor.id])].filter((x) => typeof x === 'string' && x !== '').sort();
    const map = new Y.Map<unknown>();
    map.set('text', input.text.trim());
    if (input.itemId) map.set('itemId', input.itemId);
    map.set('at', now(actor));
    map.set('by', actor.id);
    map.set('present', present);
    // The link back to the conversation it came from, kept as it was (the thread may go on).
    if (input.thread) map.set('thread', { id: input.thread.id, target: { kind: input.thread.target.kind, id: input.thread.target.id }, title: input.thread.title });
    collection(meeting, 'decisions').set(id, map);
  });
  return id;
}

/** Rewords a decision or ties it to another item (who was present stays as it was). */
export function updateDecision(doc: Y.Doc, meetingId: string, id: string, patch: Partial<DecisionInput>): void {
  doc.transact(() => {
    const map = entryMap(meetingMap(doc, meetingId), 'decisions', id);
    if (patch.text !== undefined) setField(map, 'text', patch.text.trim());
    if (patch.itemId !== undefined) setField(map, 'itemId', patch.itemId);
  });
}

export function removeDecision(doc: Y.Doc, meetingId: string, id: string): void {
  collection(meetingMap(doc, meetingId), 'decisions').delete(id);
}

/** Records an action item (not done); returns its id. */
export function addAction(doc: Y.Doc, meetingId: string, input: ActionInput, actor: MeetingActor, id = newId()): string {
  doc.transact(() => {
    const meeting = meetingMap(doc, meetingId);
    const map = new Y.Map<unknown>();
    map.set('text', input.text.trim());
    if (input.owner) map.set('owner', input.owner);
    if (input.due) map.set('due', input.due);
    map.set('done', false);
    if (input.itemId) map.set('itemId', input.itemId);
    map.set('at', now(actor));
    map.set('by', actor.id);
    collection(meeting, 'actions').set(id, map);
  });
  return id;
}

/** Changes an action's text, owner, due date or item; each field on its own, so concurrent edits of others survive. */
export function updateAction(doc: Y.Doc, meetingId: string, id: string, patch: Partial<ActionInput>): void {
  doc.transact(() => {
    const map = entryMap(meetingMap(doc, meetingId), 'actions', id);
    if (patch.text !== undefined) setField(map, 'text', patch.text.trim());
    if (patch.owner !== undefined) setField(map, 'owner', patch.owner);
    if (patch.due !== undefined) setField(map, 'due', patch.due);
    if (patch.itemId !== undefined) setField(map, 'itemId', patch.itemId);
  });
}

export function setActionDone(doc: Y.Doc, meetingId: string, id: string, done: boolean): void {
  doc.transact(() => setField(entryMap(meetingMap(doc, meetingId), 'actions', id), 'done', done));
}

export function removeAction(doc: Y.Doc, meetingId: string, id: string): void {
  collection(meetingMap(doc, meetingId), 'actions').delete(id);
}
