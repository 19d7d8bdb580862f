import {
  addPainPoint,
  addStage,
  createJourney,
  createKpi,
  deleteKpi,
  newPainPointInput,
  setValue,
  updateKpi,
  updatePainPoint,
  type KpiInput,
} from '@troika/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeUnsaved, isStored, unsavedText } from './unsaved-changes';

const kpi: KpiInput = { name: 'Page load time', kind: 'output', category: 'user-experience', owners: ['cio'], unit: 's', direction: 'down', target: 2 };

/** A server copy and a local copy that starts from it; the updates made locally afterwards are collected. */
function replicas(seed: (doc: Y.Doc) => void) {
  const server = new Y.Doc();
  seed(server);
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  local.on('update', (u: Uint8Array) => updates.push(u));
  return { server, local, pending: () => Y.mergeUpdates(updates) };
}

describe('describeUnsaved', () => {
  it('names the KPI and each field changed here, with its value here', () => {
    let id = '';
    const { local, pending } = replicas((doc) => (id = createKpi(doc, kpi)));
    updateKpi(local, id, { description: 'Slower on phones' });
    setValue(local, id, { at: '2026-12-03', value: 2.1 });
    const changes = describeUnsaved('board', local, pending());
    expect(changes.map((c) => [c.kind, c.label, c.field, c.value]).sort()).toEqual([
      ['KPI', 'Page load time', 'description', 'Slower on phones'],
      ['KPI', 'Page load time', 'values', '[{"at":"2026-12-03","value":2.1}]'],
    ]);
    expect(unsavedText(changes)).toContain('Board · KPI “Page load time” · description: Slower on phones');
  });

  it('reports an entry added here once, whole, and one removed here by the name the server has', () => {
    let id = '';
    const { server, local, pending } = replicas((doc) => (id = createKpi(doc, kpi)));
    createKpi(local, { ...kpi, name: 'Uptime' });
    deleteKpi(local, id);
    const changes = describeUnsaved('board', local, pending(), server);
    expect(changes.map((c) => [c.label, c.field, c.value === null ? null : 'value'])).toEqual(
      expect.arrayContaining([
        ['Uptime', null, 'value'],
        ['Page load time', null, null],
      ]),
    );
    expect(changes).toHaveLength(2);
    expect(unsavedText(changes)).toMatch(/KPI “Page load time”: removed/);
  });

  it('reports a field deep in a journey at the pain point it belongs to', () => {
    let journey = '';
    let pain = '';
    const { local, pending } = replicas((doc) => {
      journey = createJourney(doc, { title: 'Online purchase', persona: 'Parent' });
      const stage = addStage(doc, journey, { name: 'Buy', emotion: 0 });
      pain = addPainPoint(doc, journey, newPainPointInput(stage, null, 'Slow checkout'));
    });
    updatePainPoint(local, journey, pain, { description: 'Takes 9 s', severity: 5 });
    const changes = describeUnsaved('journeys', local, pending());
    expect(changes.map((c) => [c.kind, c.label, c.field]).sort()).toEqual([
      ['Pain point', 'Slow checkout', 'description'],
      ['Pain point', 'Slow checkout', 'severity'],
    ]);
  });
});

describe('isStored', () => {
  it('tells what the server holds as it stood here from what it lacks', () => {
    let id = '';
    const { server, local, pending } = replicas((doc) => (id = createKpi(doc, kpi)));
    updateKpi(local, id, { description: 'Slower on phones', unit: 'ms' });
    // The server took the description (from another tab, say) but not the unit.
    updateKpi(server, id, { description: 'Slower on phones' });
    const changes = describeUnsaved('board', local, pending());
    expect(changes.filter((c) => !isStored(c, server)).map((c) => c.field)).toEqual(['unit']);
  });
});
