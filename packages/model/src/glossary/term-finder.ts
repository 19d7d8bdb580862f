import { compareNames, foldWord, foldedWords, stripAccents } from './normalize';
import type { TermStatus } from './types';

/** What the finder needs of a term. */
export interface FinderEntry {
  id: string;
  term: string;
  abbreviation: string;
  synonyms: readonly string[];
  status: TermStatus;
}

export type NameKind = 'term' | 'abbreviation' | 'synonym';

/** Where a glossary name occurs in a text: `text.slice(start, end)` is the occurrence as written. */
export interface TermOccurrence {
  start: number;
  end: number;
  termId: string;
  kind: NameKind;
  text: string;
}

interface Phrase {
  /** Folded words (case-insensitive names), or accent-stripped words as written (acronyms). */
  words: string[];
  /** The folded first and second words: where the phrase is filed. */
  first: string;
  second: string | null;
  caseSensitive: boolean;
  termId: string;
  kind: NameKind;
  order: [number, number, number, string];
}

interface Token {
  start: number;
  end: number;
  /** The word as written. */
  raw: string;
  folded: string;
}

/** The phrases starting with one word: one-word names, and longer ones by their second word. */
interface Bucket {
  single: Phrase[];
  bySecond: Map<string, Phrase[]>;
}

function insertSorted(list: Phrase[], phrase: Phrase): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePhrases(list[mid]!, phrase) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, phrase);
}

interface Scan {
  text: string;
  tokens: Token[];
  joined: Uint8Array;
  exclude?: ReadonlySet<string>;
}

const KIND_ORDER: Record<NameKind, number> = { term: 0, abbreviation: 1, synonym: 2 };
const STATUS_ORDER: Record<TermStatus, number> = { agreed: 0, proposed: 1, deprecated: 2 };
const WORD_RE = /[\p{L}\p{N}]+/gu;
// What may stand between the words of a name in running text: spaces, line breaks, hyphens, slashes.
const JOINER_RE = /^[\s\-\u2010-\u2014/&+'\u2019]+$/u;

/**
 * A name written in capitals ("SLA", "IT", "CX") is an acronym: it matches only in capitals, so the
 * pronoun "it" or the word "cat" in a sentence are not taken for the abbreviations IT or CAT. Every
 * other name matches in any case. A name needs two letters or more to be an acronym.
 */
export function isAcronym(name: string): boolean {
  const letters = stripAccents(name).replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

const LETTER_OR_DIGIT_RE = /^[\p{L}\p{N}]$/u;

/** Whether a code point belongs to a word (letters and digits of any script; marks do not). */
function isWordPoint(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT_RE.test(String.fromCodePoint(cp));
}

/**
 * The words of a text with their places. A hand-written scanner rather than a global regex: it
 * allocates nothing per character and no match array per word, which keeps garbage collection (the
 * finder's slowest moments) rare on long texts.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    if (isWordPoint(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const raw = text.slice(start, i);
      tokens.push({ start, end: i, raw, folded: foldWord(raw) });
      start = -1;
    }
    i += size;
  }
  if (start >= 0) {
    const raw = text.slice(start);
    tokens.push({ start, end: text.length, raw, folded: foldWord(raw) });
  }
  return tokens;
}

/** Whether a word of the text is `word`, allowing a plural `s` / `es` where it is the name's last word. */
function sameWord(token: string, word: string, last: boolean): boolean {
  if (token === word) return true;
  if (!last || !token.startsWith(word)) return false;
  const rest = token.length - word.length;
  return (rest === 1 && token.endsWith('s')) || (rest === 2 && token.endsWith('es'));
}

function phrasesOf(entry: FinderEntry): Phrase[] {
  const names: [string, NameKind][] = [[entry.term, 'term'], [entry.abbreviation, 'abbreviation'], ...entry.synonyms.map((s): [string, NameKind] => [s, 'synonym'])];
  const phrases: Phrase[] = [];
  for (const [name, kind] of names) {
    const folded = foldedWords(name);
    if (folded.length === 0) continue;
    const caseSensitive = isAcronym(name);
    const words = caseSensitive ? (stripAccents(name).match(WORD_RE) ?? []) : folded;
    phrases.push({ words, first: folded[0]!, second: folded[1] ?? null, caseSensitive, termId: entry.id, kind, order: [-words.length, KIND_ORDER[kind], STATUS_ORDER[entry.status], entry.term] });
  }
  return phrases;
}

/**
 * Finds glossary names in any text, for highlighting: whole words only, longest name first (in
 * "customer lifetime value" the three-word term wins over "customer"), case- and accent-insensitive
 * except for acronyms (see isAcronym), with a plural `s` accepted. Terms are added, changed and
 * removed one at a time (a rename does not rebuild it); `find` is linear in the text's words.
 */
export class TermFinder {
  /** Phrases by their first (folded) word, then second; each list best first: longest, then term > abbreviation > synonym. */
  private readonly byFirst = new Map<string, Bucket>();
  private readonly byTerm = new Map<string, Phrase[]>();

  constructor(entries: Iterable<FinderEntry> = []) {
    for (const entry of entries) this.set(entry);
  }

  /** Adds or replaces one term's names. */
  set(entry: FinderEntry): void {
    this.remove(entry.id);
    const phrases = phrasesOf(entry);
    this.byTerm.set(entry.id, phrases);
    for (const phrase of phrases) {
      let bucket = this.byFirst.get(phrase.first);
      if (!bucket) this.byFirst.set(phrase.first, (bucket = { single: [], bySecond: new Map() }));
      if (phrase.second === null) insertSorted(bucket.single, phrase);
      else {
        const list = bucket.bySecond.get(phrase.second);
        if (list) insertSorted(list, phrase);
        else bucket.bySecond.set(phrase.second, [phrase]);
      }
    }
  }

  remove(id: string): void {
    for (const phrase of this.byTerm.get(id) ?? []) {
      const bucket = this.byFirst.get(phrase.first);
      if (!bucket) continue;
      const list = phrase.second === null ? bucket.single : bucket.bySecond.get(phrase.second);
      const at = list ? list.indexOf(phrase) : -1;
      if (at >= 0) list!.splice(at, 1);
      if (phrase.second !== null && list?.length === 0) bucket.bySecond.delete(phrase.second);
      if (bucket.single.length === 0 && bucket.bySecond.size === 0) this.byFirst.delete(phrase.first);
    }
    this.byTerm.delete(id);
  }

  /** Every occurrence in `text`, in order, never overlapping. Terms in `exclude` are not reported (a term's own page). */
  find(text: string, exclude?: ReadonlySet<string>): TermOccurrence[] {
    const tokens = tokenize(text);
    // Whether token k follows token k-1 within one name (only spaces, hyphens… between): 0 not known yet, 1 yes, 2 no.
    const joined = new Uint8Array(tokens.length);
    const scan: Scan = { text, tokens, joined, exclude };
    const found: TermOccurrence[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.matchAt(scan, i);
      if (!match) {
        i++;
        continue;
      }
      const end = tokens[i + match.words.length - 1]!.end;
      found.push({ start: tokens[i]!.start, end, termId: match.termId, kind: match.kind, text: text.slice(tokens[i]!.start, end) });
      i += match.words.length;
    }
    return found;
  }

  private matchAt(scan: Scan, i: number): Phrase | null {
    const first = scan.tokens[i]!.folded;
    const bucket = this.byFirst.get(first);
    const next = scan.tokens[i + 1]?.folded;
    let best: Phrase | null = null;
    if (bucket && next !== undefined) {
      // Longer names, filed by their second word (which may carry a plural if it is the last).
      best = this.bestIn(scan, i, bucket.bySecond.get(next), best);
      if (next.endsWith('s')) best = this.bestIn(scan, i, bucket.bySecond.get(next.slice(0, -1)), best);
      if (next.endsWith('es')) best = this.bestIn(scan, i, bucket.bySecond.get(next.slice(0, -2)), best);
    }
    best = this.bestIn(scan, i, bucket?.single, best);
    // A one-word name in the plural: "SLAs", "leads", "touchpoints".
    if (first.endsWith('s')) best = this.bestIn(scan, i, this.byFirst.get(first.slice(0, -1))?.single, best);
    if (first.endsWith('es')) best = this.bestIn(scan, i, this.byFirst.get(first.slice(0, -2))?.single, best);
    return best;
  }

  /** The first phrase of a (best-first) list that matches at token i, if it beats `best`. */
  private bestIn(scan: Scan, i: number, list: Phrase[] | undefined, best: Phrase | null): Phrase | null {
    if (!list) return best;
    for (const phrase of list) {
      if (best && comparePhrases(best, phrase) <= 0) return best;
      if (scan.exclude?.has(phrase.termId) || !this.matches(scan, i, phrase)) continue;
      return phrase;
    }
    return best;
  }

  private matches(scan: Scan, i: number, phrase: Phrase): boolean {
    const { tokens, joined, text } = scan;
    const n = phrase.words.length;
    if (i + n > tokens.length) return false;
    for (let k = 0; k < n; k++) {
      const token = tokens[i + k]!;
      const word = phrase.words[k]!;
      const last = k === n - 1;
      if (phrase.caseSensitive) {
        // Acronyms: capitals as written, a plural only in lower case ("APIs", not "APIS" for "API").
        const plain = stripAccents(token.raw);
        if (plain !== word && !(last && plain.length === word.length + 1 && plain.startsWith(word) && plain.endsWith('s'))) return false;
      } else if (!sameWord(token.folded, word, last)) return false;
      if (k > 0) {
        const at = i + k;
        if (joined[at] === 0) joined[at] = JOINER_RE.test(text.slice(tokens[at - 1]!.end, token.start)) ? 1 : 2;
        if (joined[at] === 2) return false;
      }
    }
    return true;
  }
}

function comparePhrases(a: Phrase, b: Phrase): number {
  for (let k = 0; k < 3; k++) {
    const d = (a.order[k] as number) - (b.order[k] as number);
    if (d !== 0) return d;
  }
  return compareNames(a.order[3], b.order[3]) || (a.termId < b.termId ? -1 : a.termId > b.termId ? 1 : 0);
}
