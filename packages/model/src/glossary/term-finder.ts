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
  caseSensitive: boolean;
  termId: string;
  kind: NameKind;
  order: [number, number, number, string];
}

interface Token {
  start: number;
  end: number;
  folded: string;
  /** Accents stripped, case kept: compared with acronyms. */
  plain: string;
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

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const plain = stripAccents(match[0]);
    tokens.push({ start: match.index!, end: match.index! + match[0].length, folded: foldWord(match[0]), plain });
  }
  return tokens;
}

/** Whether a word of the text is `word`, allowing a plural `s` / `es` where it is the name's last word. */
function sameWord(token: string, word: string, last: boolean): boolean {
  return token === word || (last && (token === `${word}s` || token === `${word}es`));
}

/**
 * Finds glossary names in any text, for highlighting: whole words only, longest name first (in
 * "customer lifetime value" the three-word term wins over "customer"), case- and accent-insensitive
 * except for acronyms (see isAcronym), with a plural `s` accepted. Build it once per glossary change;
 * `find` is linear in the text's words.
 */
export class TermFinder {
  /** Phrases by their first (folded) word, best first: longest, then term > abbreviation > synonym. */
  private readonly byFirst = new Map<string, Phrase[]>();

  constructor(entries: Iterable<FinderEntry>) {
    for (const entry of entries) {
      const names: [string, NameKind][] = [[entry.term, 'term'], [entry.abbreviation, 'abbreviation'], ...entry.synonyms.map((s): [string, NameKind] => [s, 'synonym'])];
      for (const [name, kind] of names) {
        const folded = foldedWords(name);
        if (folded.length === 0) continue;
        const caseSensitive = isAcronym(name);
        const words = caseSensitive ? (stripAccents(name).match(WORD_RE) ?? []) : folded;
        const phrase: Phrase = { words, caseSensitive, termId: entry.id, kind, order: [-words.length, KIND_ORDER[kind], STATUS_ORDER[entry.status], entry.term] };
        const bucket = this.byFirst.get(folded[0]!) ?? [];
        bucket.push(phrase);
        this.byFirst.set(folded[0]!, bucket);
      }
    }
    for (const bucket of this.byFirst.values()) bucket.sort(comparePhrases);
  }

  /** Every occurrence in `text`, in order, never overlapping. Terms in `exclude` are not reported (a term's own page). */
  find(text: string, exclude?: ReadonlySet<string>): TermOccurrence[] {
    const tokens = tokenize(text);
    const found: TermOccurrence[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.matchAt(text, tokens, i, exclude);
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

  private matchAt(text: string, tokens: Token[], i: number, exclude?: ReadonlySet<string>): Phrase | null {
    const first = tokens[i]!.folded;
    const buckets = [this.byFirst.get(first)];
    // A plural of a one-word name: "SLAs", "leads", "touchpoints".
    if (first.endsWith('es')) buckets.push(this.byFirst.get(first.slice(0, -2)));
    if (first.endsWith('s')) buckets.push(this.byFirst.get(first.slice(0, -1)));
    let best: Phrase | null = null;
    for (const bucket of buckets) {
      for (const phrase of bucket ?? []) {
        if (best && comparePhrases(best, phrase) <= 0) break;
        if (exclude?.has(phrase.termId) || !this.matches(text, tokens, i, phrase)) continue;
        best = phrase;
        break;
      }
    }
    return best;
  }

  private matches(text: string, tokens: Token[], i: number, phrase: Phrase): boolean {
    const n = phrase.words.length;
    if (i + n > tokens.length) return false;
    for (let k = 0; k < n; k++) {
      const token = tokens[i + k]!;
      if (k > 0 && !JOINER_RE.test(text.slice(tokens[i + k - 1]!.end, token.start))) return false;
      const last = k === n - 1;
      if (phrase.caseSensitive) {
        // Acronyms: capitals as written, a plural only in lower case ("APIs", not "APIS" for "API").
        if (token.plain !== phrase.words[k] && !(last && token.plain === `${phrase.words[k]}s`)) return false;
      } else if (!sameWord(token.folded, phrase.words[k]!, last)) return false;
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
