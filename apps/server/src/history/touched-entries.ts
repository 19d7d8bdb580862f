import { entryOfPath, type HistoryDoc, type TouchedEntry } from '@troika/model';
import * as Y from 'yjs';

// Which entries an update touched, read from the document it was applied to: every struct of the
// update and every range it deleted is looked up in the document's store, and the path from its
// parent up to the root names the entry (model: entryOfPath). No event observers on the write path.

/** Structs of one deleted range looked at, at most: a range that large is one entry's text or array. */
const MAX_STRUCTS_PER_RANGE = 200;

type Parent = Y.AbstractType<unknown>;

/** The keys from the root down to `type` (`#` for a position in an array or text), or null when detached. */
function pathOfType(type: Parent, cache: Map<Parent, string[] | null>): string[] | null {
  const known = cache.get(type);
  if (known !== undefined) return known;
  let path: string[] | null;
  const item = type._item;
  if (item === null) {
    const root = type.doc ? Y.findRootTypeKey(type) : null;
    path = root === null ? null : [root];
  } else {
    const parent = item.parent instanceof Y.AbstractType ? pathOfType(item.parent as Parent, cache) : null;
    path = parent === null ? null : [...parent, item.parentSub ?? '#'];
  }
  cache.set(type, path);
  return path;
}

function pathOfStruct(struct: Y.Item | Y.GC | Y.Skip, cache: Map<Parent, string[] | null>): string[] | null {
  if (!(struct instanceof Y.Item) || !(struct.parent instanceof Y.AbstractType)) return null;
  const parent = pathOfType(struct.parent as Parent, cache);
  return parent === null ? null : [...parent, struct.parentSub ?? '#'];
}

/** The live struct holding `clock` of `client`, with its index, or null when the store lacks it. */
function liveStruct(doc: Y.Doc, client: number, clock: number): { structs: (Y.Item | Y.GC)[]; index: number } | null {
  const structs = doc.store.clients.get(client) as (Y.Item | Y.GC)[] | undefined;
  if (!structs || structs.length === 0) return null;
  const last = structs[structs.length - 1]!;
  if (clock >= last.id.clock + last.length) return null;
  try {
    return { structs, index: Y.findIndexSS(structs, clock) };
  } catch {
    return null;
  }
}

/**
 * The entries (kind, id, field) an update touched in `doc`, which must already hold it. Entries
 * deleted together with their parent later (garbage-collected) can no longer be placed and are left out.
 */
export function touchedEntries(docName: HistoryDoc, doc: Y.Doc, update: Uint8Array): TouchedEntry[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const cache = new Map<Parent, string[] | null>();
  const found = new Map<string, TouchedEntry>();
  const add = (path: string[] | null) => {
    if (!path) return;
    const entry = entryOfPath(docName, path);
    if (entry) found.set(`${entry.kind}\n${entry.id}\n${entry.field ?? ''}`, entry);
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const live = liveStruct(doc, struct.id.client, struct.id.clock);
    if (live) add(pathOfStruct(live.structs[live.index]!, cache));
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      const live = liveStruct(doc, client, clock);
      if (!live) continue;
      for (let i = live.index, n = 0; i < live.structs.length && n < MAX_STRUCTS_PER_RANGE; i++, n++) {
        const struct = live.structs[i]!;
        if (struct.id.clock >= clock + len) break;
        add(pathOfStruct(struct, cache));
      }
    }
  }
  return [...found.values()];
}
