import type { JourneyExport, KpiSummary } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { versionRows, type ChangeLike } from './version-rows';

const kpi = (id: string, name: string, target: number | null): KpiSummary =>
  ({ id, name, kind: 'outcome', category: 'customer-experience', owners: ['cmo'], unit: '', direction: 'up', target, outcomes: [], latest: null, status: 'no-data', trend: { direction: 'flat', change: null } }) as unknown as KpiSummary;

const journey = (id: string, title: string, pains: string[]): JourneyExport =>
  ({
    id,
    title,
    persona: '',
    summary: { stages: 1, touchpoints: 0, painPoints: pains.length, notes: 0 },
    stages: [],
    painPoints: pains.map((p) => ({ id: p, title: p, stage: 'Buy', severity: 3, status: 'open' })),
    notes: [],
  }) as unknown as JourneyExport;

describe('versionRows', () => {
  it('lists the KPIs as they were, marks what differs, and adds those added since', () => {
    const changes: ChangeLike[] = [
      { kind: 'kpi', id: 'nps', title: 'NPS', change: 'changed' },
      { kind: 'kpi', id: 'new', title: 'New one', change: 'added' },
    ];
    const rows = versionRows({ board: { kpis: [kpi('nps', 'NPS', 40), kpi('churn', 'Churn', null)] } }, changes, { doc: 'board' });
    expect(rows.map((r) => [r.id, r.change?.change ?? null])).toEqual([
      ['nps', 'changed'],
      ['churn', null],
      ['new', 'added'],
    ]);
    expect(rows[0]!.facts[0]).toBe('Target 40');
    expect(rows[1]!.facts[0]).toBe('Target —');
    expect(rows[2]!.facts).toEqual([]);
  });

  it('keeps to one journey: its pain points, not another journey’s', () => {
    const content = { journeys: [journey('j1', 'Buying', ['p1']), journey('j2', 'Returning', ['p2'])] };
    const changes: ChangeLike[] = [
      { kind: 'painPoint', id: 'p1', title: 'p1', change: 'changed', parent: { id: 'j1', title: 'Buying' } },
      { kind: 'painPoint', id: 'p2', title: 'p2', change: 'changed', parent: { id: 'j2', title: 'Returning' } },
      { kind: 'painPoint', id: 'p3', title: 'p3', change: 'added', parent: { id: 'j1', title: 'Buying' } },
    ];
    const rows = versionRows(content, changes, { doc: 'journeys', journeyId: 'j1' });
    expect(rows.map((r) => [r.id, r.parent, r.change?.change ?? null])).toEqual([
      ['j1', null, null],
      ['p1', 'Buying', 'changed'],
      ['p3', 'Buying', 'added'],
    ]);
  });
});
