import { describe, expect, it } from 'vitest';
import { TermFinder, isAcronym, type FinderEntry } from './term-finder';

const entry = (id: string, term: string, extra: Partial<FinderEntry> = {}): FinderEntry => ({ id, term, abbreviation: '', synonyms: [], status: 'agreed', ...extra });

const finder = new TermFinder([
  entry('clv', 'Customer lifetime value', { abbreviation: 'LTV', synonyms: ['CLV'] }),
  entry('customer', 'Customer'),
  entry('sla', 'Service level agreement', { abbreviation: 'SLA' }),
  entry('it', 'Information technology', { abbreviation: 'IT' }),
  entry('cafe', 'Café'),
  entry('churn', 'Churn', { synonyms: ['attrition'] }),
  entry('api', 'Application programming interface', { abbreviation: 'API' }),
  entry('ab', 'A/B test'),
  entry('saas', 'Software as a service', { abbreviation: 'SaaS' }),
]);

const found = (text: string) => finder.find(text).map((o) => [o.text, o.termId, o.kind]);

describe('TermFinder', () => {
  it('finds terms, abbreviations and synonyms with their positions', () => {
    const text = 'Our SLA covers churn and attrition.';
    const occurrences = finder.find(text);
    expect(occurrences.map((o) => [o.termId, o.kind])).toEqual([
      ['sla', 'abbreviation'],
      ['churn', 'term'],
      ['churn', 'synonym'],
    ]);
    for (const o of occurrences) expect(text.slice(o.start, o.end)).toBe(o.text);
  });

  it('takes the longest match first', () => {
    expect(found('Every customer lifetime value report, and each customer.')).toEqual([
      ['customer lifetime value', 'clv', 'term'],
      ['customer', 'customer', 'term'],
    ]);
  });

  it('matches whole words only', () => {
    expect(found('churned churning unchurn SLAB CAPI')).toEqual([]);
  });

  it('folds case and accents, except for acronyms', () => {
    expect(found('CHURN, Cafe, café, CAFÉ')).toEqual([
      ['CHURN', 'churn', 'term'],
      ['Cafe', 'cafe', 'term'],
      ['café', 'cafe', 'term'],
      ['CAFÉ', 'cafe', 'term'],
    ]);
    expect(found('Is it up? Ask IT.')).toEqual([['IT', 'it', 'abbreviation']]);
    expect(found('the sla and the Sla')).toEqual([]);
    expect(found('saas and SAAS and SaaS')).toEqual([
      ['saas', 'saas', 'abbreviation'],
      ['SAAS', 'saas', 'abbreviation'],
      ['SaaS', 'saas', 'abbreviation'],
    ]);
  });

  it('accepts plurals and names split by hyphens, slashes or line breaks', () => {
    expect(found('Two SLAs, three APIs, many churns')).toEqual([
      ['SLAs', 'sla', 'abbreviation'],
      ['APIs', 'api', 'abbreviation'],
      ['churns', 'churn', 'term'],
    ]);
    expect(found('an A/B test, customer-lifetime\nvalue')).toEqual([
      ['A/B test', 'ab', 'term'],
      ['customer-lifetime\nvalue', 'clv', 'term'],
    ]);
    expect(found('customer. Lifetime value')).toEqual([['customer', 'customer', 'term']]);
  });

  it('leaves out excluded terms', () => {
    expect(finder.find('churn and SLA', new Set(['churn'])).map((o) => o.termId)).toEqual(['sla']);
  });

  it('treats capitalised names of two letters or more as acronyms', () => {
    expect(isAcronym('SLA')).toBe(true);
    expect(isAcronym('B2B')).toBe(true);
    expect(isAcronym('SaaS')).toBe(false);
    expect(isAcronym('A')).toBe(false);
    expect(isAcronym('churn')).toBe(false);
  });
});
