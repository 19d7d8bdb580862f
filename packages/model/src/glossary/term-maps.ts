import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import { TERM_STATUSES, type TermStatus } from './types';

// Access to the Y.Maps of the glossary document, tolerant of missing or odd values (another program
// may have written them). Internal to the glossary: screens and servers use glossary-doc.ts.

/**
 * The `glossary` document (DESIGN.md): `terms`, a Y.Map of term id -> Y.Map {term, abbreviation,
 * definition Y.Text, it Y.Text, marketing Y.Text, synonyms Y.Array, related Y.Array, status}.
 * Extensions, each optional for readers: `updatedBy` and `updatedAt` (who changed the term last), and
 * `mergedInto` (the id of the term a duplicate was merged into; such an entry is hidden).
 */
export function termsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('terms');
}

export const TERM_MAX = 120;
export const ABBREVIATION_MAX = 24;

export const TEXT_KEYS = ['definition', 'it', 'marketing'] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

export const pickStatus = (value: unknown): TermStatus => ((TERM_STATUSES as readonly unknown[]).includes(value) ? (value as TermStatus) : 'proposed');
export const textOf = (map: Y.Map<unknown>, key: string) => {
  const value = map.get(key);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
};
export const arrayOf = (map: Y.Map<unknown>, key: string): unknown[] => {
  const value = map.get(key);
  return value instanceof Y.Array ? value.toArray() : [];
};
export const stringOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function termMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = termsOf(doc).get(id);
  if (!map) throw new EntryMissing(`unknown term ${id}`);
  return map;
}

/** The Y.Text under `key`, created (from a plain string, if one is there) when missing. */
export function yText(map: Y.Map<unknown>, key: TextKey): Y.Text {
  let text = map.get(key);
  if (!(text instanceof Y.Text)) {
    text = new Y.Text(typeof text === 'string' ? text : '');
    map.set(key, text);
  }
  return text as Y.Text;
}

/** The Y.Array under `key`, created when missing. */
export function yArray(map: Y.Map<unknown>, key: 'synonyms' | 'related'): Y.Array<string> {
  let array = map.get(key);
  if (!(array instanceof Y.Array)) {
    array = new Y.Array<string>();
    map.set(key, array);
  }
  return array as Y.Array<string>;
}

/** Deletes every element matching `match`, from the end so indexes stay valid; says whether any was. */
export function deleteWhere(array: Y.Array<string>, match: (item: string) => boolean): boolean {
  const items = array.toArray();
  let changed = false;
  for (let i = items.length - 1; i >= 0; i--) {
    if (match(items[i]!)) {
      array.delete(i, 1);
      changed = true;
    }
  }
  return changed;
}
