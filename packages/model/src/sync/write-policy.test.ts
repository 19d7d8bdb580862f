import { describe, expect, it } from 'vitest';
import type { UpdateWrite } from './update-inspection';
import { DENIED, WRITE_POLICY, isServerDocument, refusedWrite } from './write-policy';

const insert = (path: string[], value?: unknown): UpdateWrite => (value === undefined ? { path, kind: 'insert' } : { path, kind: 'insert', value });
const remove = (path: string[]): UpdateWrite => ({ path, kind: 'delete' });

describe('the write policy', () => {
  it('lets clients write the content documents freely', () => {
    for (const doc of ['board', 'journeys', 'meetings'] as const) {
      expect(refusedWrite(doc, [insert(['kpis', 'k1', 'approvals']), insert(['kpis', 'k1', 'status'], 'agreed')])).toBeNull();
    }
  });

  it('keeps the comments document to the server', () => {
    expect(isServerDocument('comments')).toBe(true);
    expect(refusedWrite('comments', [insert(['threads', 'x'])])).toBe(DENIED.serverDocument);
    expect(refusedWrite('comments', [])).toBeNull();
  });

  it("refuses any write to a term's approvals, at any depth, inserts and deletes", () => {
    for (const write of [
      insert(['terms', 't1', 'approvals']),
      insert(['terms', 't1', 'approvals', 'u1'], { side: 'business', at: 'now' }),
      insert(['terms', 't1', 'approvals', 'u1', 'side'], 'business'),
      remove(['terms', 't1', 'approvals', 'u1']),
      remove(['terms', 't1', 'approvals']),
    ]) {
      expect(refusedWrite('glossary', [write]), JSON.stringify(write)).toMatch(/approvals/);
    }
  });

  it('refuses writes of who changed a meaning last and of "changed since agreed" (the server records them)', () => {
    expect(refusedWrite('glossary', [insert(['terms', 't1', 'meaningBy'], 'someone-else')])).toMatch(/meaningBy/);
    expect(refusedWrite('glossary', [remove(['terms', 't1', 'changedSinceAgreed'])])).toMatch(/changedSinceAgreed/);
  });

  it('refuses agreed as a status, allows the others and deleting a whole term', () => {
    expect(refusedWrite('glossary', [insert(['terms', 't1', 'status'], 'agreed')])).toMatch(/agreed/);
    for (const status of ['proposed', 'deprecated']) expect(refusedWrite('glossary', [insert(['terms', 't1', 'status'], status)])).toBeNull();
    expect(refusedWrite('glossary', [remove(['terms', 't1', 'status'])])).toBeNull();
    expect(refusedWrite('glossary', [remove(['terms', 't1'])])).toBeNull();
    expect(refusedWrite('glossary', [insert(['terms', 't1', 'definition', '#'])])).toBeNull();
  });

  it('finds the fields inside a term written as one plain object', () => {
    expect(refusedWrite('glossary', [insert(['terms', 't1'], { term: 'x', status: 'agreed' })])).toMatch(/agreed/);
    expect(refusedWrite('glossary', [insert(['terms', 't1'], { term: 'x', approvals: {} })])).toMatch(/approvals/);
    expect(refusedWrite('glossary', [insert(['terms', 't1'], { term: 'x', status: 'proposed' })])).toBeNull();
  });

  it('takes another policy', () => {
    const policy = { serverDocs: [], maxDepth: 8, fields: [{ doc: 'board' as const, path: ['kpis', '*', 'target'], reason: 'no' }] };
    expect(refusedWrite('board', [insert(['kpis', 'k', 'target'], 3)], policy)).toBe('no');
    expect(refusedWrite('comments', [insert(['threads', 'x'])], policy)).toBeNull();
    expect(WRITE_POLICY.serverDocs).toContain('comments');
  });
});
