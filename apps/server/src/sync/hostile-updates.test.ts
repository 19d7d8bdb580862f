import { CLOSE_CODES } from '@troika/model';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE, SYNC } from './protocol';
import { SharedDoc } from './shared-doc';
import { countUpdates, openAccepted, readStored, startSyncServer, waitFor, type Person, type RawSocket, type SyncClient, type SyncServer } from '../test/sync-harness';

// Updates that decode and would apply, but that an honest client never sends: types nested far
// deeper than any documented shape (issue 11.2: a 5,000-deep chain, then a delete of its top,
// overflowed the server's stack and closed every client of the document with 4503), and updates
// whose history is missing (issue 11.3: held in memory as "pending", served to new clients, never
// stored, and not counted against the size limit). Each is refused before it touches the document,
// and only its sender hears of it.

let s: SyncServer;
let owner: Person;
let editor: Person;
let workspaceId: string;
let a: SyncClient;
let b: SyncClient;
const board = () => ({ workspaceId, doc: 'board' });

beforeAll(async () => {
  s = await startSyncServer();
  owner = await s.signUp();
  workspaceId = await s.createWorkspace(owner);
  editor = await s.addMember(owner, workspaceId, 'editor');
  a = s.client(owner, workspaceId, 'board');
  b = s.client(editor, workspaceId, 'board');
  await Promise.all([a.synced(), b.synced()]);
  a.doc.getText('notes').insert(0, 'Agreed: one glossary.');
  await waitFor(() => b.doc.getText('notes').length > 0, 'the first edit');
});
afterAll(() => s?.stop());

const syncUpdate = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  encoding.writeVarUint(e, SYNC.update);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

async function attacker(): Promise<RawSocket> {
  const socket = await openAccepted(s.syncUrl, `${workspaceId}/board`, editor);
  await waitFor(() => socket.received.length > 0, "the server's sync step 1");
  return socket;
}

function closeOf(socket: RawSocket) {
  return Promise.race([socket.closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket not closed')), 10_000))]);
}

/** The honest clients are still connected and syncing, the log grew by their one edit only, /healthz answers. */
async function expectUnharmed(rowsBefore: number, tag: string): Promise<void> {
  const health = await fetch(`${s.httpUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
  expect(health.status).toBe(200);
  a.doc.getMap('checks').set(tag, true);
  await waitFor(() => b.doc.getMap('checks').get(tag) === true, `${tag} reaching the other client`);
  expect(await countUpdates(s.database, board())).toBe(rowsBefore + 1);
  expect([...a.closes, ...b.closes]).toEqual([]);
}

/** How many maps nest under a root map (the root itself not counted). */
function depthOf(map: Y.Map<unknown>): number {
  let deepest = 0;
  for (const value of map.values()) if (value instanceof Y.Map) deepest = Math.max(deepest, depthOf(value as Y.Map<unknown>) + 1);
  return deepest;
}

describe('types nested deeper than any documented shape', () => {
  it('a 5,000-deep chain in one update is refused with 4400 to its sender only, and nothing of it is kept', async () => {
    const rows = await countUpdates(s.database, board());
    const chain = new Y.Doc();
    chain.transact(() => {
      let inner = chain.getMap('chain');
      for (let i = 0; i < 5000; i++) {
        const next = new Y.Map<unknown>();
        inner.set('n', next);
        inner = next;
      }
    });
    const socket = await attacker();
    socket.ws.send(syncUpdate(Y.encodeStateAsUpdate(chain)));
    const closed = await closeOf(socket);
    expect(closed.code).toBe(CLOSE_CODES.malformed);
    expect(closed.reason).toMatch(/nested deeper than 32/);
    await expectUnharmed(rows, 'after the deep chain');
    expect(await s.running.sync.read(board(), (doc) => doc.getMap('chain').size)).toBe(0);
  });

  it('a chain grown one level per update stops at 32 levels: the deeper one is refused, the rest is kept and deletable', async () => {
    const grower = s.client(editor, workspaceId, 'board');
    await grower.synced();
    let inner = grower.doc.getMap('tower');
    let level = 0;
    while (grower.closes.length === 0 && level < 40) {
      const next = new Y.Map<unknown>();
      inner.set('up', next);
      inner = next;
      level++;
      const sent = level;
      await waitFor(() => grower.closes.length > 0 || depthOf(a.doc.getMap('tower')) === sent, `level ${sent} taken or refused`);
    }
    expect(grower.closes[0]?.code).toBe(CLOSE_CODES.malformed);
    expect(level).toBe(33);
    expect(depthOf(a.doc.getMap('tower'))).toBe(32);
    expect(depthOf((await readStored(s.database, board())).getMap('tower'))).toBe(32);
    grower.destroy();
    // Deleting the top of what was kept harms nobody (the 7-byte delete of the original finding).
    const rows = await countUpdates(s.database, board());
    b.doc.getMap('tower').delete('up');
    await waitFor(() => a.doc.getMap('tower').size === 0, 'the delete at the other client');
    expect(await countUpdates(s.database, board())).toBe(rows + 1);
    expect([...a.closes, ...b.closes]).toEqual([]);
  });
});

describe('updates whose history is missing', () => {
  it('an update starting at clock 10 of a client the server never saw is refused (1013), never served, never stored', async () => {
    const rows = await countUpdates(s.database, board());
    const ghost = new Y.Doc();
    const text = ghost.getText('ghost');
    for (let i = 0; i < 10; i++) text.insert(text.length, 'x');
    const sv = Y.encodeStateVector(ghost);
    text.insert(text.length, 'held in memory, never stored '.repeat(100));
    const ahead = Y.encodeStateAsUpdate(ghost, sv);
    expect(Y.decodeUpdate(ahead).structs[0]!.id.clock).toBe(10);

    const socket = await attacker();
    socket.ws.send(syncUpdate(ahead));
    const closed = await closeOf(socket);
    expect(closed.code).toBe(CLOSE_CODES.tryAgainLater);
    expect(closed.reason).toMatch(/missing history/);
    await expectUnharmed(rows, 'after the update from clock 10');

    // Neither in memory (pending) nor sent to a new client.
    expect(await s.running.sync.read(board(), (doc) => doc.store.pendingStructs)).toBeNull();
    const fresh = s.client(owner, workspaceId, 'board');
    await fresh.synced();
    expect(fresh.doc.getText('ghost').length).toBe(0);
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).has(ghost.clientID)).toBe(false);
    fresh.destroy();
  });

  it('a delete of items the server never saw is refused the same way', async () => {
    const rows = await countUpdates(s.database, board());
    const ghost = new Y.Doc();
    ghost.getText('ghost').insert(0, 'hello');
    const sv = Y.encodeStateVector(ghost);
    ghost.getText('ghost').delete(0, 3);
    const socket = await attacker();
    socket.ws.send(syncUpdate(Y.encodeStateAsUpdate(ghost, sv)));
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.tryAgainLater);
    await expectUnharmed(rows, 'after the unknown delete');
    expect(await s.running.sync.read(board(), (doc) => doc.store.pendingDs)).toBeNull();
  });

  it('an honest client refused that way sends the whole history on reconnect, and it is kept', async () => {
    // An edit made on a replica that had seen an update this server lacks (as after a lost message
    // from another instance): the client still holds that update and sends it with the reconnect.
    const unseen = new Y.Doc();
    unseen.getText('relay').insert(0, 'from elsewhere');
    const client = s.client(owner, workspaceId, 'board');
    await client.synced();
    // Applied as if the server had sent it, so the provider does not send it on.
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(unseen), client.provider);
    client.doc.getText('relay').insert('from elsewhere'.length, ', built on');
    await waitFor(() => a.doc.getText('relay').toString() === 'from elsewhere, built on', 'both at the other client');
    expect(client.closes.map((c) => c.code)).toEqual([CLOSE_CODES.tryAgainLater]);
    expect((await readStored(s.database, board())).getText('relay').toString()).toBe('from elsewhere, built on');
    client.destroy();
  });
});

describe('an update that fails half-way despite the checks', () => {
  it('rebuilds the document from the log: its sender is closed, nobody else, and nothing of it remains', async () => {
    const rows = await countUpdates(s.database, board());
    const apply = SharedDoc.prototype.applyAndCapture;
    const isJunk = (update: Uint8Array) => Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.Item && (struct.parent as unknown) === 'junk');
    // A yjs failure we cannot yet provoke: half of the update lands in memory, then apply throws.
    const spy = vi.spyOn(SharedDoc.prototype, 'applyAndCapture').mockImplementation(function (this: SharedDoc, update, origin) {
      if (!isJunk(update)) return apply.call(this, update, origin);
      Y.applyUpdate(this.ydoc, update, origin);
      throw new Error('failed half-way');
    });
    try {
      const junk = new Y.Doc();
      junk.getMap('junk').set('left in memory', true);
      const socket = await attacker();
      socket.ws.send(syncUpdate(Y.encodeStateAsUpdate(junk)));
      expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformed);
      await expectUnharmed(rows, 'after the half-applied update');
      expect(await s.running.sync.read(board(), (doc) => doc.getMap('junk').size)).toBe(0);
      const fresh = s.client(owner, workspaceId, 'board');
      await fresh.synced();
      expect(fresh.doc.getMap('junk').size).toBe(0);
      expect(fresh.doc.getText('notes').toString()).toBe(a.doc.getText('notes').toString());
      fresh.destroy();
    } finally {
      spy.mockRestore();
    }
  });
});
