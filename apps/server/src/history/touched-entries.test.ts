import { addPainPoint, addStage, createJourney, createKpi, deleteKpi, newPainPointInput, setValue, updateKpi, type KpiInput } from '@troika/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchedEntries } from './touched-entries';

const kpi: KpiInput = { name: 'NPS', kind: 'outcome', category: 'other', owners: ['cmo'], unit: '', direction: 'up', target: 40 };

/** Runs `change` on a copy of `server`'s state, applies the update to `server` as the engine does, and returns it. */
function clientEdit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  let update: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
  change(client);
  Y.applyUpdate(server, update!);
  return update!;
}

describe('touchedEntries', () => {
  it('names the KPI and field an update wrote, and a deleted KPI', () => {
    const server = new Y.Doc();
    expect(touchedEntries('board', server, clientEdit(server, (d) => createKpi(d, kpi, 'k1')))).toContainEqual({ kind: 'kpi', id: 'k1', field: null });
    expect(touchedEntries('board', server, clientEdit(server, (d) => updateKpi(d, 'k1', { target: 45 })))).toEqual([{ kind: 'kpi', id: 'k1', field: 'target' }]);
    expect(touchedEntries('board', server, clientEdit(server, (d) => setValue(d, 'k1', { at: '2026-11-01', value: 3 })))).toEqual([
      { kind: 'kpi', id: 'k1', field: 'values' },
    ]);
    expect(touchedEntries('board', server, clientEdit(server, (d) => updateKpi(d, 'k1', { description: 'Promoters minus detractors' })))).toEqual([
      { kind: 'kpi', id: 'k1', field: 'description' },
    ]);
    expect(touchedEntries('board', server, clientEdit(server, (d) => deleteKpi(d, 'k1')))).toContainEqual({ kind: 'kpi', id: 'k1', field: null });
  });

  it('names a pain point inside its journey', () => {
    const server = new Y.Doc();
    const journeyId = 'j1';
    const pain = 'p1';
    clientEdit(server, (d) => {
      createJourney(d, { title: 'Purchase', persona: '' }, journeyId);
      const stage = addStage(d, journeyId, { name: 'Buy', emotion: 0 });
      addPainPoint(d, journeyId, newPainPointInput(stage, null, 'Slow checkout'), pain);
    });
    const update = clientEdit(server, (d) => {
      const map = (d.getMap('journeys').get(journeyId) as Y.Map<Y.Map<Y.Map<unknown>>>).get('painPoints')!.get(pain)!;
      map.set('status', 'resolved');
    });
    expect(touchedEntries('journeys', server, update)).toEqual([{ kind: 'painPoint', id: pain, field: 'status' }]);
  });
});
