import { createKpi, deleteKpi, readBoard, setValue, updateKpi, type KpiInput } from '@troika/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteSetOf, encodeDelta } from './delta-update';

const kpi: KpiInput = { name: 'NPS', kind: 'outcome', category: 'other', owners: ['cmo'], unit: '', direction: 'up', target: 40 };

describe('encodeDelta', () => {
  it('rebuilds each version from the one before, carrying only the new deletions', () => {
    const live = new Y.Doc();
    const rebuilt = new Y.Doc();
    let previous: { stateVector: Uint8Array; deleteSet: ReturnType<typeof deleteSetOf> | null } = { stateVector: new Uint8Array([0]), deleteSet: null };
    const sizes: { delta: number; yjs: number }[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 10; i++) {
        const id = `k${(round * 10 + i) % 15}`;
        if (!live.getMap('kpis').has(id)) createKpi(live, kpi, id);
        updateKpi(live, id, { target: round * 100 + i, description: `round ${round}` });
        setValue(live, id, { at: '2026-11-01', value: round });
      }
      if (round === 3) deleteKpi(live, 'k2');
      const delta = encodeDelta(live, previous);
      sizes.push({ delta: delta.length, yjs: Y.encodeStateAsUpdate(live, previous.stateVector).length });
      Y.applyUpdate(rebuilt, delta);
      expect(readBoard(rebuilt)).toEqual(readBoard(live));
      expect(Y.equalDeleteSets(deleteSetOf(rebuilt), deleteSetOf(live))).toBe(true);
      previous = { stateVector: Y.encodeStateVector(live), deleteSet: deleteSetOf(live) };
    }
    // Later versions leave out the deletions the earlier ones already carried.
    expect(sizes.at(-1)!.delta).toBeLessThan(sizes.at(-1)!.yjs);
  });
});
