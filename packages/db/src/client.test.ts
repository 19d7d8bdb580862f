import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPACTED_ROWS_PER_STEP } from './doc-snapshot';
import { docSnapshots, docUpdates, users, workspaces } from './schema/index';
import { createTestDatabase } from './test-database';

describe('database', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('applies the migrations and answers a ping', async () => {
    await handle.ping();
    await handle.migrate(); // a second run is a no-op
  });

  it('round-trips binary document updates byte for byte', async () => {
    await handle.db.insert(users).values({ id: 'u1', email: 'a@example.com', name: 'A', passwordHash: 'x' });
    await handle.db.insert(workspaces).values({ id: 'w1', name: 'W', createdBy: 'u1' });
    const bytes = new Uint8Array([0, 1, 2, 255, 128, 7]);
    await handle.db.insert(docUpdates).values({ workspaceId: 'w1', doc: 'board', seq: 1, bytes, userId: 'u1' });
    const [row] = await handle.db.select().from(docUpdates).where(eq(docUpdates.workspaceId, 'w1'));
    expect(Array.from(row!.bytes)).toEqual(Array.from(bytes));
    expect(row!.seq).toBe(1);
  });

  it('rejects a second user with the same email', async () => {
    await expect(
      handle.db.insert(users).values({ id: 'u2', email: 'a@example.com', name: 'B', passwordHash: 'x' }),
    ).rejects.toThrow();
  });

  it('appends updates of several documents in one call, numbering each document 1, 2, 3... and keeping every byte and name', async () => {
    // Quotes, backslashes and dollar signs in names must arrive as written (PGlite gets them as literals).
    const odd = `w'2\\x$$'; drop table doc_updates; --`;
    await handle.db.insert(workspaces).values({ id: odd, name: 'Odd', createdBy: 'u1' });
    const allBytes = new Uint8Array(256).map((_, i) => i);
    const entries = [
      { workspaceId: 'w1', doc: 'glossary', bytes: allBytes, userId: "o'brien" },
      { workspaceId: odd, doc: 'glossary', bytes: new Uint8Array([]), userId: null },
      { workspaceId: 'w1', doc: 'glossary', bytes: new Uint8Array([92, 120]), userId: 'ü🙂' },
    ];
    expect(await handle.appendDocUpdates(entries)).toEqual([1, 1, 2]);
    expect(await handle.appendDocUpdates(entries.slice(0, 1))).toEqual([3]);
    const rows = await handle.db.select().from(docUpdates).where(eq(docUpdates.doc, 'glossary'));
    const plain = rows
      .map((r) => ({ workspaceId: r.workspaceId, seq: r.seq, bytes: [...r.bytes], userId: r.userId }))
      .sort((a, b) => Number(a.workspaceId !== 'w1') - Number(b.workspaceId !== 'w1') || a.seq - b.seq);
    expect(plain).toEqual([
      { workspaceId: 'w1', seq: 1, bytes: [...allBytes], userId: "o'brien" },
      { workspaceId: 'w1', seq: 2, bytes: [92, 120], userId: 'ü🙂' },
      { workspaceId: 'w1', seq: 3, bytes: [...allBytes], userId: "o'brien" },
      { workspaceId: odd, seq: 1, bytes: [], userId: null },
    ]);
  });

  it('appends nothing of a batch that names a workspace that does not exist', async () => {
    const before = await handle.db.select().from(docUpdates);
    await expect(
      handle.appendDocUpdates([
        { workspaceId: 'w1', doc: 'journeys', bytes: new Uint8Array([1]), userId: null },
        { workspaceId: 'nope', doc: 'journeys', bytes: new Uint8Array([2]), userId: null },
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await handle.db.select().from(docUpdates)).toHaveLength(before.length);
  });

  it('rolls a failed transaction back, and reports the database error code to the caller', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(users).values({ id: 'u3', email: 'c@example.com', name: 'C', passwordHash: 'x' });
        await tx.insert(users).values({ id: 'u4', email: 'c@example.com', name: 'D', passwordHash: 'x' });
      }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await handle.db.select().from(users).where(eq(users.id, 'u3'))).toEqual([]);
  });

  it('lets a statement from outside wait while a transaction is open, never run inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const transaction = handle.db.transaction(async (tx) => {
      await tx.insert(users).values({ id: 'u5', email: 'e@example.com', name: 'E', passwordHash: 'x' });
      await held;
      tx.rollback();
    });
    const outside = handle.db.select().from(users).where(eq(users.id, 'u5'));
    setTimeout(release, 50);
    await expect(transaction).rejects.toThrow();
    // PostgreSQL runs it on another connection and PGlite after the rollback: neither sees u5.
    expect(await outside).toEqual([]);
  });

  it('writes a snapshot byte for byte, never backwards, and drops the rows it covers a step at a time', async () => {
    const odd = `w'snap\\$1$2; --`;
    await handle.db.insert(workspaces).values({ id: odd, name: 'Snap', createdBy: 'u1' });
    const entries = Array.from({ length: 520 }, () => ({ workspaceId: odd, doc: 'board', bytes: new Uint8Array([1]), userId: null }));
    const seqs = await handle.appendDocUpdates(entries);
    const last = seqs.at(-1)!;
    const rows = async () => (await handle.db.select({ seq: docUpdates.seq }).from(docUpdates).where(eq(docUpdates.workspaceId, odd))).length;
    const stored = async () => (await handle.db.select().from(docSnapshots).where(eq(docSnapshots.workspaceId, odd)))[0];

    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    expect(await handle.writeSnapshot({ workspaceId: odd, doc: 'board', seq: last - 5, bytes }, 500)).toBe(500);
    expect(await rows()).toBe(20);
    expect((await stored())!.seq).toBe(last - 5);
    expect(Buffer.from((await stored())!.bytes).equals(Buffer.from(bytes))).toBe(true);
    // Stored uncompressed (migration 0004), though these bytes would compress to almost nothing: the
    // write that appends wait behind stays short.
    const [row] = await handle.db
      .select({ size: sql<number>`pg_column_size(${docSnapshots.bytes})`.mapWith(Number) })
      .from(docSnapshots)
      .where(eq(docSnapshots.workspaceId, odd));
    expect(row!.size).toBeGreaterThanOrEqual(bytes.length);

    // An older snapshot (another instance's, late) leaves the newer one in place (and drops the rows both cover).
    expect(await handle.writeSnapshot({ workspaceId: odd, doc: 'board', seq: last - 10, bytes: new Uint8Array([9]) }, 500)).toBe(10);
    expect((await stored())!.seq).toBe(last - 5);
    expect((await stored())!.bytes.length).toBe(bytes.length);

    expect(await handle.deleteCompacted({ workspaceId: odd, doc: 'board' }, last - 5, 3)).toBe(3);
    expect(await handle.deleteCompacted({ workspaceId: odd, doc: 'board' }, last - 5)).toBe(2);
    expect(await handle.deleteCompacted({ workspaceId: odd, doc: 'board' }, last - 5)).toBe(0);
    // Without rows to drop, only the snapshot is written.
    expect(await handle.writeSnapshot({ workspaceId: odd, doc: 'board', seq: last, bytes })).toBe(0);
    expect((await stored())!.seq).toBe(last);
    expect(await rows()).toBe(5);
    expect(COMPACTED_ROWS_PER_STEP).toBeGreaterThan(0);
    expect(await rows()).toBe(5);
  });
});

