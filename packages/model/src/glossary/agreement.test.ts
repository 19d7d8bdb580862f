import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approveTerm, readAgreement, reconcileAgreement, recordMeaningChange, sideOfSeat, signRefusal, waitsForSide, withdrawApproval } from './agreement';
import { addTerm, needsCommonMeaning, updateTerm } from './glossary-doc';
import { mergeTerms } from './term-merge';
import { termsOf } from './term-maps';

const at = '2026-12-03T10:00:00.000Z';
const cio = { userId: 'u-cio', side: 'technology' as const, at };
const cmo = { userId: 'u-cmo', side: 'business' as const, at };

function glossary() {
  const doc = new Y.Doc();
  const id = addTerm(doc, { term: 'Churn', it: 'Accounts closed', marketing: 'Customers lost' });
  return { doc, id, map: () => termsOf(doc).get(id)! };
}

describe('glossary agreement', () => {
  it('puts each seat on its side', () => {
    expect(['cio', 'it', 'cmo', 'marketing', 'business'].map((s) => sideOfSeat(s as never))).toEqual([
      'technology',
      'technology',
      'business',
      'business',
      'business',
    ]);
  });

  it('is agreed only once both sides approved', () => {
    const { doc, id, map } = glossary();
    expect(approveTerm(doc, id, cio)).toBeNull();
    expect(readAgreement(map()).status).toBe('proposed');
    expect(approveTerm(doc, id, { ...cio, userId: 'u-it' })).toBeNull();
    expect(readAgreement(map()).status).toBe('proposed');
    expect(approveTerm(doc, id, cmo)).toBeNull();
    expect(readAgreement(map())).toMatchObject({ status: 'agreed', changedSinceAgreed: false });
    expect(readAgreement(map()).approvals.map((a) => a.userId)).toEqual(['u-cio', 'u-cmo', 'u-it']);
  });

  it('refuses approving twice, the last changer, a deprecated, merged or unknown term, and withdrawing what was never given', () => {
    const { doc, id } = glossary();
    expect(approveTerm(doc, id, cio)).toBeNull();
    expect(approveTerm(doc, id, cio)).toBe('already_approved');
    expect(withdrawApproval(doc, id, 'u-cmo')).toBe('not_approved');
    updateTerm(doc, id, { marketing: 'Customers who cancel' });
    recordMeaningChange(doc, id, 'u-cmo');
    // The change cleared the CIO's approval, so the CMO would be the first to sign their own change.
    expect(approveTerm(doc, id, cmo)).toBe('own_change');
    // Once someone else reviewed and signed it, its author may co-sign.
    expect(approveTerm(doc, id, cio)).toBeNull();
    expect(approveTerm(doc, id, cmo)).toBeNull();
    expect(approveTerm(doc, 'nope', cmo)).toBe('not_found');
    const other = addTerm(doc, { term: 'Attrition', status: 'deprecated' });
    expect(approveTerm(doc, other, cmo)).toBe('term_deprecated');
    const dup = addTerm(doc, { term: 'Churn rate' });
    mergeTerms(doc, id, dup);
    expect(approveTerm(doc, dup, cmo)).toBe('term_merged');
  });

  it('a later change to a meaning clears the approvals and says it changed since agreed, until signed again', () => {
    const { doc, id, map } = glossary();
    approveTerm(doc, id, cio);
    approveTerm(doc, id, cmo);
    updateTerm(doc, id, { it: 'Accounts closed in the period' });
    // Even before the server reacts, the approvals no longer count: they were for other meanings.
    expect(readAgreement(map()).approvals).toEqual([]);
    recordMeaningChange(doc, id, 'u-it');
    expect(readAgreement(map())).toMatchObject({ status: 'proposed', changedSinceAgreed: true, meaningBy: 'u-it' });
    expect(approveTerm(doc, id, cio)).toBeNull();
    expect(approveTerm(doc, id, cmo)).toBeNull();
    expect(readAgreement(map())).toMatchObject({ status: 'agreed', changedSinceAgreed: false });
  });

  it('withdrawing sends an agreed term back to proposed', () => {
    const { doc, id, map } = glossary();
    approveTerm(doc, id, cio);
    approveTerm(doc, id, cmo);
    expect(withdrawApproval(doc, id, 'u-cmo')).toBeNull();
    expect(readAgreement(map()).status).toBe('proposed');
  });

  it('reconciles a status that disagrees with the signatures', () => {
    const { doc, id, map } = glossary();
    map().set('status', 'agreed');
    expect(reconcileAgreement(map())).toBe(true);
    expect(map().get('status')).toBe('proposed');
    approveTerm(doc, id, cio);
    approveTerm(doc, id, cmo);
    map().set('status', 'proposed');
    expect(reconcileAgreement(map())).toBe(true);
    expect(map().get('status')).toBe('agreed');
    expect(reconcileAgreement(map())).toBe(false);
  });

  it('a merge never writes agreed, and revives a deprecated kept term', () => {
    const doc = new Y.Doc();
    const keep = addTerm(doc, { term: 'CAC', status: 'deprecated' });
    const drop = addTerm(doc, { term: 'Customer acquisition cost' });
    approveTerm(doc, drop, cio);
    approveTerm(doc, drop, cmo);
    mergeTerms(doc, keep, drop);
    expect(termsOf(doc).get(keep)!.get('status')).toBe('proposed');
  });

  it('flags a common meaning as needed only on terms not agreed', () => {
    const meanings = { it: 'Accounts closed', marketing: 'Customers lost' };
    expect(needsCommonMeaning({ ...meanings, status: 'proposed' })).toBe(true);
    expect(needsCommonMeaning({ ...meanings, status: 'agreed' })).toBe(false);
  });
});

describe('what the screen asks of a side', () => {
  const approvals = [{ userId: 'u-cmo', side: 'business' as const, at }];
  it('a term waits for a side when only the other side signed', () => {
    expect(waitsForSide({ status: 'proposed', approvals }, 'technology')).toBe(true);
    expect(waitsForSide({ status: 'proposed', approvals }, 'business')).toBe(false);
    expect(waitsForSide({ status: 'proposed', approvals: [] }, 'technology')).toBe(false);
    expect(waitsForSide({ status: 'deprecated', approvals }, 'technology')).toBe(false);
  });

  it('says why someone cannot sign: deprecated, or their own change nobody reviewed yet', () => {
    expect(signRefusal({ status: 'deprecated', approvals: [], meaningBy: null }, 'u-it')).toMatch(/deprecated/);
    expect(signRefusal({ status: 'proposed', approvals: [], meaningBy: 'u-it' }, 'u-it')).toMatch(/someone else/);
    expect(signRefusal({ status: 'proposed', approvals, meaningBy: 'u-it' }, 'u-it')).toBeNull();
  });
});
