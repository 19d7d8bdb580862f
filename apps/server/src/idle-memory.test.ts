import { openDatabase, type DatabaseHandle } from '@troika/db';
import { getHeapSpaceStatistics } from 'node:v8';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseMemoryWhenIdle } from './idle-memory';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newSpaceBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;

/** Short-lived garbage at a high rate: what serving 500 sockets does to V8's young generation. */
function churn(): void {
  let keep: { n: number; s: string }[] = [];
  for (let i = 0; i < 2_000_000; i++) {
    keep.push({ n: i, s: `x${i}` });
    if (keep.length > 50_000) keep = [];
  }
}

describe('releaseMemoryWhenIdle', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  }, 120_000);
  afterAll(() => database.close());

  it('collects twice once quiet, then not again until documents were held and let go', async () => {
    const state = { docs: 0, connections: 0 };
    const collected: number[] = [];
    const idle = releaseMemoryWhenIdle({ stats: () => state, database, logger, intervalMs: 20, secondAfterMs: 500, onCollected: () => collected.push(Date.now()) });
    const waitFor = async (count: number) => {
      const until = Date.now() + 10_000;
      while (collected.length < count && Date.now() < until) await sleep(20);
      expect(collected).toHaveLength(count);
    };
    try {
      await sleep(250);
      expect(collected.length).toBeLessThanOrEqual(1); // after start: the first look collects, the second waits
      await waitFor(2);

      state.connections = 3;
      state.docs = 1;
      await sleep(200);
      expect(collected).toHaveLength(2); // busy: nothing

      state.connections = 0;
      await sleep(200);
      expect(collected).toHaveLength(2); // a document is still loaded
      state.docs = 0;
      await waitFor(4);
    } finally {
      idle.stop();
    }
  });

  it('gives the young generation back after a burst, in this thread', async () => {
    churn();
    const grown = newSpaceBytes();
    expect(grown).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    let collections = 0;
    const idle = releaseMemoryWhenIdle({ stats: () => ({ docs: 0, connections: 0 }), database, logger, intervalMs: 100, onCollected: () => collections++ });
    try {
      const until = Date.now() + 15_000;
      while (collections < 2 && Date.now() < until) await sleep(100);
      expect(collections).toBe(2);
      expect(newSpaceBytes()).toBeLessThanOrEqual(grown / 4);
    } finally {
      idle.stop();
    }
  }, 20_000);
});
