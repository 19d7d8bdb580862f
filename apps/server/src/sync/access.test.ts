import { CLOSE_CODES } from '@troika/model';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE, SYNC } from './protocol';
import {
  countUpdates,
  openAccepted,
  openRaw,
  readStored,
  startSyncServer,
  waitFor,
  type Credentials,
  type Person,
  type SyncClient,
  type SyncServer,
} from '../test/sync-harness';

// Who may connect to a document, read it and write it. Refusals happen on the HTTP upgrade (no
// document byte leaves); viewers read but what they send is dropped before it reaches anyone.

const SECRET = 'the Q3 plan nobody outside may read';

let s: SyncServer;
let owner: Person;
let workspaceId: string;
let observer: SyncClient;
let barriers = 0;
const who: Record<string, Credentials> = {};
const key = () => ({ workspaceId, doc: 'board' });

/** A sync update frame, as y-websocket sends it. */
function syncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

beforeAll(async () => {
  s = await startSyncServer();
  owner = await s.signUp('Olga Owner');
  workspaceId = await s.createWorkspace(owner);
  await s.running.sync.edit(key(), (doc) => doc.getMap('kpis').set('secret', SECRET));
  const editor = await s.addMember(owner, workspaceId, 'editor');
  const outsider = await s.signUp('Otto Outsider');
  const elsewhere = await s.createWorkspace(outsider, 'Elsewhere');
  who.owner = owner;
  who.editor = editor;
  who.viewer = await s.addMember(owner, workspaceId, 'viewer');
  who.outsider = outsider;
  who.editorToken = await s.createToken(owner, workspaceId, 'editor');
  who.viewerToken = await s.createToken(owner, workspaceId, 'viewer');
  who.foreignToken = await s.createToken(outsider, elsewhere, 'editor');
  observer = s.client(owner, workspaceId, 'board');
  await observer.synced();
});
afterAll(() => s?.stop());

/**
 * Makes sure the server has handled everything `client` sent so far and fanned out anything it
 * accepted: frames of one socket are handled in order, so once the observer sees the client's
 * awareness, its earlier update was taken or dropped; a server edit made after that reaches the
 * observer only after any accepted update from before it.
 */
async function settle(client: SyncClient): Promise<void> {
  const n = ++barriers;
  client.provider.awareness.setLocalStateField('barrier', n);
  await waitFor(() => [...observer.provider.awareness.getStates().values()].some((state) => state.barrier === n), 'the awareness barrier');
  await s.running.sync.edit(key(), (doc) => doc.getMap('marks').set(`m${n}`, n));
  await waitFor(() => observer.doc.getMap('marks').has(`m${n}`), 'the marker edit');
}

describe('opening a sync connection', () => {
  const refused: [string, number, () => Credentials][] = [
    ['nobody', 401, () => ({})],
    ['a forged session cookie', 401, () => ({ cookie: 'troika_session=forged0000000000000000000000000000' })],
    ['an unknown API token', 401, () => ({ token: 'trk_not-a-real-token' })],
    ['an editor on a page of a foreign origin', 403, () => ({ ...who.editor, origin: 'https://evil.example' })],
    ['a signed-in person who is not a member', 404, () => who.outsider!],
    ["another workspace's API token", 404, () => who.foreignToken!],
  ];

  it.each(refused)('refuses %s with HTTP %i before sending any document data', async (_name, status, credentials) => {
    const result = await openRaw(s.syncUrl, `${workspaceId}/board`, credentials());
    expect(result.refused).toBe(true);
    if (!result.refused) return;
    expect(result.status).toBe(status);
    expect(result.body).not.toContain(SECRET);
  });

  it('refuses an unknown document name and an unknown workspace with 404, even to the owner', async () => {
    for (const path of [`${workspaceId}/secrets`, `${workspaceId}`, `nosuchworkspace/board`]) {
      const result = await openRaw(s.syncUrl, path, owner);
      expect(result).toMatchObject({ refused: true, status: 404 });
    }
  });

  it("accepts the app's own origin", async () => {
    const result = await openRaw(s.syncUrl, `${workspaceId}/board`, { ...who.editor, origin: s.running.url });
    expect(result.refused).toBe(false);
    if (!result.refused) result.socket.ws.close();
  });
});

describe('reading and writing', () => {
  const members: { name: string; role: string; writes: boolean }[] = [
    { name: 'the owner', role: 'owner', writes: true },
    { name: 'an editor', role: 'editor', writes: true },
    { name: 'an editor API token', role: 'editorToken', writes: true },
    { name: 'a viewer', role: 'viewer', writes: false },
    { name: 'a viewer API token', role: 'viewerToken', writes: false },
  ];

  it.each(members)('$name reads the document; its writes reach others and the database: $writes', async ({ name, role, writes }) => {
    const client = s.client(who[role]!, workspaceId, 'board');
    await client.synced();
    expect(client.doc.getMap('kpis').get('secret')).toBe(SECRET);

    const field = `written by ${name}`;
    const rowsBefore = await countUpdates(s.database, key());
    client.doc.getMap('kpis').set(field, name);
    client.doc.getText('notes').insert(0, `${name} was here. `);
    if (writes) {
      // Two transactions, two updates: wait until the observer has both.
      await waitFor(
        () => observer.doc.getMap('kpis').get(field) === name && observer.doc.getText('notes').toString().includes(`${name} was here.`),
        `${name}'s edits at the observer`,
      );
      // Sent to another client, so already in the database.
      const stored = await readStored(s.database, key());
      expect(stored.getMap('kpis').get(field)).toBe(name);
      expect(stored.getText('notes').toString()).toContain(`${name} was here.`);
    } else {
      await settle(client);
      expect(observer.doc.getMap('kpis').has(field)).toBe(false);
      expect(observer.doc.getText('notes').toString()).not.toContain(`${name} was here.`);
      expect(await s.running.sync.read(key(), (doc) => doc.getMap('kpis').has(field))).toBe(false);
      const stored = await readStored(s.database, key());
      expect(stored.getMap('kpis').has(field)).toBe(false);
      // Only the marker edit of settle() was appended.
      expect(await countUpdates(s.database, key())).toBe(rowsBefore + 1);
      // The viewer stays connected and keeps receiving others' edits.
      await s.running.sync.edit(key(), (doc) => doc.getMap('kpis').set('for the viewer', role));
      await waitFor(() => client.doc.getMap('kpis').get('for the viewer') === role, 'an edit reaching the viewer');
      expect(client.closes).toEqual([]);
    }
    client.destroy();
  });
});

describe('membership changes on open connections', () => {
  it('closes the socket of a removed member with 4401, and they cannot reconnect', async () => {
    const leaving = await s.addMember(owner, workspaceId, 'editor');
    const client = s.client(leaving, workspaceId, 'board');
    await client.synced();
    const res = await s.request('DELETE', `/api/workspaces/${workspaceId}/members/${leaving.id}`, owner);
    expect(res.status).toBe(204);
    await waitFor(() => client.closes.length > 0, 'the removed member closed');
    expect(client.closes[0]!.code).toBe(CLOSE_CODES.unauthorized);
    // 44xx is final for y-websocket: it stops reconnecting.
    expect(client.provider.shouldConnect).toBe(false);
    const again = await openRaw(s.syncUrl, `${workspaceId}/board`, leaving);
    expect(again).toMatchObject({ refused: true, status: 404 });
    client.destroy();
  });

  it('closes every connection of a member whose role changed with 4403, before PATCH answers', async () => {
    const demoted = await s.addMember(owner, workspaceId, 'editor');
    const board = s.client(demoted, workspaceId, 'board');
    const glossary = s.client(demoted, workspaceId, 'glossary');
    await Promise.all([board.synced(), glossary.synced()]);
    board.doc.getMap('kpis').set('before demotion', true);
    await waitFor(() => observer.doc.getMap('kpis').get('before demotion') === true, 'the edit before demotion');

    const started = Date.now();
    const res = await s.request('PATCH', `/api/workspaces/${workspaceId}/members/${demoted.id}`, owner, { role: 'viewer' });
    expect(res.status).toBe(200);
    await waitFor(() => board.closes.length > 0 && glossary.closes.length > 0, { timeoutMs: 2_000, what: 'both connections closed' });
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const client of [board, glossary]) {
      expect(client.closes[0]!.code).toBe(CLOSE_CODES.roleChanged);
      expect(client.closes[0]!.reason).toMatch(/role changed to viewer/);
    }
    // Back with the new rights: the same person reads, and what they write is refused out loud.
    const again = s.client(demoted, workspaceId, 'board');
    await again.synced();
    expect(again.doc.getMap('kpis').get('before demotion')).toBe(true);
    again.doc.getMap('kpis').set('after demotion', true);
    await waitFor(() => again.denials.length > 0, 'permission denied');
    await settle(again);
    expect(observer.doc.getMap('kpis').has('after demotion')).toBe(false);
    expect((await readStored(s.database, key())).getMap('kpis').has('after demotion')).toBe(false);
    for (const client of [board, glossary, again]) client.destroy();
  });

  it('an update sent the moment PATCH answers never lands with the old role', async () => {
    for (let round = 0; round < 3; round++) {
      const demoted = await s.addMember(owner, workspaceId, 'editor');
      const socket = await openAccepted(s.syncUrl, `${workspaceId}/board`, demoted);
      await waitFor(() => socket.received.length > 0, "the server's sync step 1");
      const sneaky = new Y.Doc();
      sneaky.getMap('kpis').set(`sneaky ${round}`, true);
      const res = await s.request('PATCH', `/api/workspaces/${workspaceId}/members/${demoted.id}`, owner, { role: 'viewer' });
      expect(res.status).toBe(200);
      if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(syncUpdate(Y.encodeStateAsUpdate(sneaky)));
      expect((await socket.closed).code).toBe(CLOSE_CODES.roleChanged);
      await settle(observer);
      expect(observer.doc.getMap('kpis').has(`sneaky ${round}`)).toBe(false);
      expect((await readStored(s.database, key())).getMap('kpis').has(`sneaky ${round}`)).toBe(false);
    }
  });

  it('a viewer made editor is closed with 4403 too, and writes once reconnected', async () => {
    const promoted = await s.addMember(owner, workspaceId, 'viewer');
    const client = s.client(promoted, workspaceId, 'board');
    await client.synced();
    await s.request('PATCH', `/api/workspaces/${workspaceId}/members/${promoted.id}`, owner, { role: 'editor' });
    await waitFor(() => client.closes.length > 0, { timeoutMs: 2_000, what: 'the connection closed' });
    expect(client.closes[0]!.code).toBe(CLOSE_CODES.roleChanged);
    const again = s.client(promoted, workspaceId, 'board');
    await again.synced();
    again.doc.getMap('kpis').set('promoted', true);
    await waitFor(() => observer.doc.getMap('kpis').get('promoted') === true, 'the promoted member’s edit');
    client.destroy();
    again.destroy();
  });

  it('keeps the connections of a member whose seat alone changed', async () => {
    const member = await s.addMember(owner, workspaceId, 'editor', 'it');
    const client = s.client(member, workspaceId, 'board');
    await client.synced();
    const res = await s.request('PATCH', `/api/workspaces/${workspaceId}/members/${member.id}`, owner, { seat: 'marketing' });
    expect(res.status).toBe(200);
    client.doc.getMap('kpis').set('after the seat change', true);
    await waitFor(() => observer.doc.getMap('kpis').get('after the seat change') === true, 'an edit after the seat change');
    expect(client.closes).toEqual([]);
    client.destroy();
  });
});
