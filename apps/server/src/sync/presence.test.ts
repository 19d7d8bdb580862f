import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE } from './protocol';
import { AWARENESS_RATE, RateBucket, encodeAwarenessEntries, readAwarenessEntries, stampState } from './presence';
import { openAccepted, sleep, startSyncServer, waitFor, type Person, type RawSocket, type SyncClient, type SyncServer } from '../test/sync-harness';

// Presence speaks for its connection (issue 11.4: a viewer re-announced another member's awareness
// id and announced states in others' names; 7 MiB states reached every screen). The server stamps
// who a state is from, takes from a connection only the ids it introduced, refuses states over
// 8 KiB, and rate-limits each connection.

describe('the pure parts', () => {
  it('stamps id, name and seat over whatever the client claimed, keeping the rest', () => {
    const stamped = JSON.parse(stampState(JSON.stringify({ user: { id: 'ceo', name: 'The CEO', seat: 'cio', color: '#f00' }, view: 'board' }), { id: 'u1', name: 'Vera', seat: 'business' }));
    expect(stamped).toEqual({ user: { id: 'u1', name: 'Vera', seat: 'business', color: '#f00' }, view: 'board' });
    expect(JSON.parse(stampState('{}', { id: 'token:t', name: 'bot', seat: null }))).toEqual({ user: { id: 'token:t', name: 'bot', seat: null } });
    expect(stampState('null', { id: 'u1', name: 'Vera', seat: null })).toBe('null');
    expect(() => stampState('[1]', { id: 'u1', name: 'Vera', seat: null })).toThrow();
  });

  it('reads and writes awareness updates as y-protocols does', () => {
    const entries = [{ clientId: 7, clock: 3, json: '{"a":1}' }, { clientId: 9, clock: 1, json: 'null' }];
    expect(readAwarenessEntries(encodeAwarenessEntries(entries))).toEqual(entries);
    expect(() => readAwarenessEntries(Uint8Array.of(1, 0xff))).toThrow();
  });

  it('a rate bucket allows a burst, then its rate', () => {
    let now = 0;
    const bucket = new RateBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.wait()).toBe(100);
    now += 100;
    expect(bucket.take()).toBe(true);
  });
});

let s: SyncServer;
let owner: Person;
let viewer: Person;
let workspaceId: string;
let observer: SyncClient;

beforeAll(async () => {
  s = await startSyncServer();
  owner = await s.signUp('Olga Owner');
  workspaceId = await s.createWorkspace(owner);
  viewer = await s.addMember(owner, workspaceId, 'viewer', 'marketing');
  observer = s.client(owner, workspaceId, 'board');
  await observer.synced();
});
afterAll(() => s?.stop());

const awarenessFrame = (entries: { clientId: number; clock: number; json: string }[]) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.awareness);
  encoding.writeVarUint8Array(e, encodeAwarenessEntries(entries));
  return encoding.toUint8Array(e);
};
const stateAt = (clientId: number) => observer.provider.awareness.getStates().get(clientId) as { user?: Record<string, unknown>; [k: string]: unknown } | undefined;

async function rawViewer(): Promise<RawSocket> {
  const socket = await openAccepted(s.syncUrl, `${workspaceId}/board`, viewer);
  await waitFor(() => socket.received.length > 0, "the server's sync step 1");
  return socket;
}

describe('presence on a live document', () => {
  it("a state claiming to be someone else shows the sender's own name and seat", async () => {
    const forger = s.client(viewer, workspaceId, 'board');
    await forger.synced();
    forger.provider.awareness.setLocalState({ user: { id: owner.id, name: 'Olga Owner', seat: 'cio', color: '#123456' }, view: 'board' });
    const id = forger.doc.clientID;
    await waitFor(() => stateAt(id)?.view === 'board', 'the forged state at the observer');
    expect(stateAt(id)!.user).toEqual({ id: viewer.id, name: expect.stringMatching(/^Person/), seat: 'marketing', color: '#123456' });
    forger.destroy();
  });

  it("another connection cannot speak for an awareness id it did not introduce, even with a higher clock", async () => {
    const honest = s.client(owner, workspaceId, 'board');
    await honest.synced();
    honest.provider.awareness.setLocalStateField('view', 'glossary');
    const id = honest.doc.clientID;
    await waitFor(() => stateAt(id)?.view === 'glossary', "the honest member's state");
    const socket = await rawViewer();
    socket.ws.send(awarenessFrame([{ clientId: id, clock: 1_000, json: JSON.stringify({ user: { name: 'Olga Owner' }, view: 'hijacked' }) }]));
    socket.ws.send(awarenessFrame([{ clientId: id, clock: 1_001, json: 'null' }]));
    // Its own new id is fine (and stamped); sent after the forgeries, so once it shows they were handled.
    socket.ws.send(awarenessFrame([{ clientId: 424242, clock: 1, json: JSON.stringify({ view: 'mine' }) }]));
    await waitFor(() => stateAt(424242)?.view === 'mine', "the socket's own state");
    expect(stateAt(id)?.view).toBe('glossary');
    expect(stateAt(424242)!.user!.id).toBe(viewer.id);
    socket.ws.close();
    // Its states leave with it; the honest one stays.
    await waitFor(() => stateAt(424242) === undefined, 'the closed socket’s state removed');
    expect(stateAt(id)?.view).toBe('glossary');
    honest.destroy();
  });

  it('a state over 8 KiB is not passed on', async () => {
    const socket = await rawViewer();
    socket.ws.send(awarenessFrame([{ clientId: 515151, clock: 1, json: JSON.stringify({ blob: 'x'.repeat(9 * 1024) }) }]));
    socket.ws.send(awarenessFrame([{ clientId: 525252, clock: 1, json: JSON.stringify({ small: true }) }]));
    await waitFor(() => stateAt(525252)?.small === true, 'the small state');
    expect(stateAt(515151)).toBeUndefined();
    socket.ws.close();
  });

  it("a connection's awareness is rate-limited, and its latest state still arrives", async () => {
    const watcher = await openAccepted(s.syncUrl, `${workspaceId}/board`, owner);
    await waitFor(() => watcher.received.length > 0, "the server's sync step 1");
    const socket = await rawViewer();
    const seen = watcher.received.length;
    const started = performance.now();
    for (let clock = 1; clock <= 1_000; clock++) socket.ws.send(awarenessFrame([{ clientId: 616161, clock, json: JSON.stringify({ n: clock }) }]));
    await waitFor(() => stateAt(616161)?.n === 1_000, 'the last state');
    const seconds = (performance.now() - started) / 1000;
    await sleep(200);
    const relayed = watcher.received.slice(seen).filter((m) => m[0] === MESSAGE.awareness).length;
    expect(relayed).toBeLessThanOrEqual(AWARENESS_RATE.burst + Math.ceil(AWARENESS_RATE.perSecond * (seconds + 0.5)) + 2);
    expect(relayed).toBeLessThan(200);
    socket.ws.close();
    watcher.ws.close();
  });
});
