import { describe, expect, it } from 'vitest';
import { GlossarySearch, SCORE, type SearchEntry } from './search';

let n = 0;
const entry = (term: string, extra: Partial<SearchEntry> = {}): SearchEntry => ({
  id: `t${++n}`,
  term,
  abbreviation: '',
  synonyms: [],
  definition: '',
  status: 'agreed',
  ...extra,
});

const glossary = () =>
  new GlossarySearch([
    entry('Service level agreement', { abbreviation: 'SLA' }),
    entry('Churn', { synonyms: ['attrition'] }),
    entry('Churn rate'),
    entry('Customer lifetime value', { abbreviation: 'LTV', synonyms: ['CLV', 'lifetime value'] }),
    entry('Customer acquisition cost', { abbreviation: 'CAC' }),
    entry('Attribution'),
    entry('Conversion'),
    entry('Conversion rate'),
    entry('Slack time'),
    entry('Café au lait'),
    entry('Leads', { status: 'deprecated' }),
    entry('Lead'),
  ]);

const terms = (results: { term: string }[]) => results.map((r) => r.term);

describe('GlossarySearch ranking', () => {
  it('puts the exact term first, then names it starts, then words it starts, then typos', () => {
    const s = new GlossarySearch([entry('Churn rate'), entry('Churn'), entry('Chrun'), entry('Customer churn'), entry('Chirn'), entry('Chum')]);
    const results = s.search('churn');
    expect(terms(results)).toEqual(['Churn', 'Churn rate', 'Customer churn', 'Chirn', 'Chrun']);
    expect(results[0]!.score).toBe(SCORE.term);
    expect(results[1]!.score).toBeGreaterThanOrEqual(SCORE.prefix);
    expect(results[2]!.score).toBeGreaterThanOrEqual(SCORE.words);
    expect(results[2]!.score).toBeLessThan(SCORE.prefix);
    expect(results[3]!.score).toBeLessThan(SCORE.words);
  });

  it('finds a term by its abbreviation, ranked right after an exact term', () => {
    const s = new GlossarySearch([entry('Slack'), entry('Service level agreement', { abbreviation: 'SLA' }), entry('Sla')]);
    expect(terms(s.search('sla'))).toEqual(['Sla', 'Service level agreement', 'Slack']);
    expect(s.search('SLA')[1]!.score).toBe(SCORE.abbreviation);
  });

  it('finds a term by a synonym, ranked after exact terms and abbreviations', () => {
    const s = glossary();
    // "attribution" is two typos from "attrition", so it comes too, after the synonym.
    expect(terms(s.search('attrition'))).toEqual(['Churn', 'Attribution']);
    expect(s.search('attrition')[0]!.score).toBe(SCORE.synonym);
    expect(terms(s.search('CLV'))[0]).toBe('Customer lifetime value');
    expect(terms(s.search('lifetime value'))[0]).toBe('Customer lifetime value');
  });

  it('folds case and accents both ways', () => {
    const s = glossary();
    expect(terms(s.search('CAFE AU LAIT'))).toEqual(['Café au lait']);
    expect(terms(s.search('cafè'))).toEqual(['Café au lait']);
    expect(terms(s.search('ChUrN'))[0]).toBe('Churn');
  });

  it('is typo-tolerant: one typo from four letters, two from seven, a swap counting as one', () => {
    const s = glossary();
    expect(terms(s.search('chrun'))[0]).toBe('Churn');
    expect(terms(s.search('atribution'))).toEqual(['Attribution']);
    expect(terms(s.search('atributoin'))).toEqual(['Attribution']);
    expect(terms(s.search('convresion'))[0]).toBe('Conversion');
    expect(s.search('atribusoin')).toEqual([]);
    // Short words must be typed right: "cac" is no typo away from anything.
    expect(terms(s.search('cax'))).toEqual([]);
  });

  it('matches every word of a query, each as a word start, in any name', () => {
    const s = glossary();
    expect(terms(s.search('cust acq'))).toEqual(['Customer acquisition cost']);
    // Both names start with "cust": the one closer to complete comes first.
    expect(terms(s.search('cust'))).toEqual(['Customer lifetime value', 'Customer acquisition cost']);
    expect(terms(s.search('rate'))).toEqual(['Churn rate', 'Conversion rate']);
  });

  it('breaks ties by status (agreed first), then alphabetically', () => {
    const s = glossary();
    expect(terms(s.search('lea'))).toEqual(['Lead', 'Leads']);
  });

  it('answers nothing for an empty query, and lists everything alphabetically on request', () => {
    const s = glossary();
    expect(s.search('  ')).toEqual([]);
    expect(terms(s.all()).slice(0, 3)).toEqual(['Attribution', 'Café au lait', 'Churn']);
  });

  it('follows changes: renamed, added and removed terms', () => {
    const s = new GlossarySearch([entry('Lead', { id: 'a' })]);
    s.set(entry('Prospect', { id: 'a' }));
    expect(s.search('lead')).toEqual([]);
    expect(terms(s.search('prosp'))).toEqual(['Prospect']);
    s.set(entry('Prospect', { id: 'a', definition: 'changed' }));
    expect(s.search('prospect')[0]!.definition).toBe('changed');
    s.remove('a');
    expect(s.search('prospect')).toEqual([]);
    expect(s.size).toBe(0);
  });
});
