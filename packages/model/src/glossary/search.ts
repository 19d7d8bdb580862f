import SearchableMap from 'minisearch/SearchableMap';
import { foldKey, foldedWords, typoAllowance, typoDistance } from './normalize';
import type { GlossarySearchResult, TermStatus } from './types';

/** What the search needs of a term. */
export interface SearchEntry {
  id: string;
  term: string;
  abbreviation: string;
  synonyms: readonly string[];
  definition: string;
  status: TermStatus;
}

/**
 * The score tiers, best first. A result's score is its tier plus up to 9 points for how close it is
 * within the tier, so a better tier always wins:
 * exact term 100, exact abbreviation 90, exact synonym 80, a name starting with the query 60-69,
 * every query word starting a word of the names 40-49, then typo-tolerant 10-29 (fewer typos first).
 */
export const SCORE = { term: 100, abbreviation: 90, synonym: 80, prefix: 60, words: 40, typo: 30 } as const;

type NameKind = 'term' | 'abbreviation' | 'synonym';
const EXACT: Record<NameKind, number> = { term: SCORE.term, abbreviation: SCORE.abbreviation, synonym: SCORE.synonym };
const STATUS_ORDER: Record<TermStatus, number> = { agreed: 0, proposed: 1, deprecated: 2 };

interface Prepared {
  entry: SearchEntry;
  /** Folded names with their kind. */
  names: [string, NameKind][];
  /** Every folded word of the names. */
  words: string[];
  /** Sort key of the term's name. */
  key: string;
}

function prepare(entry: SearchEntry): Prepared {
  const names: [string, NameKind][] = [];
  const add = (name: string, kind: NameKind) => {
    const key = foldKey(name);
    if (key && !names.some(([k]) => k === key)) names.push([key, kind]);
  };
  add(entry.term, 'term');
  add(entry.abbreviation, 'abbreviation');
  for (const synonym of entry.synonyms) add(synonym, 'synonym');
  const words = [...new Set(names.flatMap(([name]) => name.split(' ')))];
  return { entry, names, words, key: foldKey(entry.term) };
}

/** A radix tree from a folded string to the terms (and how) it belongs to. */
type Tree<V> = SearchableMap<Map<string, V>>;

function addTo<V>(tree: Tree<V>, key: string, id: string, value: V): void {
  tree.fetch(key, () => new Map()).set(id, value);
}

function removeFrom<V>(tree: Tree<V>, key: string, id: string): void {
  const ids = tree.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) tree.delete(key);
}

/**
 * Searches glossary terms by name, abbreviation and synonyms, case- and accent-insensitively, ranked
 * in tiers (see SCORE).
 *
 * Why not MiniSearch's own `search`: its BM25 score mixes exact, prefix and fuzzy hits by word
 * statistics, so a rare fuzzy word can beat an exact abbreviation, while people expect "SLA" to put
 * the SLA first; and it scores every candidate, which for a one-letter query over 5,000 terms is
 * thousands of result objects per keystroke. So this uses MiniSearch's radix tree (`SearchableMap`,
 * its prefix and edit-distance look-ups) directly, and ranks tier by tier: whole names first, then
 * words, then typos, stopping as soon as a tier has filled the `limit` (a lower tier cannot beat a
 * higher one). Typos are counted with a Damerau distance (a swap of two letters is one typo, where the
 * tree's Levenshtein counts two), so the tree is asked one edit wider than allowed.
 */
export class GlossarySearch {
  private readonly entries = new Map<string, Prepared>();
  private readonly names: Tree<NameKind> = new SearchableMap();
  /** Word -> term id -> nothing; the key's length is what matters. */
  private readonly words: Tree<true> = new SearchableMap();

  constructor(entries: Iterable<SearchEntry> = []) {
    for (const entry of entries) this.set(entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces one term. Only a change of its names touches the trees. */
  set(entry: SearchEntry): void {
    const old = this.entries.get(entry.id);
    const prepared = prepare(entry);
    this.entries.set(entry.id, prepared);
    if (old && JSON.stringify(old.names) === JSON.stringify(prepared.names)) return;
    if (old) this.unindex(old);
    for (const [name, kind] of prepared.names) addTo(this.names, name, entry.id, kind);
    for (const word of prepared.words) addTo(this.words, word, entry.id, true);
  }

  remove(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    this.unindex(old);
  }

  private unindex(p: Prepared): void {
    for (const [name] of p.names) removeFrom(this.names, name, p.entry.id);
    for (const word of p.words) removeFrom(this.words, word, p.entry.id);
  }

  /** The best matches for what someone typed, best first (at most `limit`); nothing for an empty query. */
  search(query: string, limit = 20): GlossarySearchResult[] {
    const words = foldedWords(query);
    if (words.length === 0 || limit <= 0) return [];
    const scores = new Map<string, number>();
    const keep = (id: string, score: number) => {
      if ((scores.get(id) ?? 0) < score) scores.set(id, score);
    };

    // Whole names: equal to the query (by kind), or starting with it (closer to complete first).
    const q = words.join(' ');
    for (const [name, ids] of this.names.atPrefix(q)) {
      for (const [id, kind] of ids) keep(id, name === q ? EXACT[kind] : SCORE.prefix + (9 * q.length) / name.length);
    }

    // Words: each query word starts a word of the term's names.
    if (scores.size < limit) {
      const perWord = words.map((w) => this.wordsStartingWith(w));
      for (const [id, matched] of intersect(perWord)) {
        if (scores.has(id)) continue;
        const typed = words.reduce((n, w) => n + w.length, 0);
        keep(id, SCORE.words + (9 * typed) / matched);
      }
    }

    // Typos: each query word starts a word, or is a few typos from one, and at least one typo overall.
    if (scores.size < limit && words.some((w) => typoAllowance(w.length) > 0)) {
      const perWord = words.map((w) => this.wordsNear(w));
      for (const [id, typos] of intersect(perWord)) {
        if (scores.has(id) || typos === 0) continue;
        keep(id, Math.max(SCORE.typo - 1 - 6 * (typos - 1) - (9 * typos) / q.length, 10));
      }
    }

    // The best `limit` only: a one-letter query matches thousands of names, and sorting them all is wasted.
    const best: { p: Prepared; score: number }[] = [];
    for (const [id, score] of scores) {
      const worst = best[best.length - 1];
      if (best.length === limit && worst && worst.score > score) continue;
      const item = { p: this.entries.get(id)!, score };
      let at = best.length;
      while (at > 0 && (best[at - 1]!.score < score || (best[at - 1]!.score === score && compareEntries(best[at - 1]!.p, item.p) > 0))) at--;
      if (at >= limit) continue;
      best.splice(at, 0, item);
      if (best.length > limit) best.pop();
    }
    return best.map(({ p, score }) => toResult(p.entry, score));
  }

  /** Term id -> length of the shortest word of its names starting with `prefix`. */
  private wordsStartingWith(prefix: string): Map<string, number> {
    const found = new Map<string, number>();
    for (const [word, ids] of this.words.atPrefix(prefix)) {
      for (const id of ids.keys()) if ((found.get(id) ?? Infinity) > word.length) found.set(id, word.length);
    }
    return found;
  }

  /** Term id -> fewest typos between `word` and a word of its names (0 when one starts with it). */
  private wordsNear(word: string): Map<string, number> {
    const found = new Map<string, number>();
    for (const id of this.wordsStartingWith(word).keys()) found.set(id, 0);
    const allowed = typoAllowance(word.length);
    if (allowed === 0) return found;
    for (const [candidate, [ids]] of this.words.fuzzyGet(word, Math.min(allowed + 1, 3))) {
      const typos = typoDistance(word, candidate, allowed);
      if (typos > allowed) continue;
      for (const id of ids.keys()) if ((found.get(id) ?? Infinity) > typos) found.set(id, typos);
    }
    return found;
  }

  /** Every term alphabetically, with score 0 (the API's answer when there is no query). */
  all(): GlossarySearchResult[] {
    return [...this.entries.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.entry.term < b.entry.term ? -1 : a.entry.term > b.entry.term ? 1 : a.entry.id < b.entry.id ? -1 : 1)).map((p) => toResult(p.entry, 0));
  }
}

/** Ids present in every map, with their values summed. Starts from the smallest map. */
function intersect(maps: Map<string, number>[]): Map<string, number> {
  const [smallest, ...rest] = [...maps].sort((a, b) => a.size - b.size);
  const out = new Map<string, number>();
  if (!smallest) return out;
  outer: for (const [id, value] of smallest) {
    let sum = value;
    for (const other of rest) {
      const v = other.get(id);
      if (v === undefined) continue outer;
      sum += v;
    }
    out.set(id, sum);
  }
  return out;
}

function compareEntries(a: Prepared, b: Prepared): number {
  return (
    STATUS_ORDER[a.entry.status] - STATUS_ORDER[b.entry.status] ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    (a.entry.term < b.entry.term ? -1 : a.entry.term > b.entry.term ? 1 : 0) ||
    (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0)
  );
}

function toResult(entry: SearchEntry, score: number): GlossarySearchResult {
  return {
    id: entry.id,
    term: entry.term,
    abbreviation: entry.abbreviation,
    synonyms: [...entry.synonyms],
    definition: entry.definition,
    status: entry.status,
    score: Math.round(score * 100) / 100,
  };
}
