import * as Y from 'yjs';
import { journeysOf } from './read-journey';
import { EntryMissing } from '../entry-missing';
import { childMap } from './y-fields';

/** The Y.Map of a journey; throws EntryMissing when it does not exist. */
export function journeyMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = journeysOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown journey ${id}`);
  return map;
}

/** An entry of one of a journey's collections (`stages`, `painPoints`, `notes`, a stage's `touchpoints`). */
export function entry(parent: Y.Map<unknown>, collection: string, id: string): Y.Map<unknown> {
  const map = childMap(parent, collection).get(id);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown ${collection} entry ${id}`);
  return map as Y.Map<unknown>;
}
