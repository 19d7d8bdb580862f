import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteThread } from './pglite-thread-client';

// PGlite on its worker thread, through the interface drizzle uses (client.test.ts covers drizzle on top).
describe('PGliteThread', () => {
  let db: PGliteThread;
  beforeAll(async () => {
    db = await PGliteThread.open('memory://');
    await db.exec('create table notes (id int primary key, body text not null)');
  });
  afterAll(() => db.close());

  it('answers queries sent at once in the order they were sent', async () => {
    const inserts = Array.from({ length: 50 }, (_, i) => db.query('insert into notes values ($1, $2)', [i, `note ${i}`]));
    await Promise.all(inserts);
    const { rows } = await db.query<{ id: number }>('select id from notes order by id');
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps a database error\'s code and detail across the thread', async () => {
    await expect(db.query('insert into notes values (1, $1)', ['again'])).rejects.toMatchObject({
      code: '23505',
      detail: 'Key (id)=(1) already exists.',
    });
  });

  it('rolls back a transaction whose callback throws, and the next statements still run', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into notes values (100, $1)', ['in a transaction']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.query('select * from notes where id = 100')).rows).toEqual([]);
    await db.transaction(async (tx) => {
      await tx.query('insert into notes values (101, $1)', ['kept']);
    });
    expect((await db.query<{ body: string }>('select body from notes where id = 101')).rows).toEqual([{ body: 'kept' }]);
  });

  it('tells its listeners when the thread dies, and fails the calls in flight and after', async () => {
    const other = await PGliteThread.open('memory://');
    const lost: Error[] = [];
    other.onLost((error) => lost.push(error));
    const inFlight = other.query('select pg_sleep(0.5)');
    // What a crash of PGlite looks like from here: the thread is gone.
    await (other as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(inFlight).rejects.toThrow(/database thread exited/);
    await expect(other.query('select 1')).rejects.toThrow(/database thread exited/);
    expect(lost).toHaveLength(1);
  });

  it('says plainly that it is closed when used after close, without calling that a loss', async () => {
    const other = await PGliteThread.open('memory://');
    const lost: Error[] = [];
    other.onLost((error) => lost.push(error));
    await other.close();
    expect(lost).toEqual([]);
    await expect(other.query('select 1')).rejects.toThrow(/database thread exited/);
  });

  it('runs with small buffers, and takes settings over them', async () => {
    expect((await db.query<{ shared_buffers: string }>('show shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
    const other = await PGliteThread.open('memory://', { settings: { work_mem: '3MB' } });
    expect((await other.query<{ work_mem: string }>('show work_mem')).rows).toEqual([{ work_mem: '3MB' }]);
    await other.close();
  });

  it('creates the database of a new folder in a process that exits, then keeps what is written there', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'troika-pglite-')), 'data');
    try {
      const first = await PGliteThread.open(dir);
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      await first.exec('create table kept (id int); insert into kept values (7)');
      await first.close();
      const again = await PGliteThread.open(dir);
      expect((await again.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to open a folder PGlite cannot use, with the reason', async () => {
    await expect(PGliteThread.open('/proc/version/not-a-folder')).rejects.toThrow(/PGlite could not open/);
  });
});
