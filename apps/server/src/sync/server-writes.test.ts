import { DENIED } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countUpdates, readStored, startSyncServer, waitFor, type Person, type SyncClient, type SyncServer } from '../test/sync-harness';

// What only the server writes (the comments document, a glossary term's approvals and its `agreed`
// status) and what viewers send: each such update is answered with "permission denied" on its
// connection, nothing of it is stored or sent on, and the connection stays open.

let s: SyncServer;
let owner: Person;
let editor: Person;
let viewer: Person;
let workspaceId: string;
const key = (doc: string) => ({ workspaceId, doc });

beforeAll(async () => {
  s = await startSyncServer();
  owner = await s.signUp('Olga Owner');
  workspaceId = await s.createWorkspace(owner);
  editor = await s.addMember(owner, workspaceId, 'editor', 'cmo');
  viewer = await s.addMember(owner, workspaceId, 'viewer', 'business');
  await s.running.sync.edit(key('glossary'), (doc) => {
    const term = new Y.Map<unknown>();
    doc.getMap('terms').set('churn', term);
    term.set('term', 'Churn');
    term.set('status', 'proposed');
    term.set('definition', new Y.Text('customers who leave'));
    const approvals = new Y.Map<unknown>();
    term.set('approvals', approvals);
    approvals.set(owner.id, { side: 'technology', at: '2026-12-01T10:00:00Z' });
  });
});
afterAll(() => s?.stop());

const termOf = (client: SyncClient, id = 'churn') => client.doc.getMap('terms').get(id) as Y.Map<unknown>;

/**
 * Has `writer` make `change`, waits for the server's answer, and checks that nothing reached an
 * observer or the database while the writer stayed connected and keeps receiving others' edits.
 */
async function expectDenied(doc: string, who: Person, change: (client: SyncClient) => void, reason: string | RegExp): Promise<void> {
  const observer = s.client(owner, workspaceId, doc);
  const writer = s.client(who, workspaceId, doc);
  await Promise.all([observer.synced(), writer.synced()]);
  const rows = await countUpdates(s.database, key(doc));
  const view = () => JSON.stringify({ ...observer.doc.toJSON(), marks: null });
  const before = view();
  change(writer);
  await waitFor(() => writer.denials.length > 0, 'permission denied');
  if (typeof reason === 'string') expect(writer.denials).toEqual([reason]);
  else expect(writer.denials[0]).toMatch(reason);
  // A marker edit made after it reaches the observer; had the refused one been taken, it would be there first.
  const mark = `m${Math.random().toString(36).slice(2)}`;
  await s.running.sync.edit(key(doc), (d) => d.getMap('marks').set(mark, true));
  await waitFor(() => observer.doc.getMap('marks').has(mark) && writer.doc.getMap('marks').has(mark), 'the marker edit');
  expect(view()).toBe(before);
  expect(await countUpdates(s.database, key(doc))).toBe(rows + 1);
  expect(writer.closes).toEqual([]);
  expect(writer.connected).toBe(true);
  observer.destroy();
  writer.destroy();
}

describe('updates the server will not apply', () => {
  it("answers a viewer's edit with permission denied", async () => {
    await expectDenied('board', viewer, (c) => c.doc.getMap('kpis').set('k1', new Y.Map()), DENIED.readOnly);
  });

  it("answers a viewer's edit of the comments document the same way", async () => {
    await expectDenied('comments', viewer, (c) => c.doc.getMap('threads').set('t', 'forged'), DENIED.readOnly);
  });

  it('answers any client edit of the comments document, even an owner’s', async () => {
    await expectDenied('comments', owner, (c) => c.doc.getMap('threads').set('t1', new Y.Map()), DENIED.serverDocument);
  });

  it("answers an editor who approves a term by writing its approvals", async () => {
    await expectDenied(
      'glossary',
      editor,
      (c) => (termOf(c).get('approvals') as Y.Map<unknown>).set(editor.id, { side: 'business', at: 'now' }),
      /approvals/,
    );
  });

  it('answers an editor who withdraws someone’s approval', async () => {
    await expectDenied('glossary', editor, (c) => (termOf(c).get('approvals') as Y.Map<unknown>).delete(owner.id), /approvals/);
  });

  it('answers an editor who replaces the approvals map', async () => {
    await expectDenied('glossary', editor, (c) => termOf(c).set('approvals', new Y.Map()), /approvals/);
  });

  it('answers an editor who marks a term agreed', async () => {
    await expectDenied('glossary', editor, (c) => termOf(c).set('status', 'agreed'), /agreed/);
  });

  it('answers an editor who creates a term already agreed and approved', async () => {
    await expectDenied(
      'glossary',
      editor,
      (c) =>
        c.doc.transact(() => {
          const term = new Y.Map<unknown>();
          c.doc.getMap('terms').set('forged', term);
          term.set('term', 'Forged');
          term.set('status', 'agreed');
        }),
      /agreed/,
    );
  });
});

describe('what clients may still write', () => {
  it("an editor edits a term's meanings, deprecates it and deletes another, approvals and all", async () => {
    await s.running.sync.edit(key('glossary'), (doc) => {
      const term = new Y.Map<unknown>();
      doc.getMap('terms').set('old', term);
      term.set('term', 'Old');
      const approvals = new Y.Map<unknown>();
      term.set('approvals', approvals);
      approvals.set(owner.id, { side: 'technology', at: 'then' });
    });
    const writer = s.client(editor, workspaceId, 'glossary');
    const observer = s.client(owner, workspaceId, 'glossary');
    await Promise.all([writer.synced(), observer.synced()]);
    (termOf(writer).get('definition') as Y.Text).insert(0, 'paying ');
    termOf(writer).set('status', 'deprecated');
    writer.doc.getMap('terms').delete('old');
    await waitFor(
      () => termOf(observer).get('status') === 'deprecated' && !observer.doc.getMap('terms').has('old') && String(termOf(observer).get('definition')).startsWith('paying'),
      'the edits at the observer',
    );
    const stored = await readStored(s.database, key('glossary'));
    expect((stored.getMap('terms').get('churn') as Y.Map<unknown>).get('status')).toBe('deprecated');
    expect(writer.denials).toEqual([]);
    writer.destroy();
    observer.destroy();
  });

  it('the server writes the comments document, and every member, viewers too, reads it live', async () => {
    const reader = s.client(viewer, workspaceId, 'comments');
    await reader.synced();
    await s.running.sync.edit(key('comments'), (doc) => doc.getMap('threads').set('t9', 'from the server'));
    await waitFor(() => reader.doc.getMap('threads').get('t9') === 'from the server', 'the comment at the viewer');
    expect(reader.denials).toEqual([]);
    reader.destroy();
  });

  it('a viewer that reconnects with nothing new is not told anything', async () => {
    const reader = s.client(viewer, workspaceId, 'glossary');
    await reader.synced();
    reader.disconnect();
    reader.connect();
    await reader.synced();
    await s.running.sync.edit(key('glossary'), (doc) => doc.getMap('marks').set('after-reconnect', true));
    await waitFor(() => reader.doc.getMap('marks').has('after-reconnect'), 'an edit after reconnecting');
    expect(reader.denials).toEqual([]);
    reader.destroy();
  });
});
