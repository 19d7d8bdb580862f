import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import {
  addSynonym,
  addTerm,
  deleteTerm,
  deprecateTerm,
  findTerm,
  linkRelated,
  needsCommonMeaning,
  readGlossary,
  removeSynonym,
  termsOf,
  unlinkRelated,
  updateTerm,
} from './glossary-doc';
import { mergeTerms } from './term-merge';

const ada = { id: 'ada', at: '2026-11-22T10:00:00.000Z' };
const bob = { id: 'bob', at: '2026-11-22T11:00:00.000Z' };

describe('glossary document', () => {
  it('adds a term with collaborative texts, listed alphabetically', () => {
    const doc = new Y.Doc();
    addTerm(doc, { term: 'Churn', it: 'Code churn', marketing: 'Lost customers', synonyms: ['attrition', 'Attrition', 'churn'] }, ada, 'c');
    addTerm(doc, { term: 'attribution', status: 'agreed' }, undefined, 'a');
    const map = termsOf(doc).get('c')!;
    expect(map.get('it')).toBeInstanceOf(Y.Text);
    expect(map.get('definition')).toBeInstanceOf(Y.Text);
    expect(readGlossary(doc).map((t) => t.term)).toEqual(['attribution', 'Churn']);
    expect(findTerm(doc, 'c')).toMatchObject({
      term: 'Churn',
      it: 'Code churn',
      marketing: 'Lost customers',
      synonyms: ['attrition'],
      status: 'proposed',
      updatedBy: 'ada',
      updatedAt: ada.at,
    });
    expect(() => addTerm(doc, { term: '  --  ' })).toThrow(/name/);
  });

  it('edits only what changed, texts in place, and records who changed it', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { term: 'Lead', definition: 'A possible customer.' }, ada);
    const text = termsOf(doc).get(id)!.get('definition') as Y.Text;
    updateTerm(doc, id, { definition: 'A possible new customer.', abbreviation: ' LD ' }, bob);
    expect(termsOf(doc).get(id)!.get('definition')).toBe(text);
    expect(findTerm(doc, id)).toMatchObject({ definition: 'A possible new customer.', abbreviation: 'LD', updatedBy: 'bob' });
    updateTerm(doc, id, { definition: 'A possible new customer.' }, ada);
    expect(findTerm(doc, id)!.updatedBy).toBe('bob');
  });

  it('adds and removes synonyms, and deprecates', () => {
    const doc = new Y.Doc();
    const id = addTerm(doc, { term: 'Lead', synonyms: ['prospect'] });
    addSynonym(doc, id, 'Prospect');
    addSynonym(doc, id, 'opportunity');
    removeSynonym(doc, id, 'PROSPECT');
    deprecateTerm(doc, id, ada);
    expect(findTerm(doc, id)).toMatchObject({ synonyms: ['opportunity'], status: 'deprecated', updatedBy: 'ada' });
  });

  it('links related terms both ways, and unlinks or deletes cleanly', () => {
    const doc = new Y.Doc();
    const a = addTerm(doc, { term: 'CAC' });
    const b = addTerm(doc, { term: 'LTV' });
    const c = addTerm(doc, { term: 'Churn' });
    linkRelated(doc, a, b);
    linkRelated(doc, b, a);
    linkRelated(doc, b, c);
    expect(findTerm(doc, a)!.related).toEqual([b]);
    expect(findTerm(doc, b)!.related).toEqual([a, c]);
    unlinkRelated(doc, a, b);
    expect(findTerm(doc, b)!.related).toEqual([c]);
    deleteTerm(doc, c);
    expect(findTerm(doc, b)!.related).toEqual([]);
    expect(readGlossary(doc).map((t) => t.term)).toEqual(['CAC', 'LTV']);
    expect(() => linkRelated(doc, a, a)).toThrow();
  });

  it('flags terms whose IT and marketing meanings differ', () => {
    expect(needsCommonMeaning({ it: 'Data conversion', marketing: 'A visitor who buys' })).toBe(true);
    expect(needsCommonMeaning({ it: 'A measured value.', marketing: 'a measured  VALUE' })).toBe(false);
    expect(needsCommonMeaning({ it: 'Something', marketing: '' })).toBe(false);
  });
});

describe('mergeTerms', () => {
  it('keeps both sides’ meanings and synonyms, repoints links, and hides the duplicate', () => {
    const doc = new Y.Doc();
    const keep = addTerm(doc, { term: 'Churn', it: 'Code churn.', marketing: 'Customers lost.', synonyms: ['attrition'], status: 'proposed' });
    const drop = addTerm(doc, {
      term: 'Customer churn',
      abbreviation: 'CC',
      definition: 'Losing customers.',
      it: 'code CHURN',
      marketing: 'Share of customers who cancel.',
      synonyms: ['defection', 'Attrition'],
      status: 'agreed',
    });
    const other = addTerm(doc, { term: 'LTV' });
    const third = addTerm(doc, { term: 'Retention' });
    linkRelated(doc, other, drop);
    linkRelated(doc, drop, third);
    linkRelated(doc, keep, drop);

    mergeTerms(doc, keep, drop, ada);
    const merged = findTerm(doc, keep)!;
    expect(merged).toMatchObject({
      term: 'Churn',
      abbreviation: 'CC',
      definition: 'Losing customers.',
      it: 'Code churn.',
      marketing: 'Customers lost.\n\nShare of customers who cancel.',
      // The duplicate's "agreed" does not carry over: only both sides' signatures make a term agreed.
      status: 'proposed',
      updatedBy: 'ada',
    });
    expect(merged.synonyms).toEqual(['attrition', 'Customer churn', 'defection']);
    expect(merged.related.sort()).toEqual([other, third].sort());
    expect(findTerm(doc, other)!.related).toEqual([keep]);
    expect(findTerm(doc, third)!.related).toEqual([keep]);
    expect(readGlossary(doc).map((t) => t.id)).not.toContain(drop);
    // Old links to the duplicate lead to the term it was merged into.
    expect(findTerm(doc, drop)!.id).toBe(keep);
    expect(() => mergeTerms(doc, keep, drop)).toThrow(EntryMissing);
    expect(() => updateTerm(doc, 'gone', { definition: 'x' })).toThrow(EntryMissing);
  });

  it('keeps one term holding both texts when two people merge a pair in opposite directions', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const x = addTerm(a, { term: 'Lead', marketing: 'An interested person.' }, undefined, 'x1');
    const y = addTerm(a, { term: 'Prospect', marketing: 'Someone who may buy.' }, undefined, 'y1');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    mergeTerms(a, x, y);
    mergeTerms(b, y, x);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const live = readGlossary(doc);
      expect(live.map((t) => t.id)).toEqual(['x1']);
      expect(live[0]!.marketing).toContain('An interested person.');
      expect(live[0]!.marketing).toContain('Someone who may buy.');
    }
  });
});
