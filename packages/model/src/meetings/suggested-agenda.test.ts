import { describe, expect, it } from 'vitest';
import type { KpiSummary } from '../board/kpi-summary';
import { painPoint } from '../journeys/test-fixtures';
import type { Journey } from '../journeys/types';
import { suggestAgenda, SUGGESTION_LIMITS, type AgendaSources } from './suggested-agenda';
import { action, item, meeting } from './test-fixtures';

const TODAY = '2026-04-10';

function kpi(over: Partial<KpiSummary>): KpiSummary {
  return {
    id: 'k',
    name: 'KPI',
    kind: 'outcome',
    category: 'other',
    owners: [],
    unit: '%',
    direction: 'up',
    target: 10,
    outcomes: [],
    latest: { at: '2026-04-01', value: 10 },
    status: 'on-track',
    trend: { direction: 'flat', change: null } as unknown as KpiSummary['trend'],
    ...over,
  };
}

function journey(over: Partial<Journey>): Journey {
  return { id: 'j', title: 'Online purchase', persona: '', stages: [], painPoints: [], notes: [], ...over };
}

const term = (over: Partial<AgendaSources['terms'][number]>) => ({ id: 't', term: 'Lead', abbreviation: '', it: '', marketing: '', status: 'proposed' as const, ...over });

function sources(over: Partial<AgendaSources> = {}): AgendaSources {
  return { kpis: [], journeys: [], terms: [], meetings: [], today: TODAY, ...over };
}

describe('suggested agenda', () => {
  it('suggests nothing for a calm workspace', () => {
    expect(suggestAgenda(sources({ kpis: [kpi({})] }), meeting())).toEqual([]);
  });

  it('suggests KPIs off track (worst first) and those with no data, each with its reason', () => {
    const kpis = [
      kpi({ id: 'ok' }),
      kpi({ id: 'slight', name: 'Conversion', status: 'off-track', latest: { at: '2026-04-01', value: 8 } }),
      kpi({ id: 'bad', name: 'Cost', status: 'off-track', direction: 'down', unit: '€', target: 0.4, latest: { at: '2026-04-02', value: 0.9 } }),
      kpi({ id: 'risk', status: 'at-risk' }),
      kpi({ id: 'empty', name: 'NPS', status: 'no-data', latest: null }),
      kpi({ id: 'untargeted', status: 'no-target', target: null }),
    ];
    expect(suggestAgenda(sources({ kpis }), meeting())).toEqual([
      { ref: { kind: 'kpi', id: 'bad' }, title: 'Cost', group: 'kpi', reason: 'Off track: €0.90 on 2026-04-02 against a target of €0.40.' },
      { ref: { kind: 'kpi', id: 'slight' }, title: 'Conversion', group: 'kpi', reason: 'Off track: 8% on 2026-04-01 against a target of 10%.' },
      { ref: { kind: 'kpi', id: 'empty' }, title: 'NPS', group: 'kpi', reason: 'No value recorded yet: agree who measures it, and how.' },
    ]);
  });

  it('caps each kind of suggestion', () => {
    const kpis = Array.from({ length: 9 }, (_, i) => kpi({ id: `k${i}`, status: 'off-track', latest: { at: '2026-04-01', value: i } }));
    expect(suggestAgenda(sources({ kpis }), meeting())).toHaveLength(SUGGESTION_LIMITS.offTrack);
  });

  it('suggests the top-priority pain points that are not resolved, across journeys', () => {
    const journeys = [
      journey({
        id: 'j1',
        title: 'Online purchase',
        painPoints: [
          painPoint({ id: 'minor', title: 'Typo', severity: 1 }),
          painPoint({ id: 'solved', title: 'Old bug', severity: 5, status: 'resolved' }),
          painPoint({ id: 'declined', title: 'Card declined', severity: 5, customersAffected: 4000 }),
        ],
      }),
      journey({
        id: 'j2',
        title: 'Support',
        painPoints: [painPoint({ id: 'wait', title: 'Long wait', severity: 4, status: 'in-progress' }), painPoint({ id: 'menu', title: 'Phone menu', severity: 3 })],
      }),
    ];
    const suggestions = suggestAgenda(sources({ journeys }), meeting());
    expect(suggestions.map((s) => s.ref.id)).toEqual(['declined', 'wait', 'menu']);
    expect(suggestions[0]).toEqual({
      ref: { kind: 'painPoint', id: 'declined' },
      title: 'Card declined',
      group: 'painPoint',
      reason: 'Top priority (115): critical, 4,000 customers hit, still open on “Online purchase”.',
    });
    expect(suggestions[1]!.reason).toBe('Top priority (16): severe, in progress on “Support”.');
  });

  it('suggests proposed terms whose IT and marketing meanings differ', () => {
    const terms = [
      term({ id: 'lead', term: 'Lead', it: 'A CRM record', marketing: 'Someone who filled a form' }),
      term({ id: 'same', term: 'Churn', it: 'Cancelled accounts.', marketing: 'cancelled accounts' }),
      term({ id: 'agreed', term: 'MQL', it: 'a', marketing: 'b', status: 'agreed' }),
      term({ id: 'half', term: 'Session', it: 'A login', marketing: '' }),
      term({ id: 'clv', term: 'Customer lifetime value', abbreviation: 'CLV', it: 'A column', marketing: 'A budget ceiling' }),
    ];
    expect(suggestAgenda(sources({ terms }), meeting())).toEqual([
      {
        ref: { kind: 'term', id: 'clv' },
        title: 'Agree on “Customer lifetime value (CLV)”',
        group: 'term',
        reason: 'IT and marketing mean different things by it, and it is still only proposed.',
      },
      { ref: { kind: 'term', id: 'lead' }, title: 'Agree on “Lead”', group: 'term', reason: 'IT and marketing mean different things by it, and it is still only proposed.' },
    ]);
  });

  it('suggests the actions overdue from the last meeting held, first', () => {
    const older = meeting({ id: 'jan', title: 'January', date: '2026-01-10', endedAt: '2026-01-10T11:00:00Z', actions: [action({ due: '2026-02-01' })] });
    const last = meeting({
      id: 'mar',
      title: 'March',
      date: '2026-03-10',
      endedAt: '2026-03-10T11:00:00Z',
      actions: [action({ id: 'a', due: '2026-04-01' }), action({ id: 'b', due: '2026-04-02' }), action({ id: 'c', due: '2026-04-02', done: true }), action({ id: 'd', due: '2026-05-01' })],
    });
    const next = meeting({ id: 'apr', date: '2026-04-10' });
    const suggestions = suggestAgenda(sources({ meetings: [next, last, older], kpis: [kpi({ id: 'x', status: 'no-data', latest: null })] }), next);
    expect(suggestions[0]).toEqual({
      ref: { kind: 'meeting', id: 'mar' },
      title: 'Overdue actions from “March”',
      group: 'actions',
      reason: '2 actions from the last meeting (2026-03-10) are past due.',
    });
    expect(suggestions).toHaveLength(2);
    const calm = meeting({ ...last, actions: [action({ due: '2026-04-20' })] });
    expect(suggestAgenda(sources({ meetings: [next, calm, older] }), next)).toEqual([]);
  });

  it('leaves out what the agenda already holds', () => {
    const kpis = [kpi({ id: 'k1', status: 'no-data', latest: null }), kpi({ id: 'k2', status: 'no-data', latest: null })];
    const planned = meeting({ agenda: [item({ ref: { kind: 'kpi', id: 'k1' } })] });
    expect(suggestAgenda(sources({ kpis }), planned).map((s) => s.ref.id)).toEqual(['k2']);
  });

  it('suggests first the terms whose agreed meaning changed since both sides signed', () => {
    const suggestions = suggestAgenda(
      sources({
        terms: [
          term({ id: 'a', term: 'Attribution', it: 'a', marketing: 'b' }),
          term({ id: 'z', term: 'Zero party data', it: 'same', marketing: 'same', changedSinceAgreed: true }),
        ],
      }),
      meeting(),
    ).filter((s) => s.group === 'term');
    expect(suggestions.map((s) => s.ref.id)).toEqual(['z', 'a']);
    expect(suggestions[0]!.reason).toContain('changed after both sides had agreed');
  });
});
