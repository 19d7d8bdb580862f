import type * as Y from 'yjs';
import { readTerm, sortTerms, termsOf } from './glossary-doc';
import { GlossarySearch } from './search';
import { TermFinder, type TermOccurrence } from './term-finder';
import { TermResolver, resolveTermId } from './term-resolver';
import type { GlossarySearchResult, GlossaryTerm } from './types';

const namesOf = (t: GlossaryTerm) => `${t.term}\n${t.abbreviation}\n${t.synonyms.join('\n')}\n${t.status}`;

/**
 * A live, read-only view of a glossary document for look-ups: the terms, the search index and the
 * term finder, kept up to date as the document changes. Changes are only noted when they happen and
 * applied on the next read, term by term, so a keystroke in a definition costs one term's re-read,
 * not a rebuild of 5,000. Used by the server (one per loaded document) and by the browser's palette.
 */
export class GlossaryIndex {
  private readonly terms: Y.Map<Y.Map<unknown>>;
  private readonly byId = new Map<string, GlossaryTerm>();
  private readonly searchIndex = new GlossarySearch();
  private sorted: GlossaryTerm[] | null = null;
  /** The sorted list holds old objects of some terms (their names did not change, so the order holds). */
  private sortedStale = false;
  private finder: TermFinder | null = null;
  private readonly dirty = new Set<string>();
  private rebuild = true;
  /** Grows by one each time a read found changes to apply. */
  version = 0;

  private readonly onChange = (events: Y.YEvent<any>[]) => {
    for (const event of events) {
      if (event.target === this.terms) {
        for (const [id, change] of event.changes.keys) {
          // A term gone (or replaced) changes which ids resolve where: recompute everything.
          if (change.action !== 'add') this.rebuild = true;
          this.dirty.add(id);
        }
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirty.add(id);
        if (event.path.length === 1 && event.changes.keys.has('mergedInto')) this.rebuild = true;
      }
    }
  };

  constructor(doc: Y.Doc) {
    this.terms = termsOf(doc);
    this.terms.observeDeep(this.onChange);
  }

  /** Every live term, alphabetically. */
  list(): readonly GlossaryTerm[] {
    this.refresh();
    if (this.sorted && this.sortedStale) this.sorted = this.sorted.map((t) => this.byId.get(t.id) ?? t);
    this.sortedStale = false;
    this.sorted ??= sortTerms([...this.byId.values()]);
    return this.sorted;
  }

  /** A live term by id; the id of a merged duplicate gives the term it was merged into. */
  get(id: string): GlossaryTerm | undefined {
    this.refresh();
    const found = this.byId.get(id);
    if (found) return found;
    const live = resolveTermId(this.terms, id);
    return live ? this.byId.get(live) : undefined;
  }

  /** Ranked results for a query (see search.ts); all terms alphabetically (score 0) when the query is empty. */
  search(query: string, limit?: number): GlossarySearchResult[] {
    this.refresh();
    return query.trim() ? this.searchIndex.search(query, limit) : this.searchIndex.all().slice(0, limit);
  }

  /** Where terms occur in a text, for highlighting (see term-finder.ts). */
  find(text: string, exclude?: ReadonlySet<string>): TermOccurrence[] {
    this.refresh();
    this.finder ??= new TermFinder(this.byId.values());
    return this.finder.find(text, exclude);
  }

  get size(): number {
    this.refresh();
    return this.byId.size;
  }

  destroy(): void {
    this.terms.unobserveDeep(this.onChange);
  }

  private refresh(): void {
    if (!this.rebuild && this.dirty.size === 0) return;
    const ids = this.rebuild ? new Set([...this.byId.keys(), ...this.terms.keys()]) : this.dirty;
    // One resolver per refresh: every id is walked once, so a chain of merges costs its length, not its square.
    const resolver = new TermResolver(this.terms);
    const resolve = (id: string) => resolver.resolve(id);
    let namesChanged = false;
    for (const id of ids) {
      const map = this.terms.get(id);
      const old = this.byId.get(id);
      if (map && resolve(id) === id) {
        const term = readTerm(id, map, resolve);
        this.byId.set(id, term);
        this.searchIndex.set(term);
        if (!old || namesOf(old) !== namesOf(term)) {
          namesChanged = true;
          this.finder?.set(term);
        }
      } else if (old) {
        this.byId.delete(id);
        this.searchIndex.remove(id);
        this.finder?.remove(id);
        namesChanged = true;
      }
    }
    if (this.rebuild) this.finder = null;
    if (namesChanged) this.sorted = null;
    else this.sortedStale = true;
    this.dirty.clear();
    this.rebuild = false;
    this.version++;
  }
}
