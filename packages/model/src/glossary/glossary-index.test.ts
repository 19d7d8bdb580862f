import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTerm, deleteTerm, updateTerm } from './glossary-doc';
import { GlossaryIndex } from './glossary-index';
import { mergeTerms } from './term-merge';

describe('GlossaryIndex', () => {
  it('follows edits, additions, merges and deletions, local or remote', () => {
    const doc = new Y.Doc();
    const index = new GlossaryIndex(doc);
    const churn = addTerm(doc, { term: 'Churn', definition: 'Lost customers' });
    expect(index.search('churn').map((r) => r.id)).toEqual([churn]);
    expect(index.find('our churn').map((o) => o.termId)).toEqual([churn]);

    updateTerm(doc, churn, { term: 'Attrition rate' });
    expect(index.find('our churn and attrition rates')).toMatchObject([{ termId: churn, text: 'attrition rates' }]);
    updateTerm(doc, churn, { term: 'Churn' });
    expect(index.find('our churn').map((o) => o.termId)).toEqual([churn]);

    updateTerm(doc, churn, { definition: 'Customers who leave' });
    expect(index.search('churn')[0]!.definition).toBe('Customers who leave');
    expect(index.get(churn)!.definition).toBe('Customers who leave');

    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const attrition = addTerm(remote, { term: 'Attrition' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(index.list().map((t) => t.term)).toEqual(['Attrition', 'Churn']);

    mergeTerms(doc, churn, attrition);
    expect(index.list().map((t) => t.term)).toEqual(['Churn']);
    expect(index.search('attrition')[0]!.id).toBe(churn);
    expect(index.get(attrition)!.id).toBe(churn);
    expect(index.find('attrition').map((o) => [o.termId, o.kind])).toEqual([[churn, 'synonym']]);

    deleteTerm(doc, churn);
    expect(index.size).toBe(0);
    expect(index.search('churn')).toEqual([]);
    index.destroy();
  });

  it('lists everything alphabetically for an empty query', () => {
    const doc = new Y.Doc();
    const index = new GlossaryIndex(doc);
    addTerm(doc, { term: 'b' });
    addTerm(doc, { term: 'A' });
    expect(index.search('').map((r) => [r.term, r.score])).toEqual([
      ['A', 0],
      ['b', 0],
    ]);
  });
});
