import type * as Y from 'yjs';
import { stringOrNull } from './term-maps';

/** The id a merged duplicate points at, or null for a term that was never merged away. */
export function mergeTarget(map: Y.Map<unknown>): string | null {
  return stringOrNull(map.get('mergedInto'));
}

/**
 * Resolves term ids to the live terms they stand for: itself, or the term it was merged into
 * (following chains), or null when it or its chain's end is gone. Two people merging two duplicates
 * into each other at the same moment make a cycle; then the smallest id of the cycle lives on, and
 * every id on or leading into it resolves there.
 *
 * Every id walked is remembered, so resolving all the terms of a glossary visits each entry once
 * (linear), even when a hostile client wrote one chain of thousands of `mergedInto` links. The memo
 * holds for the document as it is now: make a new resolver after the document changes.
 */
export class TermResolver {
  private readonly memo = new Map<string, string | null>();

  constructor(private readonly terms: Y.Map<Y.Map<unknown>>) {}

  resolve(id: string): string | null {
    const known = this.memo.get(id);
    if (known !== undefined) return known;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current = id;
    let result: string | null;
    for (;;) {
      const memo = this.memo.get(current);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      const at = onPath.get(current);
      if (at !== undefined) {
        result = smallest(path, at);
        break;
      }
      onPath.set(current, path.length);
      path.push(current);
      const map = this.terms.get(current);
      if (!map) {
        result = null;
        break;
      }
      const next = mergeTarget(map);
      if (next === null) {
        result = current;
        break;
      }
      current = next;
    }
    for (const walked of path) this.memo.set(walked, result);
    return result;
  }

  /** Whether this id is a term people see (not deleted, not merged away). */
  isLive(id: string): boolean {
    return this.resolve(id) === id;
  }
}

function smallest(ids: readonly string[], from: number): string {
  let min = ids[from]!;
  for (let i = from + 1; i < ids.length; i++) if (ids[i]! < min) min = ids[i]!;
  return min;
}

/** The live term one id stands for (see TermResolver); to resolve many ids, share one TermResolver. */
export function resolveTermId(terms: Y.Map<Y.Map<unknown>>, id: string): string | null {
  return new TermResolver(terms).resolve(id);
}
