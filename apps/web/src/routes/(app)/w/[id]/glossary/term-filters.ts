import { foldKey, needsCommonMeaning, type GlossaryTerm, type TermStatus } from '@troika/model';

export interface TermFilter {
  status: TermStatus | 'all';
  /** Only terms whose IT and marketing meanings differ. */
  differing: boolean;
}

export const NO_FILTER: TermFilter = { status: 'all', differing: false };

/** The terms that pass the filter, in the order given. */
export function filterTerms(terms: readonly GlossaryTerm[], filter: TermFilter): GlossaryTerm[] {
  return terms.filter((t) => (filter.status === 'all' || t.status === filter.status) && (!filter.differing || needsCommonMeaning(t)));
}

/** How many terms each filter would show, for the filter buttons. */
export function countTerms(terms: readonly GlossaryTerm[]): Record<TermStatus | 'all' | 'differing', number> {
  const counts = { all: terms.length, proposed: 0, agreed: 0, deprecated: 0, differing: 0 };
  for (const t of terms) {
    counts[t.status]++;
    if (needsCommonMeaning(t)) counts.differing++;
  }
  return counts;
}

/** The letter a term is listed under: A to Z, or # for digits and other signs. */
export function initialOf(term: string): string {
  const first = foldKey(term).charAt(0).toUpperCase();
  return first >= 'A' && first <= 'Z' ? first : '#';
}

/** Splits an alphabetical list into runs under one initial each. */
export function groupByInitial<T extends { term: string }>(terms: readonly T[]): { initial: string; terms: T[] }[] {
  const groups: { initial: string; terms: T[] }[] = [];
  for (const term of terms) {
    const initial = initialOf(term.term);
    const last = groups.at(-1);
    if (last?.initial === initial) last.terms.push(term);
    else groups.push({ initial, terms: [term] });
  }
  return groups;
}
