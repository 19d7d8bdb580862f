import * as Y from 'yjs';
import { newId } from '../ids';
import type { Seat } from '../roles';
import { journeysOf, readJourney } from './read-journey';
import {
  VOTES_PER_PERSON,
  type JourneyInput,
  type NoteInput,
  type PainPointInput,
  type StageInput,
  type TouchpointInput,
} from './types';
import { byOrder, childArray, childMap, keyAfterAll, keyAt, mapEntries, setField, setStrings, setText, str } from './y-fields';

/** Thrown when an edit names a journey, stage, touchpoint, pain point or note that does not exist (any more). */
export class JourneyEntryMissing extends Error {}

function journeyMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = journeysOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new JourneyEntryMissing(`unknown journey ${id}`);
  return map;
}

function entry(parent: Y.Map<unknown>, collection: string, id: string): Y.Map<unknown> {
  const map = childMap(parent, collection).get(id);
  if (!(map instanceof Y.Map)) throw new JourneyEntryMissing(`unknown ${collection} entry ${id}`);
  return map as Y.Map<unknown>;
}

const stageMap = (doc: Y.Doc, journeyId: string, stageId: string) => entry(journeyMap(doc, journeyId), 'stages', stageId);
const painPointMap = (doc: Y.Doc, journeyId: string, id: string) => entry(journeyMap(doc, journeyId), 'painPoints', id);
const noteMap = (doc: Y.Doc, journeyId: string, id: string) => entry(journeyMap(doc, journeyId), 'notes', id);

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

// ---- pain points --------------------------------------------------------------------------------

/** Adds a pain point; returns its id. */
export function addPainPoint(doc: Y.Doc, journeyId: string, input: PainPointInput, id = newId()): string {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    entry(journey, 'stages', input.stageId);
    const map = new Y.Map<unknown>();
    map.set('title', input.title);
    map.set('description', new Y.Text(input.description));
    map.set('stageId', input.stageId);
    if (input.touchpointId) map.set('touchpointId', input.touchpointId);
    map.set('severity', input.severity);
    if (input.customersAffected !== null) map.set('customersAffected', input.customersAffected);
    map.set('side', input.side);
    map.set('owners', Y.Array.from([...new Set(input.owners)]));
    map.set('status', input.status);
    map.set('kpis', Y.Array.from([...new Set(input.kpis)]));
    map.set('votes', new Y.Map());
    childMap(journey, 'painPoints').set(id, map);
  });
  return id;
}

/** Changes the given fields of a pain point; unchanged values are not rewritten. Placement: `movePainPoint`. */
export function updatePainPoint(
  doc: Y.Doc,
  journeyId: string,
  id: string,
  patch: Partial<Omit<PainPointInput, 'stageId' | 'touchpointId'>>,
): void {
  doc.transact(() => {
    const map = painPointMap(doc, journeyId, id);
    for (const key of ['title', 'severity', 'side', 'status'] as const) if (patch[key] !== undefined) setField(map, key, patch[key]);
    if (patch.customersAffected !== undefined) {
      if (patch.customersAffected === null) map.has('customersAffected') && map.delete('customersAffected');
      else setField(map, 'customersAffected', patch.customersAffected);
    }
    if (patch.description !== undefined) setText(map, 'description', patch.description);
    if (patch.owners) setStrings(childArray<string>(map, 'owners'), patch.owners as Seat[]);
    if (patch.kpis) setStrings(childArray<string>(map, 'kpis'), patch.kpis);
  });
}

/** Puts a pain point in another cell: a stage, and a touchpoint of it or none (the whole stage). */
export function movePainPoint(doc: Y.Doc, journeyId: string, id: string, stageId: string, touchpointId: string | null): void {
  doc.transact(() => {
    const journey = journeyMap(doc, journeyId);
    const stage = entry(journey, 'stages', stageId);
    if (touchpointId) entry(stage, 'touchpoints', touchpointId);
    const map = entry(journey, 'painPoints', id);
    setField(map, 'stageId', stageId);
    if (touchpointId) setField(map, 'touchpointId', touchpointId);
    else if (map.has('touchpointId')) map.delete('touchpointId');
  });
}

export function deletePainPoint(doc: Y.Doc, journeyId: string, id: string): void {
  doc.transact(() => childMap(journeyMap(doc, journeyId), 'painPoints').delete(id));
}

/** Links a pain point to a KPI of the board (no-op when linked). */
export function linkKpi(doc: Y.Doc, journeyId: string, id: string, kpiId: string): void {
  doc.transact(() => {
    const kpis = childArray<string>(painPointMap(doc, journeyId, id), 'kpis');
    if (!kpis.toArray().includes(kpiId)) kpis.push([kpiId]);
  });
}

export function unlinkKpi(doc: Y.Doc, journeyId: string, id: string, kpiId: string): void {
  doc.transact(() => {
    const kpis = childArray<string>(painPointMap(doc, journeyId, id), 'kpis');
    setStrings(kpis, kpis.toArray().filter((k) => k !== kpiId));
  });
}

// ---- votes --------------------------------------------------------------------------------------

/** How many of their VOTES_PER_PERSON votes a person has left in a journey. */
export function votesLeft(doc: Y.Doc, journeyId: string, userId: string): number {
  const used = readJourney(journeyId, journeyMap(doc, journeyId)).painPoints.filter((p) => p.votes.includes(userId)).length;
  return Math.max(0, VOTES_PER_PERSON - used);
}

/**
 * Gives a person's vote to a pain point. Returns false (and changes nothing) when they already voted
 * for it or have no votes left in this journey.
 */
export function castVote(doc: Y.Doc, journeyId: string, id: string, userId: string): boolean {
  let cast = false;
  doc.transact(() => {
    const votes = childMap<boolean>(painPointMap(doc, journeyId, id), 'votes');
    if (votes.get(userId) === true || votesLeft(doc, journeyId, userId) <= 0) return;
    votes.set(userId, true);
    cast = true;
  });
  return cast;
}

/** Takes a person's vote back from a pain point (no-op when they had not voted for it). */
export function retractVote(doc: Y.Doc, journeyId: string, id: string, userId: string): void {
  doc.transact(() => {
    const votes = childMap<boolean>(painPointMap(doc, journeyId, id), 'votes');
    if (votes.has(userId)) votes.delete(userId);
  });
}

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

/** The Y.Text of a pain point's description or a note's text, for collaborative editing on screens. */
export function journeyTextField(doc: Y.Doc, journeyId: string, kind: 'painPoint' | 'note', id: string): Y.Text {
  const map = kind === 'painPoint' ? painPointMap(doc, journeyId, id) : noteMap(doc, journeyId, id);
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
