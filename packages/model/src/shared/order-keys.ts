import { generateKeyBetween } from 'fractional-indexing';

/**
 * Ordering by fractional index, for every ordered collection of the documents (KPIs on the board,
 * stages and touchpoints of a journey, agenda items of a meeting). An entry stores its `order` key;
 * a move writes one new key between its new neighbours, so concurrent moves of other entries are
 * unaffected.
 */

/**
 * An order key usable as a neighbour, or null. Keys can be missing for a moment while updates arrive
 * out of order, or be junk written by another program; a bad neighbour must not block a move.
 */
export function usableKey(key: string | null | undefined): string | null {
  if (!key) return null;
  try {
    generateKeyBetween(key, null);
    return key;
  } catch {
    return null;
  }
}

/** Orders by fractional key, then id (ties: two people who inserted into the same gap); the same on every replica. */
export function byOrder(a: { id: string; order: string }, b: { id: string; order: string }): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A key that puts an entry at `index` among `others` (already in order, the moving entry excluded). */
export function keyAt(others: readonly { order: string }[], index: number): string {
  const at = Math.max(0, Math.min(index, others.length));
  const before = usableKey(others[at - 1]?.order);
  let after = usableKey(others[at]?.order);
  // Tied neighbours leave no room between them: go just past the tie instead.
  if (before !== null && after !== null && after <= before) after = usableKey(others.slice(at).find((o) => o.order > before)?.order);
  return generateKeyBetween(before, after);
}

/** A key after every entry (appending), whatever order `items` are in and whatever junk keys they hold. */
export function keyAfterAll(items: readonly { order: string }[]): string {
  let last: string | null = null;
  for (const item of items) {
    const key = usableKey(item.order);
    if (key !== null && (last === null || key > last)) last = key;
  }
  return generateKeyBetween(last, null);
}
