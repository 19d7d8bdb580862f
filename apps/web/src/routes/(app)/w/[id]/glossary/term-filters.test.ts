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
    expect(filterTerms(terms, { status: 'all', differing: true }).map((t) => t.id)).toEqual(['API', 'Conversion']);
    expect(filterTerms(terms, { status: 'agreed', differing: true }).map((t) => t.id)).toEqual(['API']);
  });

  it('counts what each filter would show', () => {
    expect(countTerms(terms)).toEqual({ all: 6, proposed: 3, agreed: 2, deprecated: 1, differing: 2 });
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
