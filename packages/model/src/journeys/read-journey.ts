import * as Y from 'yjs';
import { SEATS } from '../roles';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  NOTE_COLORS,
  PAIN_STATUSES,
  SEVERITY_MAX,
  SEVERITY_MIN,
  SIDES,
  VOTES_PER_PERSON,
  type Journey,
  type StickyNote,
  type PainPoint,
  type Stage,
  type Touchpoint,
} from './types';
import { byOrder } from '../shared/order-keys';
import { finite, mapEntries, pick, str, textOf } from './y-fields';

/** The root of the `journeys` document: journey id -> Y.Map of its fields (see DESIGN.md). */
export function journeysOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('journeys');
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const strings = (value: unknown): string[] =>
  value instanceof Y.Array ? (value.toArray() as unknown[]).filter((x): x is string => typeof x === 'string') : [];

function readTouchpoint(id: string, stageId: string, map: Y.Map<unknown>): Touchpoint {
  return { id, stageId, name: str(map.get('name')), channel: str(map.get('channel')).trim().toLowerCase() || 'other', order: str(map.get('order')) };
}

function readStage(id: string, map: Y.Map<unknown>): Stage {
  const emotion = finite(map.get('emotion'));
  return {
    id,
    name: str(map.get('name')),
    order: str(map.get('order')),
    emotion: emotion === null ? 0 : clamp(Math.round(emotion), EMOTION_MIN, EMOTION_MAX),
    touchpoints: mapEntries(map, 'touchpoints')
      .map(([tid, t]) => readTouchpoint(tid, id, t))
      .sort(byOrder),
  };
}

function readPainPoint(id: string, map: Y.Map<unknown>, stages: Map<string, Stage>): PainPoint {
  const storedStageId = str(map.get('stageId'));
  const stage = stages.get(storedStageId);
  const touchpointId = str(map.get('touchpointId'));
  const severity = finite(map.get('severity'));
  const customers = finite(map.get('customersAffected'));
  const votes = map.get('votes');
  const owners = strings(map.get('owners'));
  return {
    id,
    title: str(map.get('title')),
    description: textOf(map.get('description')),
    stageId: stage ? stage.id : null,
    storedStageId,
    touchpointId: stage && stage.touchpoints.some((t) => t.id === touchpointId) ? touchpointId : null,
    severity: severity === null ? SEVERITY_MIN : clamp(Math.round(severity), SEVERITY_MIN, SEVERITY_MAX),
    customersAffected: customers === null || customers < 0 ? null : Math.round(customers),
    side: pick(SIDES, map.get('side'), 'front'),
    owners: SEATS.filter((seat) => owners.includes(seat)),
    status: pick(PAIN_STATUSES, map.get('status'), 'open'),
    kpis: [...new Set(strings(map.get('kpis')))],
    votes: votes instanceof Y.Map ? [...votes.entries()].filter(([, v]) => v === true).map(([user]) => user).sort() : [],
  };
}

function readNote(id: string, map: Y.Map<unknown>, stages: Map<string, Stage>): StickyNote {
  const stageId = str(map.get('stageId'));
  return {
    id,
    text: textOf(map.get('text')),
    stageId: stages.has(stageId) ? stageId : null,
    x: finite(map.get('x')) ?? 0,
    y: finite(map.get('y')) ?? 0,
    color: pick(NOTE_COLORS, map.get('color'), 'yellow'),
    author: str(map.get('author')),
  };
}

/**
 * Drops votes beyond a person's allowance. The functions that vote enforce it, but one person voting
 * offline on two devices can exceed it; then their votes on the pain points with the lowest ids
 * count, so every replica agrees on the same result.
 */
export function effectiveVotes(painPoints: readonly PainPoint[], allowance = VOTES_PER_PERSON): PainPoint[] {
  const byUser = new Map<string, string[]>();
  for (const p of [...painPoints].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const user of p.votes) {
      const ids = byUser.get(user) ?? [];
      ids.push(p.id);
      byUser.set(user, ids);
    }
  }
  const over = [...byUser].filter(([, ids]) => ids.length > allowance);
  if (over.length === 0) return [...painPoints];
  const dropped = new Set(over.flatMap(([user, ids]) => ids.slice(allowance).map((id) => `${user}\n${id}`)));
  return painPoints.map((p) => {
    const votes = p.votes.filter((user) => !dropped.has(`${user}\n${p.id}`));
    return votes.length === p.votes.length ? p : { ...p, votes };
  });
}

/**
 * Reads one journey as plain data. Pass the previous reading to keep the identity of every entry
 * that did not change (screens then re-render only what changed).
 */
export function readJourney(id: string, map: Y.Map<unknown>, previous?: Journey): Journey {
  const stageList = mapEntries(map, 'stages')
    .map(([sid, s]) => readStage(sid, s))
    .sort(byOrder);
  const stages = new Map(stageList.map((s) => [s.id, s]));
  const painPoints = effectiveVotes(
    mapEntries(map, 'painPoints')
      .map(([pid, p]) => readPainPoint(pid, p, stages))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const notes = mapEntries(map, 'notes')
    .map(([nid, n]) => readNote(nid, n, stages))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const next: Journey = { id, title: str(map.get('title')), persona: str(map.get('persona')), stages: stageList, painPoints, notes };
  return previous ? reuse(previous, next) : next;
}

/** Every journey of the document, by title (then id). */
export function readJourneys(doc: Y.Doc): Journey[] {
  return [...journeysOf(doc).entries()]
    .filter(([, map]) => map instanceof Y.Map)
    .map(([id, map]) => readJourney(id, map))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

// ---- structural sharing ------------------------------------------------------------------------

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((key) => {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    return x === y || (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]));
  });
}

function reuseList<T extends { id: string }>(before: readonly T[], after: T[], map: (prev: T, next: T) => T = (_p, n) => n): T[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const list = after.map((item) => {
    const prev = old.get(item.id);
    if (!prev) return item;
    const next = map(prev, item);
    return shallowEqual(prev, next) ? prev : next;
  });
  return list.length === before.length && list.every((item, i) => item === before[i]) ? (before as T[]) : list;
}

function reuse(previous: Journey, next: Journey): Journey {
  const stages = reuseList(previous.stages, next.stages, (prev, stage) => ({ ...stage, touchpoints: reuseList(prev.touchpoints, stage.touchpoints) }));
  const result = { ...next, stages, painPoints: reuseList(previous.painPoints, next.painPoints), notes: reuseList(previous.notes, next.notes) };
  return shallowEqual(previous, result) ? previous : result;
}
