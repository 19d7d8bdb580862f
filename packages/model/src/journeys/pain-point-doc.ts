import * as Y from 'yjs';
import { newId } from '../ids';
import type { Seat } from '../roles';
import { entry, journeyMap } from './journey-entries';
import { readJourney } from './read-journey';
import { VOTES_PER_PERSON, type PainPoint, type PainPointInput } from './types';
import { childArray, childMap, setField, setStrings, setText } from './y-fields';

const painPointMap = (doc: Y.Doc, journeyId: string, id: string) => entry(journeyMap(doc, journeyId), 'painPoints', id);

// ---- pain points --------------------------------------------------------------------------------

/** A new pain point's input: an open, front-stage pain of middling severity, owned by nobody yet. */
export function newPainPointInput(
  stageId: string,
  touchpointId: string | null,
  title: string,
  over: Partial<PainPointInput> = {},
): PainPointInput {
  return {
    title,
    description: '',
    stageId,
    touchpointId,
    severity: 3,
    customersAffected: null,
    side: 'front',
    owners: [],
    status: 'open',
    kpis: [],
    ...over,
  };
}

/**
 * Whether a pain point still holds exactly what it was created with, unvoted: a "+ Pain point" draft
 * that nobody wrote into, which the screen discards when its panel closes rather than leave an empty
 * "New pain point" counted as open.
 */
export function isUntouchedPainPoint(pain: PainPoint, created: PainPointInput): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    pain.title === created.title &&
    pain.description === created.description &&
    pain.storedStageId === created.stageId &&
    (pain.touchpointId ?? null) === (created.touchpointId ?? null) &&
    pain.severity === created.severity &&
    (pain.customersAffected ?? null) === (created.customersAffected ?? null) &&
    pain.side === created.side &&
    same(pain.owners, created.owners ?? []) &&
    pain.status === created.status &&
    same(pain.kpis, created.kpis ?? []) &&
    pain.votes.length === 0
  );
}

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

