import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addTerm, findTerm, readGlossary, termsOf } from './glossary-doc';
import { GlossaryIndex } from './glossary-index';
import { mergeTerms } from './term-merge';
import { TermResolver, resolveTermId } from './term-resolver';

const idOf = (i: number) => `t${String(i).padStart(5, '0')}`;

/** `n` terms, each `mergedInto` the next, written plainly the way any client may (the last is live). */
function chain(doc: Y.Doc, n: number, options: { chained?: boolean; cycle?: boolean } = {}): void {
  const { chained = true, cycle = false } = options;
  doc.transact(() => {
    for (let i = 0; i < n; i++) addTerm(doc, { term: `Term ${i}` }, undefined, idOf(i));
    if (!chained) return;
    const terms = termsOf(doc);
    for (let i = 0; i < n - 1; i++) terms.get(idOf(i))!.set('mergedInto', idOf(i + 1));
    if (cycle) terms.get(idOf(n - 1))!.set('mergedInto', idOf(0));
  });
}

/** How many entries of the glossary `work` looked up (the unit of a resolver's work). */
function lookups(doc: Y.Doc, work: () => void): number {
  const spy = vi.spyOn(termsOf(doc), 'get');
  try {
    work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('TermResolver', () => {
  it('follows chains to the live end, and gives null when the end is gone', () => {
    const doc = new Y.Doc();
    chain(doc, 4);
    const resolver = new TermResolver(termsOf(doc));
    expect([0, 1, 2, 3].map((i) => resolver.resolve(idOf(i)))).toEqual([idOf(3), idOf(3), idOf(3), idOf(3)]);
    expect(resolver.resolve('nope')).toBeNull();
    termsOf(doc).delete(idOf(3));
    expect(resolveTermId(termsOf(doc), idOf(0))).toBeNull();
    expect(readGlossary(doc)).toEqual([]);
  });

  it('resolves a cycle, and every chain leading into it, to the smallest id of the cycle, whatever id it starts from', () => {
    const doc = new Y.Doc();
    // b -> d -> c -> b is the cycle, a leads into it, and e points at itself.
    doc.transact(() => {
      for (const id of ['a', 'b', 'c', 'd', 'e']) addTerm(doc, { term: id }, undefined, id);
      const terms = termsOf(doc);
      terms.get('a')!.set('mergedInto', 'd');
      terms.get('b')!.set('mergedInto', 'd');
      terms.get('d')!.set('mergedInto', 'c');
      terms.get('c')!.set('mergedInto', 'b');
      terms.get('e')!.set('mergedInto', 'e');
    });
    for (const start of ['a', 'b', 'c', 'd']) {
      // A fresh resolver per start, so no memo hides the order in which the cycle is entered.
      expect(resolveTermId(termsOf(doc), start)).toBe('b');
    }
    expect(resolveTermId(termsOf(doc), 'e')).toBe('e');
    expect(readGlossary(doc).map((t) => t.id)).toEqual(['b', 'e']);
    expect(findTerm(doc, 'a')!.id).toBe('b');
  });

  it('resolves a whole 2,000-long chain or cycle visiting each entry about once (linear, not quadratic)', () => {
    for (const cycle of [false, true]) {
      const doc = new Y.Doc();
      chain(doc, 2000, { cycle });
      const resolver = new TermResolver(termsOf(doc));
      const count = lookups(doc, () => {
        for (let i = 0; i < 2000; i++) resolver.resolve(idOf(i));
      });
      expect(count).toBe(2000);
      expect(resolver.resolve(idOf(0))).toBe(cycle ? idOf(0) : idOf(1999));
    }
  });

  it('reads, indexes and searches a chained glossary with the work of an unchained one, growing linearly', () => {
    const work = (n: number, chained: boolean) => {
      const doc = new Y.Doc();
      chain(doc, n, { chained });
      return lookups(doc, () => {
        readGlossary(doc);
        const index = new GlossaryIndex(doc);
        index.list();
        index.search('term 7');
        findTerm(doc, idOf(0));
        index.destroy();
      });
    };
    const unchained = work(2000, false);
    const chained = work(2000, true);
    // Before the fix, the chained glossary took about 4,000,000 look-ups (n² re-walks) against 8,000 here.
    expect(chained).toBeLessThanOrEqual(3 * unchained);
    expect(work(4000, true)).toBeLessThanOrEqual(2.2 * chained);
  });
});

describe('mergeTerms flattens chains', () => {
  it('points every duplicate that led to the dropped term straight at the kept one', () => {
    const doc = new Y.Doc();
    chain(doc, 4); // t0 -> t1 -> t2 -> t3, written by an old or hostile client
    addTerm(doc, { term: 'Keeper' }, undefined, 'keep');
    mergeTerms(doc, 'keep', idOf(3));
    const terms = termsOf(doc);
    for (let i = 0; i < 4; i++) expect(terms.get(idOf(i))!.get('mergedInto')).toBe('keep');
    expect(readGlossary(doc).map((t) => t.id)).toEqual(['keep']);
  });

  it('never builds a chain through successive merges', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) addTerm(doc, { term: `Term ${i}` }, undefined, idOf(i));
    for (let i = 0; i < 4; i++) mergeTerms(doc, idOf(i + 1), idOf(i));
    const terms = termsOf(doc);
    for (let i = 0; i < 4; i++) expect(terms.get(idOf(i))!.get('mergedInto')).toBe(idOf(4));
  });
});
