import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import { newId } from '../ids';
import { SEATS, type Seat } from '../roles';
import { byOrder, keyAfterAll, keyAt } from '../shared/order-keys';
import {
  DIRECTIONS,
  KPI_CATEGORIES,
  KPI_KINDS,
  type Direction,
  type Kpi,
  type KpiCategory,
  type KpiInput,
  type KpiKind,
  type KpiValue,
} from './types';

/** The root of the `board` document: KPI id -> Y.Map of its fields (see DESIGN.md). */
export function kpisOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('kpis');
}

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  (allowed as readonly unknown[]).includes(value) ? (value as T) : fallback;

/** Values sorted by date; where concurrent edits left two for one date, the later in the array wins. */
export function normaliseValues(raw: readonly unknown[]): KpiValue[] {
  const byDate = new Map<string, number>();
  for (const entry of raw) {
    const { at, value } = (entry ?? {}) as Partial<KpiValue>;
    if (typeof at === 'string' && typeof value === 'number' && Number.isFinite(value)) byDate.set(at, value);
  }
  return [...byDate].map(([at, value]) => ({ at, value })).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Reads one KPI's Y.Map as plain data. Links to KPIs that no longer exist are left out. */
export function readKpi(id: string, map: Y.Map<unknown>, exists: (id: string) => boolean = () => true): Kpi {
  const array = (key: string) => {
    const value = map.get(key);
    return value instanceof Y.Array ? (value.toArray() as unknown[]) : [];
  };
  const description = map.get('description');
  const target = map.get('target');
  return {
    id,
    name: String(map.get('name') ?? ''),
    description: description instanceof Y.Text ? description.toString() : '',
    kind: pick<KpiKind>(KPI_KINDS, map.get('kind'), 'output'),
    category: pick<KpiCategory>(KPI_CATEGORIES, map.get('category'), 'other'),
    owners: SEATS.filter((seat) => array('owners').includes(seat)),
    unit: String(map.get('unit') ?? ''),
    direction: pick<Direction>(DIRECTIONS, map.get('direction'), 'up'),
    target: typeof target === 'number' && Number.isFinite(target) ? target : null,
    values: normaliseValues(array('values')),
    outcomes: [...new Set(array('outcomes').filter((x): x is string => typeof x === 'string' && x !== id && exists(x)))],
    order: String(map.get('order') ?? ''),
  };
}

/** Board order: by fractional index, then by id to break ties (the same on every replica). */
export const byBoardOrder: (a: Pick<Kpi, 'id' | 'order'>, b: Pick<Kpi, 'id' | 'order'>) => number = byOrder;

/** Every KPI of the board, in board order (fractional index, then id to break ties). */
export function readBoard(doc: Y.Doc): Kpi[] {
  const kpis = kpisOf(doc);
  const exists = (id: string) => kpis.has(id);
  return [...kpis.entries()].map(([id, map]) => readKpi(id, map, exists)).sort(byBoardOrder);
}

function kpiMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = kpisOf(doc).get(id);
  if (!map) throw new EntryMissing(`unknown KPI ${id}`);
  return map;
}

function yArray<T>(map: Y.Map<unknown>, key: string): Y.Array<T> {
  let array = map.get(key);
  if (!(array instanceof Y.Array)) {
    array = new Y.Array<T>();
    map.set(key, array);
  }
  return array as Y.Array<T>;
}

/** Deletes every element of a Y.Array matching `match`, from the end so indexes stay valid. */
function deleteWhere<T>(array: Y.Array<T>, match: (item: T) => boolean): void {
  const items = array.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i]!)) array.delete(i, 1);
}

/** Adds a KPI at the end of the board; returns its id. */
export function createKpi(doc: Y.Doc, input: KpiInput, id = newId()): string {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('name', input.name);
    map.set('description', new Y.Text(input.description ?? ''));
    map.set('kind', input.kind);
    map.set('category', input.category);
    map.set('owners', Y.Array.from([...new Set(input.owners)]));
    map.set('unit', input.unit);
    map.set('direction', input.direction);
    map.set('target', input.target);
    map.set('values', new Y.Array());
    map.set('outcomes', new Y.Array());
    map.set('order', keyAfterAll(readBoard(doc)));
    kpisOf(doc).set(id, map);
  });
  return id;
}

/** Changes the given fields of a KPI; unchanged values are not rewritten (no needless updates). */
export function updateKpi(doc: Y.Doc, id: string, patch: Partial<KpiInput>): void {
  doc.transact(() => {
    const map = kpiMap(doc, id);
    for (const key of ['name', 'kind', 'category', 'unit', 'direction', 'target'] as const) {
      if (patch[key] !== undefined && map.get(key) !== patch[key]) map.set(key, patch[key]);
    }
    if (patch.owners) setOwners(doc, id, patch.owners);
    if (patch.description !== undefined) {
      const text = map.get('description');
      if (text instanceof Y.Text) {
        if (text.toString() !== patch.description) {
          text.delete(0, text.length);
          text.insert(0, patch.description);
        }
      } else {
        map.set('description', new Y.Text(patch.description));
      }
    }
  });
}

/** Makes the owners exactly `seats`, touching only the seats that change (concurrent edits to other seats survive). */
export function setOwners(doc: Y.Doc, id: string, seats: readonly Seat[]): void {
  doc.transact(() => {
    const owners = yArray<Seat>(kpiMap(doc, id), 'owners');
    const want = new Set(seats);
    deleteWhere(owners, (seat) => !want.has(seat));
    const have = new Set(owners.toArray());
    const missing = [...want].filter((seat) => !have.has(seat));
    if (missing.length > 0) owners.push(missing);
  });
}

/** Removes a KPI and the links other outputs had to it. */
export function deleteKpi(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const kpis = kpisOf(doc);
    kpis.delete(id);
    for (const map of kpis.values()) {
      const outcomes = map.get('outcomes');
      if (outcomes instanceof Y.Array) deleteWhere(outcomes as Y.Array<string>, (x) => x === id);
    }
  });
}

/**
 * Moves a KPI to `index` in board order. The new fractional index lies between its new neighbours,
 * so concurrent moves of other KPIs are unaffected; two people moving into the same gap tie and the
 * id decides.
 */
export function moveKpi(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => {
    const others = readBoard(doc).filter((k) => k.id !== id);
    kpiMap(doc, id).set('order', keyAt(others, index));
  });
}

/** Records the actual value for a date, replacing any earlier value of that date (a correction). */
export function setValue(doc: Y.Doc, id: string, value: KpiValue): void {
  doc.transact(() => {
    const values = yArray<KpiValue>(kpiMap(doc, id), 'values');
    deleteWhere(values, (v) => v?.at === value.at);
    values.push([{ at: value.at, value: value.value }]);
  });
}

/**
 * Records many values of one KPI at once (an import): like `setValue` for each, in one pass over the
 * history instead of one per value. Within `values`, the last one of a date wins.
 */
export function setValues(doc: Y.Doc, id: string, values: readonly KpiValue[]): void {
  if (values.length === 0) return;
  doc.transact(() => {
    const array = yArray<KpiValue>(kpiMap(doc, id), 'values');
    const byDate = new Map(values.map((v) => [v.at, { at: v.at, value: v.value }]));
    deleteWhere(array, (v) => byDate.has(v?.at));
    array.push([...byDate.values()]);
  });
}

/** Removes the value of a date. */
export function removeValue(doc: Y.Doc, id: string, at: string): void {
  doc.transact(() => deleteWhere(yArray<KpiValue>(kpiMap(doc, id), 'values'), (v) => v?.at === at));
}

/** Links an output to an outcome it serves (no-op when already linked). */
export function linkOutcome(doc: Y.Doc, outputId: string, outcomeId: string): void {
  if (outputId === outcomeId) throw new Error('a KPI cannot serve itself');
  doc.transact(() => {
    kpiMap(doc, outcomeId);
    const outcomes = yArray<string>(kpiMap(doc, outputId), 'outcomes');
    if (!outcomes.toArray().includes(outcomeId)) outcomes.push([outcomeId]);
  });
}

export function unlinkOutcome(doc: Y.Doc, outputId: string, outcomeId: string): void {
  doc.transact(() => deleteWhere(yArray<string>(kpiMap(doc, outputId), 'outcomes'), (x) => x === outcomeId));
}
