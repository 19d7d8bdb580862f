import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { needsCommonMeaning, readGlossary } from './glossary-doc';
import { GlossarySearch } from './search';
import { STARTER_GLOSSARY_SIZE, seedStarterGlossary } from './starter-glossary';

describe('seedStarterGlossary', () => {
  it('gives common jargon, each term with both meanings, and some that need a common meaning', () => {
    const doc = new Y.Doc();
    seedStarterGlossary(doc);
    const terms = readGlossary(doc);
    expect(terms).toHaveLength(STARTER_GLOSSARY_SIZE);
    for (const abbreviation of ['SLA', 'MTTR', 'ERP', 'API', 'CAC', 'LTV', 'NPS', 'CX']) {
      expect(terms.map((t) => t.abbreviation)).toContain(abbreviation);
    }
    for (const name of ['Conversion', 'Churn', 'Attribution']) expect(terms.map((t) => t.term)).toContain(name);
    expect(terms.every((t) => t.it && t.marketing && t.definition)).toBe(true);
    expect(terms.filter(needsCommonMeaning).length).toBeGreaterThan(10);
    expect(terms.some((t) => !needsCommonMeaning(t))).toBe(true);
    expect(terms.filter((t) => t.related.length > 0).length).toBeGreaterThan(5);
    const search = new GlossarySearch(terms);
    expect(search.search('ltv')[0]!.term).toBe('Customer lifetime value');
  });
});
