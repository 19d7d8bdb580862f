import * as Y from 'yjs';
import { newId } from '../ids';
import { entry, journeyMap } from './journey-entries';
import { journeysOf } from './read-journey';
import type { JourneyInput, StageInput, TouchpointInput } from './types';
import { byOrder, keyAfterAll, keyAt } from '../shared/order-keys';
import { childMap, mapEntries, setField, str } from './y-fields';

const stageMap = (doc: Y.Doc, journeyId: string, stageId: string) => entry(journeyMap(doc, journeyId), 'stages', stageId);

// ---- journeys ------------------------------------------------------------------------------------

/** Creates an empty journey; returns its id. */
export function createJourney(doc: Y.Doc, input: JourneyInput, id = newId()): string {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('title', input.title);
    map.set('persona', input.persona);
    map.set('stages', new Y.Map());
    map.set('painPoints', new Y.Map());
    map.set('notes', new Y.Map());
    journeysOf(doc).set(id, map);
  });
  return id;
}

/** Renames a journey or changes its persona. */
export function updateJourney(doc: Y.Doc, id: string, patch: Partial<JourneyInput>): void {
  doc.transact(() => {
    const map = journeyMap(doc, id);
    if (patch.title !== undefined) setField(map, 'title', patch.title);
    if (patch.persona !== undefined) setField(map, 'persona', patch.persona);
  });
}

export function deleteJourney(doc: Y.Doc, id: string): void {
  journeysOf(doc).delete(id);
}

// ---- stages and touchpoints ---------------------------------------------------------------------

const orderedStages = (journey: Y.Map<unknown>) =>
  mapEntries(journey, 'stages')
    .map(([id, m]) => ({ id, order: str(m.get('order')) }))
    .sort(byOrder);

/** Adds a stage, at the end or at `index`; returns its id. */
export function addStage(doc: Y.Doc, journeyId: string, input: StageInput, index?: number, id = newId()): string {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    const stages = orderedStages(journey);
    const map = new Y.Map<unknown>();
    map.set('name', input.name);
    map.set('emotion', input.emotion);
    map.set('order', index === undefined ? keyAfterAll(stages) : keyAt(stages, index));
    map.set('touchpoints', new Y.Map());
    childMap(journey, 'stages').set(id, map);
  });
  return id;
}

export function updateStage(doc: Y.Doc, journeyId: string, stageId: string, patch: Partial<StageInput>): void {
  doc.transact(() => {
    const map = stageMap(doc, journeyId, stageId);
    if (patch.name !== undefined) setField(map, 'name', patch.name);
    if (patch.emotion !== undefined) setField(map, 'emotion', patch.emotion);
  });
}

/** Moves a stage to `index` (fractional order: concurrent moves of other stages are unaffected). */
export function moveStage(doc: Y.Doc, journeyId: string, stageId: string, index: number): void {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    const map = entry(journey, 'stages', stageId);
    map.set('order', keyAt(orderedStages(journey).filter((s) => s.id !== stageId), index));
  });
}

/**
 * Deletes a stage. With `withContents`, the pain points and notes this replica sees in it go too;
 * without, they stay and read as unplaced. Anything another person puts into the stage at the same
 * time survives either way and reads as unplaced (never lost silently).
 */
export function deleteStage(doc: Y.Doc, journeyId: string, stageId: string, options: { withContents?: boolean } = {}): void {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    childMap(journey, 'stages').delete(stageId);
    if (!options.withContents) return;
    for (const collection of ['painPoints', 'notes']) {
      const entries = childMap(journey, collection);
      for (const [id, map] of mapEntries(journey, collection)) if (map.get('stageId') === stageId) entries.delete(id);
    }
  });
}

const orderedTouchpoints = (stage: Y.Map<unknown>) =>
  mapEntries(stage, 'touchpoints')
    .map(([id, m]) => ({ id, order: str(m.get('order')) }))
    .sort(byOrder);

/** Adds a touchpoint at the end of a stage; returns its id. */
export function addTouchpoint(doc: Y.Doc, journeyId: string, stageId: string, input: TouchpointInput, id = newId()): string {
  doc.transact(() => {
    const stage = stageMap(doc, journeyId, stageId);
    const map = new Y.Map<unknown>();
    map.set('name', input.name);
    map.set('channel', input.channel.trim().toLowerCase());
    map.set('order', keyAfterAll(orderedTouchpoints(stage)));
    childMap(stage, 'touchpoints').set(id, map);
  });
  return id;
}

export function updateTouchpoint(doc: Y.Doc, journeyId: string, stageId: string, touchpointId: string, patch: Partial<TouchpointInput>): void {
  doc.transact(() => {
    const map = entry(stageMap(doc, journeyId, stageId), 'touchpoints', touchpointId);
    if (patch.name !== undefined) setField(map, 'name', patch.name);
    if (patch.channel !== undefined) setField(map, 'channel', patch.channel.trim().toLowerCase());
  });
}

/** Moves a touchpoint to `index` within its stage. */
export function moveTouchpoint(doc: Y.Doc, journeyId: string, stageId: string, touchpointId: string, index: number): void {
  doc.transact(() => {
    const stage = stageMap(doc, journeyId, stageId);
    const map = entry(stage, 'touchpoints', touchpointId);
    map.set('order', keyAt(orderedTouchpoints(stage).filter((t) => t.id !== touchpointId), index));
  });
}

/** Deletes a touchpoint; its pain points stay in the stage, no longer on a touchpoint. */
export function deleteTouchpoint(doc: Y.Doc, journeyId: string, stageId: string, touchpointId: string): void {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    childMap(entry(journey, 'stages', stageId), 'touchpoints').delete(touchpointId);
    for (const [, map] of mapEntries(journey, 'painPoints')) if (map.get('touchpointId') === touchpointId) map.delete('touchpointId');
  });
}

/** The Y.Text of a pain point's description or a note's text, for collaborative editing on screens. */
export function journeyTextField(doc: Y.Doc, journeyId: string, kind: 'painPoint' | 'note', id: string): Y.Text {
  const map = entry(journeyMap(doc, journeyId), kind === 'painPoint' ? 'painPoints' : 'notes', id);
  const key = kind === 'painPoint' ? 'description' : 'text';
  const text = map.get(key);
  if (text instanceof Y.Text) return text;
  const created = new Y.Text(typeof text === 'string' ? text : '');
  map.set(key, created);
  return created;
}

/** The Y.Map of one journey (for observers and undo scopes on screens). */
export function journeyYMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const map = journeysOf(doc).get(id);
  return map instanceof Y.Map ? map : null;
}
