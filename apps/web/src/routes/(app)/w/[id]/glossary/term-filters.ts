import { foldKey, needsCommonMeaning, waitsForSide, type AgreementSide, type GlossaryTerm, type TermStatus } from '@troika/model';

export interface TermFilter {
  status: TermStatus | 'all';
  /** Only terms whose IT and marketing meanings differ (and that are not agreed). */
  differing: boolean;
  /** Only terms waiting for my side's signature (the other side signed), or changed since agreed. */
  agreement?: 'any' | 'waiting' | 'changed';
}

export const NO_FILTER: TermFilter = { status: 'all', differing: false, agreement: 'any' };

function passesAgreement(t: GlossaryTerm, agreement: TermFilter['agreement'], mySide: AgreementSide | null): boolean {
  if (agreement === 'waiting') return mySide !== null && waitsForSide(t, mySide);
  if (agreement === 'changed') return t.changedSinceAgreed && t.status !== 'agreed';
  return true;
}

/** The terms that pass the filter, in the order given (`mySide`: the reader's side, for "waiting for my side"). */
export function filterTerms(terms: readonly GlossaryTerm[], filter: TermFilter, mySide: AgreementSide | null = null): GlossaryTerm[] {
  return terms.filter(
    (t) =>
      (filter.status === 'all' || t.status === filter.status) &&
      (!filter.differing || needsCommonMeaning(t)) &&
      passesAgreement(t, filter.agreement, mySide),
  );
}

/** How many terms each filter would show, for the filter buttons. */
export function countTerms(
  terms: readonly GlossaryTerm[],
  mySide: AgreementSide | null = null,
): Record<TermStatus | 'all' | 'differing' | 'waiting' | 'changed', number> {
  const counts = { all: terms.length, proposed: 0, agreed: 0, deprecated: 0, differing: 0, waiting: 0, changed: 0 };
  for (const t of terms) {
    counts[t.status]++;
    if (needsCommonMeaning(t)) counts.differing++;
    if (passesAgreement(t, 'waiting', mySide)) counts.waiting++;
    if (passesAgreement(t, 'changed', mySide)) counts.changed++;
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
