import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docUpdates, users, workspaces } from './schema/index';
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
});
