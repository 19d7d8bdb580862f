import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from './update-inspection';

/** The update a change to a copy of `base` makes (the copy starts equal to base). */
function changeOf(base: Y.Doc, change: (doc: Y.Doc) => void, clientID?: number): Uint8Array {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function glossaryWithTerm(): Y.Doc {
  const doc = new Y.Doc();
  const term = new Y.Map<unknown>();
  doc.getMap('terms').set('t1', term);
  term.set('term', 'Churn');
  term.set('status', 'proposed');
  term.set('definition', new Y.Text('customers who leave'));
  const approvals = new Y.Map<unknown>();
  term.set('approvals', approvals);
  approvals.set('u1', { side: 'technology', at: '2026-12-01' });
  return doc;
}

const term = (doc: Y.Doc) => doc.getMap('terms').get('t1') as Y.Map<unknown>;

describe('inspectUpdate', () => {
  it('reports a new entry and its fields as paths from the root', () => {
    const doc = new Y.Doc();
    const update = changeOf(doc, (d) => {
      const entry = new Y.Map<unknown>();
      d.getMap('terms').set('t9', entry);
      entry.set('status', 'proposed');
      entry.set('definition', new Y.Text('x'));
    });
    const { writes, depth, problem } = inspectUpdate(update, doc);
    expect(problem).toBeNull();
    expect(writes).toContainEqual({ path: ['terms', 't9'], kind: 'insert' });
    expect(writes).toContainEqual({ path: ['terms', 't9', 'status'], kind: 'insert', value: 'proposed' });
    expect(writes).toContainEqual({ path: ['terms', 't9', 'definition', '#'], kind: 'insert' });
    expect(depth).toBe(3);
  });

  it('finds the key of an overwrite (written without its parent, copied from the old value)', () => {
    const doc = glossaryWithTerm();
    const update = changeOf(doc, (d) => term(d).set('status', 'agreed'));
    const { writes } = inspectUpdate(update, doc);
    expect(writes).toContainEqual({ path: ['terms', 't1', 'status'], kind: 'insert', value: 'agreed' });
    // The old value goes: a delete at the same key.
    expect(writes).toContainEqual({ path: ['terms', 't1', 'status'], kind: 'delete' });
  });

  it('sees a write inside an existing nested map (its parent is only in the server’s copy)', () => {
    const doc = glossaryWithTerm();
    const update = changeOf(doc, (d) => (term(d).get('approvals') as Y.Map<unknown>).set('u2', { side: 'business' }));
    expect(inspectUpdate(update, doc).writes).toContainEqual({ path: ['terms', 't1', 'approvals', 'u2'], kind: 'insert', value: { side: 'business' } });
  });

  it('reports text typed into an existing text at the text’s key', () => {
    const doc = glossaryWithTerm();
    const update = changeOf(doc, (d) => (term(d).get('definition') as Y.Text).insert(3, 'many '));
    expect(inspectUpdate(update, doc).writes).toEqual([{ path: ['terms', 't1', 'definition', '#'], kind: 'insert' }]);
  });

  it('reports the delete of a whole entry once, not each field inside it', () => {
    const doc = glossaryWithTerm();
    const update = changeOf(doc, (d) => d.getMap('terms').delete('t1'));
    expect(inspectUpdate(update, doc).writes).toEqual([{ path: ['terms', 't1'], kind: 'delete' }]);
  });

  it('reports the delete of one approval', () => {
    const doc = glossaryWithTerm();
    const update = changeOf(doc, (d) => (term(d).get('approvals') as Y.Map<unknown>).delete('u1'));
    expect(inspectUpdate(update, doc).writes).toEqual([{ path: ['terms', 't1', 'approvals', 'u1'], kind: 'delete' }]);
  });

  it('follows a long list of entries inserted one after another without recursing through it', () => {
    const doc = new Y.Doc();
    const update = changeOf(doc, (d) => {
      const list = d.getArray<Y.Map<unknown>>('list');
      for (let i = 0; i < 5_000; i++) list.push([new Y.Map()]);
    });
    const { writes, depth, problem } = inspectUpdate(update, doc);
    expect(problem).toBeNull();
    expect(writes).toHaveLength(5_000);
    expect(depth).toBe(1);
  });

  it('measures nesting, in one update and across updates', () => {
    const doc = new Y.Doc();
    let inner = doc.getMap('chain');
    doc.transact(() => {
      for (let i = 0; i < 10; i++) {
        const next = new Y.Map<unknown>();
        inner.set('next', next);
        inner = next;
      }
    });
    const deeper = changeOf(doc, (d) => {
      let m = d.getMap('chain');
      while (m.get('next')) m = m.get('next') as Y.Map<unknown>;
      m.set('leaf', 1);
    });
    expect(inspectUpdate(deeper, doc).depth).toBe(11);
  });

  it('stops early on a chain far deeper than allowed', () => {
    const doc = new Y.Doc();
    const update = changeOf(doc, (d) => {
      let inner = d.getMap('chain');
      for (let i = 0; i < 3000; i++) {
        const next = new Y.Map<unknown>();
        inner.set('n', next);
        inner = next;
      }
    });
    const started = performance.now();
    const { depth } = inspectUpdate(update, doc, { maxDepth: 32 });
    expect(depth).toBeGreaterThan(32);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('says when the history an update builds on is missing (a client starting ahead of the server)', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getMap('m').set('first', 1);
    const first = Y.encodeStateAsUpdate(client);
    const before = Y.encodeStateVector(client);
    client.getMap('m').set('second', 2);
    const second = Y.encodeStateAsUpdate(client, before);
    expect(inspectUpdate(second, server)).toMatchObject({ problem: expect.stringMatching(/missing history/), missingHistory: true });
    // With the first one applied, the same update is fine.
    Y.applyUpdate(server, first);
    expect(inspectUpdate(second, server)).toMatchObject({ problem: null, writes: [{ path: ['m', 'second'], kind: 'insert', value: 2 }] });
  });

  it('says when an update refers to another client’s item the server never saw', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.getText('t').insert(0, 'hello');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    b.getText('t').insert(5, ' world');
    expect(inspectUpdate(Y.encodeStateAsUpdate(b, before), server).problem).toMatch(/missing history/);
  });

  it('says when a delete reaches past what exists', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.getText('t').insert(0, 'hello');
    const before = Y.encodeStateVector(a);
    a.getText('t').delete(0, 2);
    const deleteOnly = Y.encodeStateAsUpdate(a, before);
    expect(inspectUpdate(deleteOnly, server).problem).toMatch(/missing history/);
  });

  it('refuses an item whose parent is written after it, or is not a type', () => {
    // A nested item whose parent id points past the end of its own client's structs (yjs throws half-way).
    const broken = Uint8Array.from(
      Buffer.from(
        '01069cbaca04002801016d0161017d01040101740b68656c6c6f20776f726c6408010161037d01770178760101797d022701016d037375620127009cbaca043401710204009cbaca0410027a7a00',
        'hex',
      ),
    );
    expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow();
    expect(inspectUpdate(broken, new Y.Doc())).toMatchObject({ problem: expect.any(String), missingHistory: false });
  });

  it('skips what the server already holds, deletes included', () => {
    const doc = glossaryWithTerm();
    (term(doc).get('approvals') as Y.Map<unknown>).delete('u1');
    expect(inspectUpdate(Y.encodeStateAsUpdate(doc), doc)).toMatchObject({ writes: [], fresh: false, problem: null });
  });

  it('calls an insert into a type deleted meanwhile fresh, though it writes nothing anyone sees', () => {
    const doc = glossaryWithTerm();
    const late = changeOf(doc, (d) => term(d).set('term', 'Attrition'));
    doc.getMap('terms').delete('t1');
    expect(inspectUpdate(late, doc)).toMatchObject({ writes: [], fresh: true, problem: null });
  });

  it('does not change the document it reads against', () => {
    const doc = glossaryWithTerm();
    const before = Y.encodeStateAsUpdate(doc);
    inspectUpdate(
      changeOf(doc, (d) => term(d).set('status', 'agreed')),
      doc,
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
