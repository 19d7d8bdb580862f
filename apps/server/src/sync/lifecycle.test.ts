import { CLOSE_CODES } from '@troika/model';
import { docUpdates } from '@troika/db';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPACT_CEILING_FACTOR } from './compaction';
import {
  countUpdates,
  hasSnapshot,
  metricValue,
  openAccepted,
  readStored,
  startSyncServer,
  waitFor,
  type Person,
  type SyncServer,
} from '../test/sync-harness';

// A document's life on the server: loaded once however many join, compacted as its log grows,
// unloaded when the last one leaves; clients that cannot keep up are closed, not buffered forever;
// server-side edits take the same path as clients' edits.

let s: SyncServer;
let owner: Person;

beforeAll(async () => {
  s = await startSyncServer({
    env: { SYNC_UNLOAD_AFTER_MS: '150', SYNC_COMPACT_AFTER: '10', SYNC_MAX_BUFFERED_BYTES: String(64 * 1024) },
  });
  owner = await s.signUp();
});
afterAll(() => s?.stop());

/** A sample from GET /metrics, as Prometheus scrapes it. */
const metric = async (sample: string) => metricValue(await (await fetch(`${s.httpUrl}/metrics`)).text(), sample);
const loads = () => metric('troika_sync_load_ms_count');
const unloaded = () => waitFor(() => s.running.sync.stats().docs === 0, { what: 'every document unloaded' });

describe('loading and unloading', () => {
  it('loads a document once for twelve clients joining at once, and unloads it after the last one leaves', async () => {
    const workspaceId = await s.createWorkspace(owner);
    await s.running.sync.edit({ workspaceId, doc: 'journeys' }, (doc) => doc.getMap('journeys').set('j1', 'Onboarding'));
    await unloaded();

    const before = await loads();
    const clients = Array.from({ length: 12 }, () => s.client(owner, workspaceId, 'journeys'));
    await Promise.all(clients.map((c) => c.synced()));
    expect(await loads()).toBe(before + 1);
    expect(s.running.sync.stats()).toEqual({ docs: 1, connections: 12 });
    for (const client of clients) expect(client.doc.getMap('journeys').get('j1')).toBe('Onboarding');

    // The last edit before everyone leaves is kept: the document waits for its writes before unloading.
    clients[0]!.doc.getMap('journeys').set('j2', 'Renewal');
    for (const client of clients) client.destroy();
    await unloaded();
    expect(await metric('troika_sync_loaded_documents')).toBe(0);

    const back = s.client(owner, workspaceId, 'journeys');
    await back.synced();
    expect(await loads()).toBe(before + 2);
    expect(back.doc.getMap('journeys').toJSON()).toEqual({ j1: 'Onboarding', j2: 'Renewal' });
    back.destroy();
    await unloaded();
  });
});

describe('compaction', () => {
  it('merges the log into a snapshot, drops the merged rows, and loads the same document afterwards', async () => {
    const workspaceId = await s.createWorkspace(owner);
    const key = { workspaceId, doc: 'glossary' };
    const compactionsBefore = await metric('troika_sync_compactions_total');
    const writer = s.client(owner, workspaceId, 'glossary');
    const reader = s.client(owner, workspaceId, 'glossary');
    await Promise.all([writer.synced(), reader.synced()]);
    const terms = writer.doc.getMap('terms');
    for (let i = 0; i < 35; i++) {
      terms.set(`t${i}`, `term ${i}`);
      // One update per round trip, so each is its own row in the log.
      await waitFor(() => reader.doc.getMap('terms').has(`t${i}`), `term ${i} at the reader`);
    }
    await waitFor(() => hasSnapshot(s.database, key), 'a snapshot row');
    expect(await metric('troika_sync_compactions_total')).toBeGreaterThan(compactionsBefore);
    // The covered rows go in short steps once the document is quiet (sync/compaction.ts).
    await waitFor(async () => (await countUpdates(s.database, key)) < 35, 'the merged rows dropped');
    expect((await readStored(s.database, key)).getMap('terms').toJSON()).toEqual(terms.toJSON());

    writer.destroy();
    reader.destroy();
    await unloaded();
    const fresh = s.client(owner, workspaceId, 'glossary');
    await fresh.synced();
    expect(fresh.doc.getMap('terms').toJSON()).toEqual(terms.toJSON());
    expect(fresh.doc.getMap('terms').size).toBe(35);
    fresh.destroy();
    await unloaded();
  });

  it('leaves a document written without a pause alone until its log reaches the ceiling of rows, then compacts it', async () => {
    const workspaceId = await s.createWorkspace(owner);
    const key = { workspaceId, doc: 'glossary' };
    const writer = s.client(owner, workspaceId, 'glossary');
    const reader = s.client(owner, workspaceId, 'glossary');
    await Promise.all([writer.synced(), reader.synced()]);
    const terms = writer.doc.getMap('terms');
    // SYNC_COMPACT_AFTER is 10 here: due after 10 rows, compacted while writes go on only at 100.
    const ceiling = 10 * COMPACT_CEILING_FACTOR;
    let rowsAtSnapshot: number | null = null;
    for (let i = 0; i < ceiling + 60 && rowsAtSnapshot === null; i++) {
      terms.set(`t${i}`, `term ${i}`);
      // One row per round trip, the next sent at once: the document is never quiet for 1 s.
      await waitFor(() => reader.doc.getMap('terms').has(`t${i}`), `term ${i} at the reader`);
      if (i % 5 === 4 && (await hasSnapshot(s.database, key))) rowsAtSnapshot = i + 1;
    }
    expect(rowsAtSnapshot).not.toBeNull();
    expect(rowsAtSnapshot!).toBeGreaterThanOrEqual(ceiling);
    expect((await readStored(s.database, key)).getMap('terms').toJSON()).toEqual(terms.toJSON());
    writer.destroy();
    reader.destroy();
    await unloaded();
  });
});

describe('slow consumers', () => {
  it('closes a client that stops reading with 4429 once its send buffer passes SYNC_MAX_BUFFERED_BYTES; the others get everything', async () => {
    const workspaceId = await s.createWorkspace(owner);
    const slow = await openAccepted(s.syncUrl, `${workspaceId}/meetings`, owner);
    await waitFor(() => slow.received.length > 0, "the slow client's sync step 1");
    // Stop reading: the kernel's buffers fill, then the server's.
    ((slow.ws as unknown as { _socket: Socket })._socket).pause();

    const writer = s.client(owner, workspaceId, 'meetings');
    const reader = s.client(owner, workspaceId, 'meetings');
    await Promise.all([writer.synced(), reader.synced()]);
    const text = writer.doc.getText('minutes');
    const closed = () => metric(`troika_sync_closes_total{reason="${CLOSE_CODES.slowConsumer}"}`);
    const closedBefore = await closed();
    for (let i = 0; i < 60 && (await closed()) === closedBefore; i++) {
      text.insert(text.length, String(i % 10).repeat(1024 * 1024));
      await waitFor(() => reader.doc.getText('minutes').length === text.length, 'the chunk at the reader');
    }
    expect(await closed()).toBe(closedBefore + 1);

    ((slow.ws as unknown as { _socket: Socket })._socket).resume();
    expect((await slow.closed).code).toBe(CLOSE_CODES.slowConsumer);
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    text.insert(0, 'after: ');
    await waitFor(() => reader.doc.getText('minutes').toString() === text.toString(), 'the reader still in sync');
    writer.destroy();
    reader.destroy();
    await unloaded();
  }, 120_000);
});

describe('server-side edits', () => {
  it('reach open clients and are stored before edit() resolves, recorded as the given actor', async () => {
    const workspaceId = await s.createWorkspace(owner);
    const key = { workspaceId, doc: 'board' as const };
    const client = s.client(owner, workspaceId, 'board');
    await client.synced();
    await s.running.sync.edit(key, (doc) => doc.getMap('kpis').set('from-server', 42), owner.id);
    expect((await readStored(s.database, key)).getMap('kpis').get('from-server')).toBe(42);
    await waitFor(() => client.doc.getMap('kpis').get('from-server') === 42, 'the server edit at the client');
    const rows = await s.database.db
      .select({ userId: docUpdates.userId })
      .from(docUpdates)
      .where(and(eq(docUpdates.workspaceId, workspaceId), eq(docUpdates.doc, 'board')));
    expect(rows).toEqual([{ userId: owner.id }]);
    client.destroy();
    await unloaded();
  });

  it('work on a document nobody has open, which is unloaded again afterwards', async () => {
    const workspaceId = await s.createWorkspace(owner);
    const key = { workspaceId, doc: 'board' as const };
    await s.running.sync.edit(key, (doc) => doc.getMap('kpis').set('overnight import', true));
    expect((await readStored(s.database, key)).getMap('kpis').get('overnight import')).toBe(true);
    await unloaded();
    const client = s.client(owner, workspaceId, 'board');
    await client.synced();
    expect(client.doc.getMap('kpis').get('overnight import')).toBe(true);
    client.destroy();
    await unloaded();
  });
});
