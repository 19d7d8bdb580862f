import MiniSearch from 'minisearch';
import { compareNames, foldKey, foldedWords, typoAllowance, typoDistance } from './normalize';
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

const STATUS_ORDER: Record<TermStatus, number> = { agreed: 0, proposed: 1, deprecated: 2 };

interface Prepared {
  entry: SearchEntry;
  term: string;
  abbreviation: string;
  synonyms: string[];
  /** Every folded word of the term, the abbreviation and the synonyms. */
  words: string[];
}

function prepare(entry: SearchEntry): Prepared {
  const synonyms = entry.synonyms.map(foldKey).filter(Boolean);
  const term = foldKey(entry.term);
  const abbreviation = foldKey(entry.abbreviation);
  const words = [...new Set([term, abbreviation, ...synonyms].flatMap((name) => (name ? name.split(' ') : [])))];
  return { entry, term, abbreviation, synonyms, words };
}

/**
 * Searches glossary terms by name, abbreviation and synonyms, case- and accent-insensitively.
 *
 * MiniSearch finds the candidates: its radix tree answers prefix and fuzzy (edit distance) look-ups
 * over every word in well under a millisecond for thousands of terms, and it updates in place when one
 * term changes. Its BM25 score, though, mixes exact, prefix and fuzzy hits by word statistics, so a
 * rare fuzzy word can beat an exact abbreviation; people expect "SLA" to put the SLA first whatever
 * else matches. So each candidate is ranked here by explicit tiers (see SCORE), and typos are counted
 * with a Damerau distance (a swap of two letters is one typo, where MiniSearch's Levenshtein counts two);
 * MiniSearch is asked one edit wider than allowed so that swaps are not missed.
 */
export class GlossarySearch {
  private readonly index = new MiniSearch<{ id: string; term: string; abbreviation: string; synonyms: string }>({
    fields: ['term', 'abbreviation', 'synonyms'],
    tokenize: foldedWords,
    processTerm: (word) => word,
    searchOptions: { tokenize: foldedWords, processTerm: (word) => word },
  });
  private readonly entries = new Map<string, Prepared>();

  constructor(entries: Iterable<SearchEntry> = []) {
    for (const entry of entries) this.set(entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces one term. Only a change of names touches the index; other fields are just kept. */
  set(entry: SearchEntry): void {
    const old = this.entries.get(entry.id);
    const prepared = prepare(entry);
    this.entries.set(entry.id, prepared);
    if (old && old.term === prepared.term && old.abbreviation === prepared.abbreviation && old.synonyms.join('\n') === prepared.synonyms.join('\n')) return;
    if (old) this.index.discard(entry.id);
    this.index.add({ id: entry.id, term: entry.term, abbreviation: entry.abbreviation, synonyms: entry.synonyms.join(' ; ') });
  }

  remove(id: string): void {
    if (!this.entries.delete(id)) return;
    this.index.discard(id);
  }

  /** The best matches for what someone typed, best first (at most `limit`); nothing for an empty query. */
  search(query: string, limit = 20): GlossarySearchResult[] {
    const words = foldedWords(query);
    if (words.length === 0) return [];
    const candidates = this.index.search(words.join(' '), {
      combineWith: 'AND',
      prefix: true,
      fuzzy: (word) => (word.length < 4 ? false : Math.min(typoAllowance(word.length) + 1, 3)),
      maxFuzzy: 3,
    });
    const ranked: { prepared: Prepared; score: number }[] = [];
    for (const candidate of candidates) {
      const prepared = this.entries.get(candidate.id as string);
      const score = prepared ? rank(prepared, words) : 0;
      if (score > 0) ranked.push({ prepared: prepared!, score });
    }
    ranked.sort((a, b) => b.score - a.score || byStatusThenName(a.prepared.entry, b.prepared.entry));
    return ranked.slice(0, limit).map(({ prepared, score }) => toResult(prepared.entry, score));
  }

  /** Every term alphabetically, with score 0 (the API's answer when there is no query). */
  all(): GlossarySearchResult[] {
    return [...this.entries.values()]
      .map((p) => p.entry)
      .sort((a, b) => compareNames(a.term, b.term) || (a.id < b.id ? -1 : 1))
      .map((entry) => toResult(entry, 0));
  }
}

function byStatusThenName(a: SearchEntry, b: SearchEntry): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareNames(a.term, b.term) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
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

/** A candidate's score for the folded query words, or 0 when it does not match after all. */
export function rank(p: Pick<Prepared, 'term' | 'abbreviation' | 'synonyms' | 'words'>, words: readonly string[]): number {
  const query = words.join(' ');
  if (query === p.term) return SCORE.term;
  if (p.abbreviation && query === p.abbreviation) return SCORE.abbreviation;
  if (p.synonyms.includes(query)) return SCORE.synonym;

  const names = [p.term, p.abbreviation, ...p.synonyms].filter(Boolean);
  const prefixed = names.filter((name) => name.startsWith(query));
  if (prefixed.length > 0) {
    const closest = Math.min(...prefixed.map((name) => name.length));
    return SCORE.prefix + 9 * (query.length / closest);
  }

  // Word by word: each query word must start a word of the names (or be a typo away from one).
  let typos = 0;
  let typed = 0;
  let matched = 0;
  for (const word of words) {
    const exact = p.words.filter((w) => w.startsWith(word));
    if (exact.length > 0) {
      typed += word.length;
      matched += Math.min(...exact.map((w) => w.length));
      continue;
    }
    const allowed = typoAllowance(word.length);
    if (allowed === 0) return 0;
    let best = allowed + 1;
    for (const w of p.words) best = Math.min(best, typoDistance(word, w, allowed));
    if (best > allowed) return 0;
    typos += best;
  }
  if (typos === 0) return SCORE.words + 9 * (typed / matched);
  return Math.max(SCORE.typo - 1 - 6 * (typos - 1) - (9 * typos) / Math.max(query.length, 1), 10);
}
