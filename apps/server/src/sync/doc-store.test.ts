import { docUpdates, users, workspaces } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocStore } from './doc-store';

describe('DocStore', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(users).values({ id: 'u', email: 'u@example.com', name: 'U', passwordHash: 'x' });
    await database.db.insert(workspaces).values([
      { id: 'w1', name: 'One' },
      { id: 'w2', name: 'Two' },
    ]);
  });
  afterAll(() => database.close());

  it('commits appends that arrive together in one batch, each document numbered 1, 2, 3... without gaps', async () => {
    const batches: number[] = [];
    const store = new DocStore(database, (n) => batches.push(n));
    const keys = [
      { workspaceId: 'w1', doc: 'board' },
      { workspaceId: 'w2', doc: 'board' },
      { workspaceId: 'w1', doc: 'glossary' },
    ];
    const appends = Array.from({ length: 60 }, (_, i) => store.append(keys[i % 3]!, new Uint8Array([i]), 'u'));
    const seqs = await Promise.all(appends);
    // The first append commits at once; the other 59 wait for it and go together.
    expect(batches).toEqual([1, 59]);
    for (let k = 0; k < 3; k++) expect(seqs.filter((_, i) => i % 3 === k)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const rows = await database.db.select().from(docUpdates).orderBy(asc(docUpdates.seq));
    expect(rows).toHaveLength(60);
  });

  it('never hands out a sequence number twice, even to two stores (two instances) appending at once', async () => {
    const a = new DocStore(database);
    const b = new DocStore(database);
    const key = { workspaceId: 'w2', doc: 'meetings' };
    const seqs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(key, new Uint8Array([i]), null)),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const state = await a.load(key);
    expect(state.seq).toBe(40);
    expect(state.updates.map((u) => u.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('loads the snapshot and only the rows after it, once compacted', async () => {
    const store = new DocStore(database);
    const key = { workspaceId: 'w1', doc: 'journeys' };
    for (let i = 0; i < 5; i++) await store.append(key, new Uint8Array([i]), null);
    await store.compact(key, 3, new Uint8Array([9, 9]));
    // PostgreSQL gives Buffers, PGlite Uint8Arrays: compare the bytes.
    const plain = (updates: { seq: number; bytes: Uint8Array }[]) => updates.map((u) => ({ seq: u.seq, bytes: [...u.bytes] }));
    const state = await store.load(key);
    expect(plain(state.updates)).toEqual([
      { seq: 3, bytes: [9, 9] },
      { seq: 4, bytes: [3] },
      { seq: 5, bytes: [4] },
    ]);
    expect(state.logRows).toBe(2);
    // An older compaction arriving late does not replace the newer snapshot.
    await store.compact(key, 2, new Uint8Array([1]));
    expect(plain((await store.load(key)).updates)[0]).toEqual({ seq: 3, bytes: [9, 9] });
  });
});
