import * as Y from 'yjs';

/** A child Y.Map of `parent` under `key`, created when missing or of the wrong type (junk from another program). */
export function childMap<T = unknown>(parent: Y.Map<unknown>, key: string): Y.Map<T> {
  let map = parent.get(key);
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<T>();
    parent.set(key, map);
  }
  return map as Y.Map<T>;
}

/** A child Y.Array of `parent` under `key`, created when missing. */
export function childArray<T>(parent: Y.Map<unknown>, key: string): Y.Array<T> {
  let array = parent.get(key);
  if (!(array instanceof Y.Array)) {
    array = new Y.Array<T>();
    parent.set(key, array);
  }
  return array as Y.Array<T>;
}

/** The entries of a child Y.Map that are themselves Y.Maps (anything else is ignored when reading). */
export function mapEntries(parent: Y.Map<unknown>, key: string): [string, Y.Map<unknown>][] {
  const map = parent.get(key);
  if (!(map instanceof Y.Map)) return [];
  return [...(map as Y.Map<unknown>).entries()].filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map);
}

/** Deletes every element of a Y.Array matching `match`, from the end so indexes stay valid. */
export function deleteWhere<T>(array: Y.Array<T>, match: (item: T) => boolean): void {
  const items = array.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i]!)) array.delete(i, 1);
}

/** Makes a Y.Array of strings hold exactly `want`, touching only what changes (concurrent edits to the rest survive). */
export function setStrings(array: Y.Array<string>, want: readonly string[]): void {
  const keep = new Set(want);
  deleteWhere(array, (item) => !keep.has(item));
  const have = new Set(array.toArray());
  const missing = [...keep].filter((item) => !have.has(item));
  if (missing.length > 0) array.push(missing);
}

/** Replaces a Y.Text's content when it differs (a whole-field edit: API and tests; screens edit by diff). */
export function setText(parent: Y.Map<unknown>, key: string, value: string): void {
  const text = parent.get(key);
  if (!(text instanceof Y.Text)) {
    parent.set(key, new Y.Text(value));
  } else if (text.toString() !== value) {
    text.delete(0, text.length);
    text.insert(0, value);
  }
}

/** Sets a field only when its value changes, so no needless update goes out. */
export function setField(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value);
}

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const textOf = (value: unknown): string => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');
export const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  (allowed as readonly unknown[]).includes(value) ? (value as T) : fallback;
