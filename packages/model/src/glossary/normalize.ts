/**
 * Text folding shared by the search and the term finder, so both agree on what "the same word" is:
 * case- and accent-insensitive, punctuation as word breaks.
 */

// Letters that Unicode decomposition does not split into a base letter plus a mark.
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßæœøłđðþı]/g;
const MARKS_RE = /\p{M}+/gu;
// Most words are plain ASCII: they only need lower-casing, which is many times cheaper than NFKD.
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Removes accents only (keeps case): "Café" -> "Cafe". */
export function stripAccents(text: string): string {
  return ASCII_RE.test(text) ? text : text.normalize('NFKD').replace(MARKS_RE, '');
}

/** Case- and accent-folded form of one word: "Éclair" -> "eclair". */
export function foldWord(word: string): string {
  if (ASCII_RE.test(word)) return word.toLowerCase();
  return stripAccents(word).toLowerCase().replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch);
}

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** The folded words of a text: "Net Promoter-Score (NPS)" -> ["net", "promoter", "score", "nps"]. */
export function foldedWords(text: string): string[] {
  return (text.match(WORD_RE) ?? []).map(foldWord);
}

/** A whole name folded to one comparable key: words joined by single spaces. */
export function foldKey(text: string): string {
  return foldedWords(text).join(' ');
}

/** Compares two names the way the glossary lists them: folded first, then as written, so the order is stable everywhere. */
export function compareNames(a: string, b: string): number {
  const ka = foldKey(a);
  const kb = foldKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein where each substring is edited once):
 * insertions, deletions, substitutions and swaps of two neighbours each count as one typo, so "chrun"
 * is one typo from "churn". Returns `max + 1` as soon as the distance must exceed `max`.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let curr = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      curr[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, curr] = [prev, curr, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

/** How many typos a query word of this length may carry: none under 4 letters, one up to 6, two from 7. */
export function typoAllowance(length: number): number {
  return length < 4 ? 0 : length < 7 ? 1 : 2;
}
