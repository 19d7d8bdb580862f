import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createKpi, deleteKpi, setValue, updateKpi } from '../board/board-doc';
import type { KpiInput } from '../board/types';
import { describeChange } from './describe';
import { diffBoard } from './board-diff';
import { copyDoc } from './test-docs';

const nps: KpiInput = { name: 'Net promoter score', kind: 'outcome', category: 'customer-experience', owners: ['cmo'], unit: '', direction: 'up', target: 40 };

describe('diffBoard', () => {
  it('lists a KPI added, one removed, and nothing for one untouched', () => {
    const doc = new Y.Doc();
    createKpi(doc, nps, 'nps');
    createKpi(doc, { ...nps, name: 'Churn' }, 'churn');
    createKpi(doc, { ...nps, name: 'Calm' }, 'calm');
    const before = copyDoc(doc);
    deleteKpi(doc, 'churn');
    createKpi(doc, { ...nps, name: 'Uptime' }, 'uptime');
    const changes = diffBoard(before, doc);
    expect(changes.map((c) => [c.id, c.change])).toEqual([
      ['uptime', 'added'],
      ['churn', 'removed'],
    ]);
    expect(changes.map(describeChange)).toEqual(["KPI 'Uptime' added", "KPI 'Churn' removed"]);
  });

  it('names the fields that changed, including the target, values added and the status they moved', () => {
    const doc = new Y.Doc();
    createKpi(doc, nps, 'nps');
    setValue(doc, 'nps', { at: '2026-10-01', value: 41 });
    const before = copyDoc(doc);
    updateKpi(doc, 'nps', { target: 45, owners: ['cmo', 'cio'] });
    setValue(doc, 'nps', { at: '2026-11-01', value: 38 });
    const [change] = diffBoard(before, doc);
    expect(change).toMatchObject({ doc: 'board', kind: 'kpi', id: 'nps', title: 'Net promoter score', change: 'changed' });
    expect(change!.fields).toEqual([
      { field: 'owners', from: ['cmo'], to: ['cio', 'cmo'] },
      { field: 'target', from: 40, to: 45 },
      { field: 'value', at: '2026-11-01', from: null, to: 38 },
      { field: 'status', from: 'on-track', to: 'off-track' },
    ]);
    expect(describeChange(change!)).toBe(
      "KPI 'Net promoter score': owners cmo -> cio, cmo; target 40 -> 45; value 38 on 2026-11-01 added; status on-track -> off-track",
    );
  });

  it('reports a corrected value as from -> to for its date', () => {
    const doc = new Y.Doc();
    createKpi(doc, nps, 'nps');
    setValue(doc, 'nps', { at: '2026-10-01', value: 41 });
    const before = copyDoc(doc);
    setValue(doc, 'nps', { at: '2026-10-01', value: 44 });
    expect(diffBoard(before, doc)[0]!.fields).toEqual([{ field: 'value', at: '2026-10-01', from: 41, to: 44 }]);
  });
});
