import * as Y from 'yjs';
import { journeysOf } from './read-journey';
import { childMap } from './y-fields';

/** Thrown when an edit names a journey, stage, touchpoint, pain point or note that does not exist (any more). */
export class JourneyEntryMissing extends Error {}

/** The Y.Map of a journey; throws JourneyEntryMissing when it does not exist. */
export function journeyMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = journeysOf(doc).get(id);
  if (!(map instanceof Y.Map)) throw new JourneyEntryMissing(`unknown journey ${id}`);
  return map;
}

/** An entry of one of a journey's collections (`stages`, `painPoints`, `notes`, a stage's `touchpoints`). */
export function entry(parent: Y.Map<unknown>, collection: string, id: string): Y.Map<unknown> {
  const map = childMap(parent, collection).get(id);
  if (!(map instanceof Y.Map)) throw new JourneyEntryMissing(`unknown ${collection} entry ${id}`);
  return map as Y.Map<unknown>;
}
