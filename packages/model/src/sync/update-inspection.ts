import * as Y from 'yjs';

/**
 * What an update would do to a document, read before it is applied: which keys it writes (as paths
 * from the root type), how deep the types it touches are nested, and whether it can apply cleanly at
 * all. The server uses this to refuse an update without touching its copy of the document: a write
 * only the server may make, nesting deeper than any documented shape (a 5,000-deep chain overflows
 * yjs's recursive delete), or missing history (yjs would hold it as "pending" structs: in memory,
 * served to new clients, never stored).
 */

/** Where a write lands: the root type's name, then one map key per level; `#` is a position in a text or array. */
export type WritePath = readonly string[];

export const SEQUENCE_KEY = '#';

export interface UpdateWrite {
  path: WritePath;
  kind: 'insert' | 'delete';
  /** The value an insert writes into a map key, when it is a plain value (not a shared type). */
  value?: unknown;
}

export interface UpdateInspection {
  /** Every insert, and every delete not already implied by the delete of one of its ancestors. */
  writes: UpdateWrite[];
  /** The deepest nesting it writes at: a root type's own entries are at depth 1. */
  depth: number;
  /**
   * Whether it brings anything the document does not hold yet, even where no one will see it (an
   * insert into a type deleted meanwhile): false for a reconnecting client's copy of what is stored.
   */
  fresh: boolean;
  /** Why it cannot apply cleanly (history it builds on is missing, or it refers to what is not a type), or null. */
  problem: string | null;
  /**
   * The problem is only missing history: it builds on structs the document does not hold (yjs would
   * keep it "pending"); the same update sent with its history would apply. Otherwise it never applies.
   */
  missingHistory: boolean;
}

export interface InspectOptions {
  /** Stop resolving paths past this depth (the caller refuses deeper ones anyway); 64 by default. */
  maxDepth?: number;
}

/** A type an item sits in, as far as the inspection knows it. */
interface Place {
  path: string[];
  /** The type's item, when it is one (null for a root type): to tell whether it is deleted. */
  item: Y.Item | null;
  /** Deleted (or garbage-collected) already, or by this update: writes below it are no one's concern. */
  gone: boolean;
}

const GONE: Place = { path: [], item: null, gone: true };

/** Thrown inside the walk; turned into `problem`. */
class Unresolvable extends Error {
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
  }
}
const missing = (message: string) => new Unresolvable(`missing history: ${message}`, true);

/**
 * Reads `update` against `doc` (the server's copy, which it does not change) and reports its writes.
 * Throws only when the update does not decode at all.
 */
export function inspectUpdate(update: Uint8Array, doc: Y.Doc, options: InspectOptions = {}): UpdateInspection {
  const maxDepth = options.maxDepth ?? 64;
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;

  // This update's structs by client, in clock order, and how far each client's history would reach.
  const own = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    const list = own.get(struct.id.client);
    if (list) list.push(struct as Y.Item);
    else own.set(struct.id.client, [struct as Y.Item]);
  }
  const reach = new Map<number, number>();
  let problem: Unresolvable | null = null;
  for (const [client, list] of own) {
    let covered = Y.getState(store, client);
    for (const struct of list) {
      if (struct.id.clock > covered) {
        problem ??= missing(`client ${client} jumps from clock ${covered} to ${struct.id.clock}`);
        break;
      }
      // A Skip is a hole in the update: whatever follows it beyond `covered` is caught above.
      if (!(struct instanceof Y.Skip)) covered = Math.max(covered, struct.id.clock + struct.length);
    }
    reach.set(client, covered);
  }
  /** A reference to a client's own later struct is never pending: yjs fails half-way on it. */
  const refError = (ref: Y.ID, from: Y.ID) =>
    ref.client === from.client && ref.clock >= from.clock
      ? new Unresolvable(`refers to ${ref.client}:${ref.clock}, written after it`)
      : missing(`refers to ${ref.client}:${ref.clock}`);
  const known = (id: Y.ID) => id.clock < (reach.get(id.client) ?? Y.getState(store, id.client));

  const findOwn = (id: Y.ID): Y.Item | Y.GC | Y.Skip | null => {
    const list = own.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };
  const findStored = (id: Y.ID): Y.Item | Y.GC | null => {
    const list = store.clients.get(id.client);
    if (!list || id.clock >= Y.getState(store, id.client)) return null;
    return list[Y.findIndexSS(list, id.clock)] as Y.Item | Y.GC;
  };

  // The delete set: which clocks this update deletes.
  const deletes = new Map<number, { clock: number; len: number }[]>();
  for (const [client, items] of ds.clients) deletes.set(client, items);
  const deletedHere = (id: Y.ID) => {
    const ranges = deletes.get(id.client);
    if (!ranges) return false;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = ranges[mid]!;
      if (id.clock < d.clock) hi = mid - 1;
      else if (id.clock >= d.clock + d.len) lo = mid + 1;
      else return true;
    }
    return false;
  };

  const storedPlaces = new Map<Y.AbstractType<unknown>, Place>();
  /** The place a stored type stands for (walking up at most maxDepth + 1 levels). */
  const storedPlace = (type: Y.AbstractType<unknown>, steps = 0): Place => {
    const cached = storedPlaces.get(type);
    if (cached) return cached;
    const item = type._item;
    let place: Place;
    if (!item) place = { path: [Y.findRootTypeKey(type)], item: null, gone: false };
    else if (steps > maxDepth) place = { path: new Array<string>(maxDepth + 2).fill('…'), item, gone: item.deleted };
    else {
      const parent = storedPlace(item.parent as Y.AbstractType<unknown>, steps + 1);
      place = { path: [...parent.path, item.parentSub ?? SEQUENCE_KEY], item, gone: parent.gone || item.deleted || deletedHere(item.id) };
    }
    storedPlaces.set(type, place);
    return place;
  };

  const tooDeep: Place = { path: new Array<string>(maxDepth + 2).fill('…'), item: null, gone: false };
  const ownPlaces = new Map<Y.Item, { parent: Place; key: string }>();
  /**
   * The type an item of this update goes into, and its key there. An item written next to a
   * neighbour carries no parent: yjs copies parent and key from that neighbour, so a whole run of
   * neighbours shares one answer (followed in a loop: a list of 10,000 entries is not 10,000 calls deep).
   */
  const locate = (item: Y.Item, level = 0): { parent: Place; key: string } => {
    const run: Y.Item[] = [];
    let current = item;
    let found: { parent: Place; key: string } | undefined;
    while (!found) {
      const cached = ownPlaces.get(current);
      if (cached) {
        found = cached;
        break;
      }
      const parent = current.parent as unknown;
      if (typeof parent === 'string') found = { parent: { path: [parent], item: null, gone: false }, key: current.parentSub ?? SEQUENCE_KEY };
      else if (parent) {
        const id = parent as Y.ID;
        if (id.client === current.id.client && id.clock >= current.id.clock) throw new Unresolvable('parent written after its child');
        found = { parent: placeOfTypeItem(id, level + 1), key: current.parentSub ?? SEQUENCE_KEY };
      } else {
        const neighbour = (current.origin ?? current.rightOrigin)!;
        if (!known(neighbour) || (neighbour.client === current.id.client && neighbour.clock >= current.id.clock)) {
          throw refError(neighbour, current.id);
        }
        const mine = findOwn(neighbour);
        if (mine instanceof Y.Item) {
          run.push(current);
          current = mine;
          continue;
        }
        const stored = mine ? null : findStored(neighbour);
        const type = stored instanceof Y.Item ? (stored.parent as Y.AbstractType<unknown> | null) : null;
        found =
          type && stored instanceof Y.Item ? { parent: storedPlace(type), key: stored.parentSub ?? SEQUENCE_KEY } : { parent: GONE, key: SEQUENCE_KEY };
      }
    }
    ownPlaces.set(current, found);
    for (const member of run) ownPlaces.set(member, found);
    return found;
  };

  /** The place of the type that item `id` holds (an item's parent reference); `level` counts nesting. */
  const placeOfTypeItem = (id: Y.ID, level: number): Place => {
    if (!known(id)) throw missing(`parent ${id.client}:${id.clock} is unknown`);
    if (level > maxDepth + 1) return tooDeep;
    const mine = findOwn(id);
    if (mine) {
      if (!(mine instanceof Y.Item)) return GONE;
      if (mine.id.clock !== id.clock || !(mine.content instanceof Y.ContentType)) throw new Unresolvable('parent is not a shared type');
      const { parent, key } = locate(mine, level);
      return { path: [...parent.path, key], item: null, gone: parent.gone || deletedHere(mine.id) };
    }
    const stored = findStored(id);
    if (!(stored instanceof Y.Item)) return GONE;
    if (stored.id.clock !== id.clock) throw new Unresolvable('parent is not a shared type');
    if (stored.content instanceof Y.ContentDeleted) return GONE;
    if (!(stored.content instanceof Y.ContentType)) throw new Unresolvable('parent is not a shared type');
    return storedPlace(stored.content.type as Y.AbstractType<unknown>);
  };

  const writes: UpdateWrite[] = [];
  let depth = 0;
  let fresh = false;
  const note = (path: string[]) => {
    depth = Math.max(depth, path.length - 1);
  };

  try {
    if (problem) throw problem;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) {
        if (struct instanceof Y.GC && struct.id.clock + struct.length > Y.getState(store, struct.id.client)) fresh = true;
        continue;
      }
      // What the server already holds is skipped by yjs: not a write.
      if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
      fresh = true;
      for (const ref of [struct.origin, struct.rightOrigin]) {
        if (ref && (!known(ref) || (ref.client === struct.id.client && ref.clock >= struct.id.clock))) {
          throw refError(ref, struct.id);
        }
      }
      const { parent, key } = locate(struct);
      if (parent.gone) continue;
      const path = [...parent.path, key];
      note(path);
      if (depth > maxDepth) break;
      const write: UpdateWrite = { path, kind: 'insert' };
      const content = struct.content;
      if (key !== SEQUENCE_KEY && (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) {
        const values = (content as Y.ContentAny).arr;
        write.value = values[values.length - 1];
      }
      writes.push(write);
    }
    for (const [client, ranges] of ds.clients) {
      const stored = Y.getState(store, client);
      const end = Math.max(stored, reach.get(client) ?? 0);
      for (const { clock, len } of ranges) {
        if (clock + len > end) throw missing(`deletes ${client}:${clock}+${len}, beyond what exists`);
        const list = store.clients.get(client);
        if (!list || clock >= stored) continue; // deletes of this update's own inserts (already fresh)
        for (let i = Y.findIndexSS(list, clock); i < list.length && list[i]!.id.clock < clock + len; i++) {
          const item = list[i];
          if (!(item instanceof Y.Item) || item.deleted) continue;
          fresh = true;
          const type = item.parent as Y.AbstractType<unknown> | null;
          if (!type) continue;
          const parent = storedPlace(type);
          // Deleting a type deletes everything in it: only the outermost delete is a write of its own.
          if (parent.gone) continue;
          const path = [...parent.path, item.parentSub ?? SEQUENCE_KEY];
          note(path);
          writes.push({ path, kind: 'delete' });
        }
      }
    }
  } catch (error) {
    if (!(error instanceof Unresolvable)) throw error;
    problem = error;
  }
  return { writes, depth, fresh, problem: problem?.message ?? null, missingHistory: problem?.missing ?? false };
}
