import type { DatabaseHandle } from '@troika/db';
import { workspaces } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import { createKpi, deleteKpi, readBoard, setValue, updateKpi } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { VersionStore, type NewVersion } from './version-store';

const DAY = 86_400_000;

describe('VersionStore on a real database', () => {
  let database: DatabaseHandle;
  let store: VersionStore;
  const key = { workspaceId: 'w1', doc: 'board' };

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.insert(workspaces).values({ id: 'w1', name: 'W' });
    store = new VersionStore(database);
  });
  afterAll(() => database?.close());

  async function make(doc: Y.Doc, version: NewVersion) {
    const previous = await store.latest(key);
    return store.create(key, doc, previous, await store.deletionsOf(key, previous), version);
  }

  it('reads every version back after thinning and pruning rewrote the chains', async () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const doc = new Y.Doc();
    const expected = new Map<string, string>();
    const at = (daysAgo: number, minutes: number) => new Date(now.getTime() - daysAgo * DAY + minutes * 60_000);
    const plan: [number, number, NewVersion['kind']][] = [
      [200, 0, 'auto'],
      ...Array.from({ length: 8 }, (_, i) => [40, i * 60, 'auto'] as [number, number, 'auto']),
      [40, 500, 'named'],
      ...Array.from({ length: 8 }, (_, i) => [10, i * 5, 'auto'] as [number, number, 'auto']),
      ...Array.from({ length: 5 }, (_, i) => [1, i, 'auto'] as [number, number, 'auto']),
    ];
    for (const [n, [daysAgo, minutes, kind]] of plan.entries()) {
      if (!doc.getMap('kpis').has(`k${n % 7}`)) createKpi(doc, { name: `K${n}`, kind: 'output', category: 'other', owners: [], unit: '', direction: 'up', target: n }, `k${n % 7}`);
      updateKpi(doc, `k${n % 7}`, { target: n * 10 });
      setValue(doc, `k${n % 7}`, { at: '2026-11-01', value: n });
      if (n % 9 === 8) deleteKpi(doc, `k${(n + 3) % 7}`);
      const v = await make(doc, { kind, name: kind === 'named' ? 'Q3' : '', at: at(daysAgo, minutes) });
      expected.set(v.id, JSON.stringify(readBoard(doc)));
    }
    // Expired (1), the 40-day-old autos kept one a day (7 go), the 10-day-old ones one an hour (7 go).
    expect(await store.thin(key, now, 180)).toBe(15);
    const left = await store.list(key);
    expect(left).toHaveLength(plan.length - 15);
    expect(left.filter((v) => v.kind === 'named')).toHaveLength(1);
    for (const v of left) expect(JSON.stringify(readBoard(await store.state(key, v.id)))).toBe(expected.get(v.id));
    // Later versions still build on the rewritten chain.
    updateKpi(doc, 'k1', { name: 'After thinning' });
    const next = await make(doc, { kind: 'auto', name: '' });
    expect(readBoard(await store.state(key, next.id)).find((k) => k.id === 'k1')?.name).toBe('After thinning');
  });
});
