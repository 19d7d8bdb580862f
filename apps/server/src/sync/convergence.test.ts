import { createTestDatabase } from '@troika/db/test-database';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import type { WebSocket } from 'ws';
import { MemoryBus, MemoryHub } from './bus';
import {
  canonicalJson,
  hasSnapshot,
  metricValue,
  randomEdit,
  readStored,
  seededRandom,
  sleep,
  startSyncServer,
  stateVectorOf,
  visibleState,
  waitFor,
  type Random,
  type SyncClient,
} from '../test/sync-harness';

// Clients edit the same document at random moments, go offline (editing meanwhile) and come back,
// lose their socket abruptly; at the end every replica, and what the database holds, must be equal.

const CLIENTS = 6;
const STEPS = 60;
const teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of teardown.splice(0).reverse()) await stop();
});

/** A fresh seed per run (or TEST_SEED to replay one), printed when the test fails. */
function seedFor(name: string): number {
  const seed = Number(process.env.TEST_SEED) || Date.now() % 1_000_000;
  onTestFailed(() => console.info(`${name}: replay with TEST_SEED=${seed}`));
  return seed;
}

/** One person's session: edits at random intervals, with offline spells and dropped sockets. */
async function drive(client: SyncClient, random: Random, name: string): Promise<void> {
  await client.synced();
  for (let step = 0; step < STEPS; step++) {
    await sleep(random.int(12));
    if (random.chance(0.06)) {
      // Offline: edits pile up locally and go out on reconnect (sync step 2 from the client).
      client.disconnect();
      for (let k = random.int(6); k > 0; k--) randomEdit(client.doc, random, `${name}.off${step}.${k}`);
      await sleep(20 + random.int(120));
      client.connect();
    } else if (random.chance(0.04)) {
      // The network drops the socket without a close frame; y-websocket reconnects by itself.
      (client.provider.ws as unknown as WebSocket | null)?.terminate();
    }
    randomEdit(client.doc, random, `${name}.${step}`);
  }
}

/** Waits until every client is online, synced and equal to the first one (a diff on failure). */
async function converged(clients: SyncClient[]): Promise<void> {
  for (const client of clients) await client.synced(20_000);
  const states = () => clients.map((c) => canonicalJson([visibleState(c.doc), stateVectorOf(c.doc)]));
  await waitFor(() => new Set(states()).size === 1, { timeoutMs: 20_000, what: 'all clients equal' }).catch(() => {});
  const [first, ...rest] = states();
  for (const state of rest) expect(JSON.parse(state)).toEqual(JSON.parse(first!));
}

describe('convergence', () => {
  it('six clients editing one document on one instance, with offline edits and dropped sockets, end equal to each other and to the database', async () => {
    const random = seededRandom(seedFor('convergence'));
    const server = await startSyncServer({ env: { SYNC_UNLOAD_AFTER_MS: '200', SYNC_COMPACT_AFTER: '150' } });
    teardown.push(server.stop);
    const owner = await server.signUp();
    const workspaceId = await server.createWorkspace(owner);
    const editors = [owner, ...(await Promise.all([1, 2].map(() => server.addMember(owner, workspaceId, 'editor'))))];
    const clients = Array.from({ length: CLIENTS }, (_, i) => server.client(editors[i % editors.length]!, workspaceId, 'board'));

    await Promise.all(clients.map((client, i) => drive(client, seededRandom(random.int(1e9)), `c${i}`)));
    await converged(clients);
    expect(Object.keys(clients[0]!.doc.getMap('kpis').toJSON()).length).toBeGreaterThan(0);

    const final = visibleState(clients[0]!.doc);
    const finalVector = stateVectorOf(clients[0]!.doc);
    for (const client of clients) client.destroy();
    await waitFor(() => server.running.sync.stats().docs === 0, { what: 'the document unloaded' });

    // More updates than SYNC_COMPACT_AFTER were written: what is stored is a snapshot plus a log tail.
    expect(await hasSnapshot(server.database, { workspaceId, doc: 'board' })).toBe(true);
    const stored = await readStored(server.database, { workspaceId, doc: 'board' });
    expect(visibleState(stored)).toEqual(final);
    expect(stateVectorOf(stored)).toEqual(finalVector);

    const newcomer = server.client(owner, workspaceId, 'board');
    await newcomer.synced();
    expect(visibleState(newcomer.doc)).toEqual(final);
    expect(stateVectorOf(newcomer.doc)).toEqual(finalVector);
  }, 120_000);

  it('clients on two instances sharing one database converge even when one instance loses a third of the bus messages', async () => {
    const random = seededRandom(seedFor('two-instance convergence'));
    const database = await createTestDatabase();
    teardown.push(() => database.close());
    const hub = new MemoryHub();
    const lossy = new MemoryBus(hub);
    lossy.dropRate = 0.35;
    const env = { SYNC_UNLOAD_AFTER_MS: '200', SYNC_COMPACT_AFTER: '150' };
    const a = await startSyncServer({ database, bus: new MemoryBus(hub), env });
    teardown.push(a.stop);
    const b = await startSyncServer({ database, bus: lossy, env });
    teardown.push(b.stop);
    const owner = await a.signUp();
    const workspaceId = await a.createWorkspace(owner);
    const editor = await a.addMember(owner, workspaceId, 'editor');
    const clients = Array.from({ length: CLIENTS }, (_, i) => (i % 2 === 0 ? a : b).client(i < 3 ? owner : editor, workspaceId, 'board'));

    await Promise.all(clients.map((client, i) => drive(client, seededRandom(random.int(1e9)), `c${i}`)));
    await converged(clients);

    // The lossy instance did read missed updates back from the database (the gap or the head poll).
    expect(metricValue(await b.running.sync.metricsText(), 'troika_sync_remote_updates_total{via="database"}')).toBeGreaterThan(0);

    const final = visibleState(clients[0]!.doc);
    const finalVector = stateVectorOf(clients[0]!.doc);
    for (const client of clients) client.destroy();
    await waitFor(() => a.running.sync.stats().docs === 0 && b.running.sync.stats().docs === 0, { what: 'documents unloaded' });

    const stored = await readStored(database, { workspaceId, doc: 'board' });
    expect(visibleState(stored)).toEqual(final);
    expect(stateVectorOf(stored)).toEqual(finalVector);
    for (const server of [a, b]) {
      const newcomer = server.client(owner, workspaceId, 'board');
      await newcomer.synced();
      expect(visibleState(newcomer.doc)).toEqual(final);
    }
  }, 120_000);
});
