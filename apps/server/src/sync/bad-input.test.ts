import { createTestDatabase } from '@troika/db/test-database';
import { CLOSE_CODES } from '@troika/model';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE, SYNC } from './protocol';
import {
  countUpdates,
  metricValue,
  openAccepted,
  readStored,
  sleep,
  startSyncServer,
  waitFor,
  type Person,
  type RawSocket,
  type SyncClient,
  type SyncServer,
} from '../test/sync-harness';

// Hostile or broken clients: each bad frame closes only its own socket with a reason; the server
// keeps answering, the other clients of the document keep syncing, and nothing is stored.

const MAX_MESSAGE = 16 * 1024;
const MAX_DOC = 64 * 1024;

let s: SyncServer;
let owner: Person;
let editor: Person;
let workspaceId: string;
let a: SyncClient;
let b: SyncClient;
const board = () => ({ workspaceId, doc: 'board' });

beforeAll(async () => {
  s = await startSyncServer({ env: { SYNC_MAX_MESSAGE_BYTES: String(MAX_MESSAGE), SYNC_MAX_DOC_BYTES: String(MAX_DOC) } });
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

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.sync);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });
const awarenessFrame = (payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, payload);
  });

// A nested item whose parent id points past the end of its own client's structs: Y.decodeUpdate
// reads it, Y.applyUpdate throws half-way through (after integrating the items before it).
const broken = Buffer.from(
  '01069cbaca04002801016d0161017d01040101740b68656c6c6f20776f726c6408010161037d01770178760101797d022701016d037375620127009cbaca043401710204009cbaca0410027a7a00',
  'hex',
);

/** A raw editor socket on the board whose document is loaded (the server's sync step 1 arrived). */
async function victim(): Promise<RawSocket> {
  const socket = await openAccepted(s.syncUrl, `${workspaceId}/board`, editor);
  await waitFor(() => socket.received.length > 0, "the server's sync step 1");
  return socket;
}

async function closeOf(socket: RawSocket) {
  return Promise.race([socket.closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket not closed')), 10_000))]);
}

/**
 * The server answers /healthz, a's next edit reaches b (so the document is still served), and the
 * log grew by that one edit only: had the bad input been stored, its row would have been appended first.
 */
async function expectUnharmed(rowsBefore: number, tag: string): Promise<void> {
  const health = await fetch(`${s.httpUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
  expect(health.status).toBe(200);
  await Promise.all([a.synced(), b.synced()]);
  a.doc.getMap('checks').set(tag, true);
  await waitFor(() => b.doc.getMap('checks').get(tag) === true, `${tag} reaching the other client`);
  expect(await countUpdates(s.database, board())).toBe(rowsBefore + 1);
  const stored = await readStored(s.database, board());
  expect(stored.getText('notes').toString()).toBe(b.doc.getText('notes').toString());
  expect(stored.getMap('checks').toJSON()).toEqual(b.doc.getMap('checks').toJSON());
}

describe('malformed frames', () => {
  const cases: [string, Uint8Array][] = [
    ['an empty frame', new Uint8Array()],
    ['an unknown message type', Uint8Array.of(9)],
    ['an unknown sync message', Uint8Array.of(MESSAGE.sync, 7, 0)],
    ['a truncated frame', Uint8Array.of(MESSAGE.sync)],
    ['a payload shorter than its length', Uint8Array.of(MESSAGE.sync, SYNC.update, 5, 1)],
    ['trailing bytes after a message', Uint8Array.of(MESSAGE.sync, SYNC.step1, 1, 0, 0xff)],
    ['a state vector that does not decode', syncFrame(SYNC.step1, Uint8Array.of(0xff, 0xff, 0xff))],
    ['an update that does not decode', syncFrame(SYNC.update, Uint8Array.of(0xff, 0xff, 0xff))],
    ['an awareness update that does not decode', awarenessFrame(Uint8Array.of(1, 0xff))],
  ];

  it.each(cases)('closes the sender of %s with 4400 and harms nobody else', async (name, bytes) => {
    const rows = await countUpdates(s.database, board());
    const socket = await victim();
    socket.ws.send(bytes);
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformed);
    await expectUnharmed(rows, name);
    expect([...a.closes, ...b.closes]).toEqual([]);
  });

  it('closes the sender of a text frame with 4400', async () => {
    const rows = await countUpdates(s.database, board());
    const socket = await victim();
    socket.ws.send('{"type":"update"}');
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformed);
    await expectUnharmed(rows, 'text frame');
  });

  it('closes the sender of a frame over SYNC_MAX_MESSAGE_BYTES with 1009, even a valid update', async () => {
    const rows = await countUpdates(s.database, board());
    const big = new Y.Doc();
    big.getText('notes').insert(0, 'x'.repeat(MAX_MESSAGE + 1000));
    const socket = await victim();
    socket.ws.send(syncFrame(SYNC.update, Y.encodeStateAsUpdate(big)));
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.messageTooBig);
    await expectUnharmed(rows, 'oversized frame');
    expect(b.doc.getText('notes').toString()).not.toContain('xxxx');
  });
});

describe('updates that decode but do not apply', () => {
  it('is really such an update', () => {
    expect(() => Y.decodeUpdate(broken)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow();
  });

  it('closes the sender with 4400 before it touches the document: stores nothing, and nobody else is disconnected', async () => {
    const rows = await countUpdates(s.database, board());
    const before = b.doc.getText('notes').toString();
    const socket = await victim();
    socket.ws.send(syncFrame(SYNC.update, broken));
    expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformed);
    await expectUnharmed(rows, 'update that fails to apply');
    // Refused before it was applied: the document was never reloaded, so nobody else was closed (4503 before).
    expect([...a.closes, ...b.closes]).toEqual([]);
    const fresh = s.client(owner, workspaceId, 'board');
    await fresh.synced();
    expect(fresh.doc.getText('notes').toString()).toBe(before);
    // Nothing of the broken update: its map `m` and text `t` never reached anyone.
    for (const doc of [fresh.doc, b.doc, await readStored(s.database, board())]) {
      expect(doc.getMap('m').size).toBe(0);
      expect(doc.getText('t').length).toBe(0);
    }
    fresh.destroy();
  });
});

describe('yjs #687 (a buffer that makes Y.mergeUpdates loop forever)', () => {
  const poison = Buffer.from('00010000000001000100010200001602000001fdffffffff7f0000', 'hex');

  it('as a sync update: the server stays up and stores nothing', async () => {
    const rows = await countUpdates(s.database, board());
    const socket = await victim();
    socket.ws.send(syncFrame(SYNC.update, poison));
    // The socket is still served: its next sync step 1 is answered with a step 2.
    const seen = socket.received.length;
    socket.ws.send(syncFrame(SYNC.step1, Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => socket.received.slice(seen).some((m) => m[0] === MESSAGE.sync && m[1] === SYNC.step2), 'a sync step 2');
    await expectUnharmed(rows, '#687 as an update');
    socket.ws.close();
  });

  it('as an awareness update: the server stays up and stores nothing', async () => {
    const rows = await countUpdates(s.database, board());
    const socket = await victim();
    socket.ws.send(awarenessFrame(poison));
    await expectUnharmed(rows, '#687 as awareness');
    // Whatever the server made of it, the sender's socket is either still open or closed as malformed.
    if (socket.ws.readyState !== socket.ws.OPEN) expect((await closeOf(socket)).code).toBe(CLOSE_CODES.malformed);
    socket.ws.close();
  });
});

describe('document size limit', () => {
  it('closes a client whose update would take the document over SYNC_MAX_DOC_BYTES with 4414 and stores none of that update', async () => {
    const meetings = { workspaceId, doc: 'meetings' };
    const writer = s.client(editor, workspaceId, 'meetings');
    const reader = s.client(owner, workspaceId, 'meetings');
    await Promise.all([writer.synced(), reader.synced()]);
    const text = writer.doc.getText('minutes');
    const chunk = 12 * 1024;
    for (let i = 0; i < 10 && writer.closes.length === 0; i++) {
      text.insert(text.length, String(i).repeat(chunk));
      await waitFor(() => writer.closes.length > 0 || reader.doc.getText('minutes').length === text.length, 'the chunk accepted or refused');
    }
    expect(writer.closes[0]?.code).toBe(CLOSE_CODES.documentTooBig);
    expect(writer.provider.shouldConnect).toBe(false);

    const accepted = reader.doc.getText('minutes').toString();
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(text.length);
    const stored = await readStored(s.database, meetings);
    expect(stored.getText('minutes').toString()).toBe(accepted);
    expect(Y.encodeStateAsUpdate(stored).length).toBeLessThanOrEqual(MAX_DOC);

    // Small edits still fit, and the board next door never noticed.
    const other = s.client(owner, workspaceId, 'meetings');
    await other.synced();
    other.doc.getMap('agenda').set('next', 'review the size limit');
    await waitFor(() => reader.doc.getMap('agenda').get('next') === 'review the size limit', 'a small edit after the limit');
    await expectUnharmed(await countUpdates(s.database, board()), 'after the size limit');
  });
});

describe('an unappliable update while a good one is still being committed', () => {
  it('the reloaded document waits for that commit: the good update is not left out of memory', async () => {
    // Appends take 300 ms longer while `slow` is set; loads are not slowed.
    let slow = false;
    const database = await createTestDatabase();
    const server = await startSyncServer({
      database: {
        ...database,
        appendDocUpdates: async (entries) => {
          if (slow) await sleep(300);
          return database.appendDocUpdates(entries);
        },
      },
    });
    try {
      const person = await server.signUp();
      const ws = await server.createWorkspace(person);
      const open = async () => {
        const socket = await openAccepted(server.syncUrl, `${ws}/board`, person);
        await waitFor(() => socket.received.length > 0, "the server's sync step 1");
        return socket;
      };
      // A raw socket stands for a client that is gone once closed (it will not resend its edit).
      const [good, bad] = [await open(), await open()];
      const edit = new Y.Doc();
      edit.getMap('kpis').set('good', 'kept');
      slow = true;
      good.ws.send(syncFrame(SYNC.update, Y.encodeStateAsUpdate(edit)));
      // Taken (applied, its commit under way) before the bad one arrives.
      await waitFor(async () => metricValue(await server.running.sync.metricsText(), 'troika_sync_updates_in_total{source="client"}') > 0, 'the good edit taken');
      bad.ws.send(syncFrame(SYNC.update, broken));
      expect((await closeOf(bad)).code).toBe(CLOSE_CODES.malformed);
      // Someone opens the document right away: it is loaded again from the log.
      const reader = server.client(person, ws, 'board');
      await waitFor(async () => (await readStored(database, { workspaceId: ws, doc: 'board' })).getMap('kpis').has('good'), 'the good edit stored');
      slow = false;
      await waitFor(() => reader.doc.getMap('kpis').get('good') === 'kept', { timeoutMs: 5_000, what: 'the stored edit at a new reader' });
    } finally {
      slow = false;
      await server.stop();
      await database.close();
    }
  });
});

describe('a log that cannot keep up', () => {
  it('refuses updates past SYNC_MAX_PENDING_BYTES with 1013, and the client sends them again once it reconnects: nothing is lost', async () => {
    let slow = false;
    const database = await createTestDatabase();
    const server = await startSyncServer({
      env: { SYNC_MAX_PENDING_BYTES: '1024' },
      database: {
        ...database,
        appendDocUpdates: async (entries) => {
          if (slow) await sleep(400);
          return database.appendDocUpdates(entries);
        },
      },
    });
    try {
      const person = await server.signUp();
      const ws = await server.createWorkspace(person);
      const writer = server.client(person, ws, 'board');
      await writer.synced();
      slow = true;
      const notes = writer.doc.getText('notes');
      notes.insert(0, 'a'.repeat(800)); // taken; its commit takes 400 ms
      notes.insert(800, 'b'.repeat(800)); // 1,600 bytes would be pending: refused
      await waitFor(() => writer.closes.some((c) => c.code === CLOSE_CODES.tryAgainLater), 'the busy close');
      slow = false;
      const reader = server.client(person, ws, 'board');
      await waitFor(() => reader.doc.getText('notes').length === 1600, { timeoutMs: 10_000, what: 'both edits at a new reader' });
      const stored = await readStored(database, { workspaceId: ws, doc: 'board' });
      expect(stored.getText('notes').toString()).toBe('a'.repeat(800) + 'b'.repeat(800));
    } finally {
      slow = false;
      await server.stop();
      await database.close();
    }
  });
});
