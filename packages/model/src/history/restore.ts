import * as Y from 'yjs';
import { replaceText } from '../glossary/glossary-doc';
import { ROOT_OF, findEntry, listEntries } from './entry-paths';
import { sameValue } from './field-diff';
import type { EntryKind, HistoryDoc } from './types';

/** Why a restore cannot be made as asked; nothing was changed. */
export class RestoreError extends Error {
  constructor(
    readonly reason: 'unknown_id' | 'parent_missing',
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

/** A fresh, unattached copy of a value of another document (Y types are copied deeply). */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    for (const [k, v] of value) map.set(k, copyValue(v));
    return map;
  }
  // Array elements are plain JSON or Y types, both of which Y.Array takes.
  if (value instanceof Y.Array) return Y.Array.from(value.toArray().map(copyValue) as never[]);
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  return value;
}

const plain = (value: unknown) => (value instanceof Y.AbstractType ? value.toJSON() : value);

/**
 * Makes `target` hold what `source` holds, writing only what differs: keys set or deleted, texts
 * rewritten in their changed middle, arrays replaced when their content differs. Returns whether
 * anything was written. Keys nobody changed are not touched, so others' concurrent edits to them stay.
 */
export function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): boolean {
  let changed = false;
  for (const key of [...target.keys()]) {
    if (!source.has(key)) {
      target.delete(key);
      changed = true;
    }
  }
  for (const [key, want] of source) {
    const have = target.get(key);
    if (want instanceof Y.Map && have instanceof Y.Map) changed = syncMap(have as Y.Map<unknown>, want as Y.Map<unknown>) || changed;
    else if (want instanceof Y.Text && have instanceof Y.Text) {
      if (have.toString() !== want.toString()) {
        replaceText(have, want.toString());
        changed = true;
      }
    } else if (want instanceof Y.Array && have instanceof Y.Array) {
      if (!sameValue(have.toJSON(), want.toJSON())) {
        have.delete(0, have.length);
        have.insert(0, want.toArray().map(copyValue) as never[]);
        changed = true;
      }
    } else if (!sameValue(plain(have), plain(want)) || (want instanceof Y.AbstractType) !== (have instanceof Y.AbstractType)) {
      target.set(key, copyValue(want));
      changed = true;
    }
  }
  return changed;
}

/** The Y.Map that holds an entry at `path` (the root map, or a journey's `painPoints`...), or null when missing. */
function containerOf(ydoc: Y.Doc, doc: HistoryDoc, path: readonly string[]): Y.Map<unknown> | null {
  let map: unknown = ydoc.getMap<unknown>(ROOT_OF[doc]);
  for (const key of path.slice(0, -1)) {
    if (!(map instanceof Y.Map)) return null;
    map = (map as Y.Map<unknown>).get(key);
  }
  return map instanceof Y.Map ? (map as Y.Map<unknown>) : null;
}

export interface RestoredEntry {
  kind: EntryKind;
  id: string;
}

/**
 * Brings entries of `target` (the live document) back to how they are in `source` (a version):
 * every entry when `ids` is null, else only those listed (an entry missing from the version is
 * deleted; one missing now is recreated). Call inside one transaction. Returns the entries that
 * changed. Throws RestoreError, before writing anything, for an id found in neither state.
 */
export function restoreEntries(target: Y.Doc, source: Y.Doc, doc: HistoryDoc, ids: readonly string[] | null): RestoredEntry[] {
  if (ids === null) {
    const before = new Map(listEntries(target, doc).map((e) => [e.id, { kind: e.kind, json: e.map.toJSON() }]));
    syncMap(target.getMap<unknown>(ROOT_OF[doc]), source.getMap<unknown>(ROOT_OF[doc]));
    const now = new Map(listEntries(target, doc).map((e) => [e.id, e]));
    const restored: RestoredEntry[] = [];
    for (const [id, e] of now) if (!sameValue(before.get(id)?.json, e.map.toJSON())) restored.push({ kind: e.kind, id });
    for (const [id, e] of before) if (!now.has(id)) restored.push({ kind: e.kind, id });
    return restored;
  }
  const plan = planRestore(target, source, doc, ids);
  const restored: RestoredEntry[] = [];
  for (const { id, then, now } of plan) {
    const kind = (then ?? now)!.kind;
    if (then && now) {
      if (syncMap(now.map, then.map)) restored.push({ kind, id });
    } else if (then) {
      const container = containerOf(target, doc, then.path);
      if (!container) continue;
      container.set(id, copyValue(then.map));
      restored.push({ kind, id });
    } else if (now) {
      containerOf(target, doc, now.path)?.delete(id);
      restored.push({ kind, id });
    }
  }
  return restored;
}

/**
 * Which entries a restore of `ids` touches, parents first. Throws RestoreError for an id found in
 * neither state, or one whose parent (a pain point's journey) is gone and not restored with it.
 * Writes nothing: a server checks a request with it before making any change.
 */
export function planRestore(target: Y.Doc, source: Y.Doc, doc: HistoryDoc, ids: readonly string[]) {
  const plan = ids.map((id) => {
    const then = findEntry(source, doc, id);
    const now = findEntry(target, doc, id);
    if (!then && !now) throw new RestoreError('unknown_id', id, `ids: '${id}' is in neither this version nor the document now.`);
    return { id, then, now };
  });
  // Parents first, so that restoring a journey and one of its pain points works in one call.
  plan.sort((a, b) => (a.then ?? a.now)!.path.length - (b.then ?? b.now)!.path.length);
  for (const { id, then, now } of plan) {
    if (then && !now && then.path.length > 1 && !containerOf(target, doc, then.path)) {
      const parent = then.path[0];
      if (!plan.some((p) => p.id === parent)) throw new RestoreError('parent_missing', id, `ids: '${id}' belongs to '${parent}', which no longer exists; restore it too.`);
    }
  }
  return plan;
}
