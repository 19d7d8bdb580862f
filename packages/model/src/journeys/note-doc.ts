import * as Y from 'yjs';
import { newId } from '../ids';
import { entry, journeyMap } from './journey-entries';
import type { NoteInput } from './types';
import { childMap, setField, setText } from './y-fields';

const noteMap = (doc: Y.Doc, journeyId: string, id: string) => entry(journeyMap(doc, journeyId), 'notes', id);

// ---- sticky notes -------------------------------------------------------------------------------

/** Adds a sticky note in a stage's column; returns its id. */
export function addNote(doc: Y.Doc, journeyId: string, input: NoteInput, id = newId()): string {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    entry(journey, 'stages', input.stageId);
    const map = new Y.Map<unknown>();
    map.set('text', new Y.Text(input.text));
    map.set('stageId', input.stageId);
    map.set('x', Math.round(input.x));
    map.set('y', Math.round(input.y));
    map.set('color', input.color);
    map.set('author', input.author);
    childMap(journey, 'notes').set(id, map);
  });
  return id;
}

/** Moves a sticky note (to another stage's column, possibly). */
export function moveNote(doc: Y.Doc, journeyId: string, id: string, to: { stageId: string; x: number; y: number }): void {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    entry(journey, 'stages', to.stageId);
    const map = entry(journey, 'notes', id);
    setField(map, 'stageId', to.stageId);
    setField(map, 'x', Math.round(to.x));
    setField(map, 'y', Math.round(to.y));
  });
}

export function updateNote(doc: Y.Doc, journeyId: string, id: string, patch: { text?: string; color?: NoteInput['color'] }): void {
  doc.transact(() => {
    const map = noteMap(doc, journeyId, id);
    if (patch.color !== undefined) setField(map, 'color', patch.color);
    if (patch.text !== undefined) setText(map, 'text', patch.text);
  });
}

export function deleteNote(doc: Y.Doc, journeyId: string, id: string): void {
  doc.transact(() => childMap(journeyMap(doc, journeyId), 'notes').delete(id));
}

