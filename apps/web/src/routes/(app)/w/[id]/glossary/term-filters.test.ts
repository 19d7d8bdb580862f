import type { GlossaryTerm } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { countTerms, filterTerms, groupByInitial, initialOf } from './term-filters';

const term = (name: string, over: Partial<GlossaryTerm> = {}): GlossaryTerm => ({
  id: name,
  term: name,
  abbreviation: '',
  definition: '',
  it: '',
  marketing: '',
  synonyms: [],
  related: [],
  status: 'proposed',
  updatedBy: null,
  updatedAt: null,
  approvals: [],
  changedSinceAgreed: false,
  meaningBy: null,
  ...over,
});

const terms = [
  term('API', { status: 'agreed', it: 'A contract', marketing: 'A plug' }),
  term('Churn', { status: 'agreed', it: 'Lost customers', marketing: 'lost customers!' }),
  term('Conversion', { it: 'Data conversion', marketing: 'A sale' }),
  term('Legacy', { status: 'deprecated' }),
  term('4P'),
  term('Évaluation'),
];

describe('glossary filters', () => {
  it('filters by status and by meanings that differ', () => {
    expect(filterTerms(terms, { status: 'agreed', differing: false }).map((t) => t.id)).toEqual(['API', 'Churn']);
    // An agreed term has its common meaning, whatever each side's own wording (glossary agreement).
    expect(filterTerms(terms, { status: 'all', differing: true }).map((t) => t.id)).toEqual(['Conversion']);
    expect(filterTerms(terms, { status: 'agreed', differing: true }).map((t) => t.id)).toEqual([]);
  });

  it("filters terms waiting for my side's signature and terms changed since agreed", () => {
    const signed = [
      term('Lead', { approvals: [{ userId: 'cmo', side: 'business', at: '2026-12-03T10:00:00Z' }] }),
      term('MQL', { changedSinceAgreed: true }),
      ...terms,
    ];
    expect(filterTerms(signed, { status: 'all', differing: false, agreement: 'waiting' }, 'technology').map((t) => t.id)).toEqual(['Lead']);
    expect(filterTerms(signed, { status: 'all', differing: false, agreement: 'waiting' }, 'business')).toEqual([]);
    expect(filterTerms(signed, { status: 'all', differing: false, agreement: 'changed' }).map((t) => t.id)).toEqual(['MQL']);
    expect(countTerms(signed, 'technology')).toMatchObject({ waiting: 1, changed: 1 });
  });

  it('counts what each filter would show', () => {
    expect(countTerms(terms)).toEqual({ all: 6, proposed: 3, agreed: 2, deprecated: 1, differing: 1, waiting: 0, changed: 0 });
  });

  it('groups under initials, accents folded, digits under #', () => {
    expect(initialOf('Évaluation')).toBe('E');
    expect(initialOf('4P')).toBe('#');
    expect(groupByInitial([term('Churn'), term('Conversion'), term('Évaluation')]).map((g) => [g.initial, g.terms.length])).toEqual([
      ['C', 2],
      ['E', 1],
    ]);
  });
});
