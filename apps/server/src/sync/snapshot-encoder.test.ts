import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedDoc } from './shared-doc';
import { createSnapshotEncoder, type SnapshotEncoder } from './snapshot-encoder';

// A snapshot encoded on the worker from a document's parts must be the document itself: whatever
// reaches it (clients' updates, deletions, server edits, other instances' updates), after a load,
// a compaction or a reload from the log.

let encoder: SnapshotEncoder;
afterEach(() => encoder?.close());

/** A client typing, deleting and setting map keys: updates as the server receives them. */
function typist(clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

function edit(doc: Y.Doc, round: number): void {
  const text = doc.getText('notes');
  text.insert(Math.min(round % 7, text.length), `r${round}-${doc.clientID} `);
  if (round % 5 === 4 && text.length > 10) text.delete(3, 4);
  doc.getMap('kpis').set(`k${round % 3}`, { round, by: doc.clientID });
  if (round % 9 === 0) doc.getArray('log').push([round]);
}

const fromSnapshot = (snapshot: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return doc;
};
const same = (a: Y.Doc, b: Y.Doc) => {
  // A fresh doc shows a shared type once asked for it by name and kind.
  for (const [name, type] of a.share) b.get(name, type.constructor as typeof Y.AbstractType<unknown>);
  expect(b.toJSON()).toEqual(a.toJSON());
  expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
};

describe('snapshots encoded off the event loop', () => {
  it('give back the live document from its parts, after a load, a compaction and a reload', async () => {
    encoder = createSnapshotEncoder();
    // What the log held: a snapshot of earlier work and some rows after it.
    const earlier = typist(1);
    for (let round = 0; round < 30; round++) edit(earlier.doc, round);
    const stored = [Y.encodeStateAsUpdate(earlier.doc)];
    for (let round = 30; round < 40; round++) edit(earlier.doc, round);
    stored.push(...earlier.updates.slice(-10));

    const shared = new SharedDoc('w/board', { workspaceId: 'w', doc: 'board' });
    for (const bytes of stored) Y.applyUpdate(shared.ydoc, bytes);
    shared.loadedFrom(stored);

    // Three clients editing concurrently, their updates arriving interleaved, plus a server edit.
    const clients = [typist(2), typist(3), typist(4)];
    for (const c of clients) Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(shared.ydoc));
    for (const c of clients) c.updates.length = 0;
    for (let round = 0; round < 60; round++) {
      const c = clients[round % 3]!;
      edit(c.doc, round);
      for (const u of c.updates.splice(0)) shared.applyAndCapture(u, c);
    }
    shared.transactAndCapture((doc) => doc.getMap('kpis').delete('k1'), 'server');

    const first = shared.currentParts;
    const snapshot = await encoder.encode(first.parts);
    same(shared.ydoc, fromSnapshot(snapshot));

    // Compacted: the snapshot stands for those parts; what comes after is recorded on top of it.
    shared.compactedParts(first.ydoc, first.parts.length, snapshot);
    let changes = 0;
    for (let round = 60; round < 90; round++) {
      const c = clients[round % 3]!;
      edit(c.doc, round);
      for (const u of c.updates.splice(0)) changes += shared.applyAndCapture(u, c).length;
    }
    const second = shared.currentParts;
    expect(second.parts[0]).toBe(snapshot);
    expect(second.parts.length).toBe(1 + changes);
    same(shared.ydoc, fromSnapshot(await encoder.encode(second.parts)));

    // Reloaded from the log: the parts start again from what was read.
    const reread = [Y.encodeStateAsUpdate(shared.ydoc)];
    shared.replaceYdoc(fromSnapshot(reread[0]!), shared.seq, reread);
    shared.compactedParts(second.ydoc, second.parts.length, new Uint8Array([0, 0])); // stale: ignored
    edit(clients[0]!.doc, 90);
    for (const u of clients[0]!.updates.splice(0)) shared.applyAndCapture(u, clients[0]);
    same(shared.ydoc, fromSnapshot(await encoder.encode(shared.currentParts.parts)));
    shared.destroy();
  });

  it('fails an encoding of bytes that are not updates, and encodes the next one', async () => {
    encoder = createSnapshotEncoder();
    await expect(encoder.encode([new Uint8Array([255, 255, 255, 255, 1])])).rejects.toThrow(/snapshot encoding failed/);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'still here');
    same(doc, fromSnapshot(await encoder.encode([Y.encodeStateAsUpdate(doc)])));
  });

  it('starts its worker again after it exited idle, and refuses work once closed', async () => {
    encoder = createSnapshotEncoder({ idleExitMs: 20 });
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'one');
    same(doc, fromSnapshot(await encoder.encode([Y.encodeStateAsUpdate(doc)])));
    await new Promise((r) => setTimeout(r, 100));
    doc.getText('t').insert(3, ' two');
    same(doc, fromSnapshot(await encoder.encode([Y.encodeStateAsUpdate(doc)])));
    await encoder.close();
    await expect(encoder.encode([Y.encodeStateAsUpdate(doc)])).rejects.toThrow(/closed/);
  });

  it('abandons an encoding that runs past its time, and fails it', async () => {
    encoder = createSnapshotEncoder({ timeoutMs: 1 });
    const doc = new Y.Doc();
    for (let i = 0; i < 2000; i++) doc.getText('t').insert(i, 'x');
    const parts = Array.from({ length: 50 }, () => Y.encodeStateAsUpdate(doc));
    await expect(encoder.encode(parts)).rejects.toThrow(/abandoned|exited/);
  });
});
