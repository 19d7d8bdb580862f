import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTerm, deleteTerm, updateTerm } from '../glossary/glossary-doc';
import { describeChange } from './describe';
import { diffGlossary } from './glossary-diff';
import { copyDoc } from './test-docs';

describe('diffGlossary', () => {
  it('lists terms added, removed, agreed and edited, without bookkeeping fields', () => {
    const doc = new Y.Doc();
    addTerm(doc, { term: 'Churn', definition: 'Customers who leave' }, { id: 'u1' }, 'churn');
    addTerm(doc, { term: 'Lead' }, undefined, 'lead');
    addTerm(doc, { term: 'SLA' }, undefined, 'sla');
    const before = copyDoc(doc);
    updateTerm(doc, 'churn', { status: 'agreed', definition: 'Customers who leave in a month' }, { id: 'u2' });
    deleteTerm(doc, 'lead');
    addTerm(doc, { term: 'Attribution' }, undefined, 'attr');
    const changes = diffGlossary(before, doc);
    expect(changes.map(describeChange)).toEqual(["Term 'Attribution' added", "Term 'Churn' agreed: definition edited", "Term 'Lead' removed"]);
    expect(changes[1]!.fields.map((f) => f.field)).toEqual(['definition', 'status']);
  });
});
