import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

// A version stored as "what changed since the version before": the structs after the previous state
// vector, which Y.encodeStateAsUpdate gives, but with only the deletions the previous version lacked.
// Y.encodeStateAsUpdate always appends the document's whole delete set, which after a month of edits
// would be repeated in every version and dominate the stored size.

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;
type Range = { clock: number; len: number };

/** The delete set written as Yjs' update format v1 writes it (clients in descending order, varuint clock/len pairs). */
function encodeDeleteSet(ds: DeleteSet): Uint8Array {
  const encoder = encoding.createEncoder();
  const clients = [...ds.clients.entries()].filter(([, ranges]) => ranges.length > 0).sort((a, b) => b[0] - a[0]);
  encoding.writeVarUint(encoder, clients.length);
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges as Range[]) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Sorted, merged ranges of `now` that are not in `before` (both sorted and merged, as Yjs keeps them). */
function subtract(now: readonly Range[], before: readonly Range[]): Range[] {
  const out: Range[] = [];
  let j = 0;
  for (const r of now) {
    let start = r.clock;
    const end = r.clock + r.len;
    while (j < before.length && before[j]!.clock + before[j]!.len <= start) j++;
    for (let k = j; k < before.length && before[k]!.clock < end && start < end; k++) {
      const b = before[k]!;
      if (b.clock > start) out.push({ clock: start, len: b.clock - start });
      start = Math.max(start, b.clock + b.len);
    }
    if (start < end) out.push({ clock: start, len: end - start });
  }
  return out;
}

/** The deletions of `doc` now: what the next delta is measured against. */
export const deleteSetOf = (doc: Y.Doc): DeleteSet => Y.createDeleteSetFromStructStore(doc.store);

/**
 * An update that turns the state of the previous version (its state vector and delete set) into
 * `doc`'s state now. Falls back to Yjs' own encoding (with the whole delete set) if its output is not
 * laid out as expected, so a change in Yjs can cost space but never correctness.
 */
export function encodeDelta(doc: Y.Doc, previous: { stateVector: Uint8Array; deleteSet: DeleteSet | null }): Uint8Array {
  const full = Y.encodeStateAsUpdate(doc, previous.stateVector);
  if (!previous.deleteSet) return full;
  const now = deleteSetOf(doc);
  const tail = encodeDeleteSet(now);
  if (tail.length > full.length || !full.subarray(full.length - tail.length).every((b, i) => b === tail[i])) return full;
  const fresh = Y.createDeleteSet();
  for (const [client, ranges] of now.clients) {
    const left = subtract(ranges as Range[], (previous.deleteSet.clients.get(client) ?? []) as Range[]);
    if (left.length > 0) fresh.clients.set(client, left as never);
  }
  const ds = encodeDeleteSet(fresh);
  const out = new Uint8Array(full.length - tail.length + ds.length);
  out.set(full.subarray(0, full.length - tail.length));
  out.set(ds, full.length - tail.length);
  return out;
}
