import type { KpiSummary } from '../board/kpi-summary';
import { formatValue } from '../board/value-format';
import { needsCommonMeaning } from '../glossary/glossary-doc';
import type { GlossaryTerm } from '../glossary/types';
import { prioritise } from '../journeys/priority';
import { SEVERITY_LABELS, type Journey } from '../journeys/types';
import { isOverdue, previousMeeting } from './action-rules';
import type { AgendaRef, Meeting } from './types';

/** Why something is worth the meeting's time, grouped as the screen lists them. */
export type SuggestionGroup = 'kpi' | 'painPoint' | 'term' | 'actions';

export interface Suggestion {
  ref: AgendaRef;
  /** The agenda item's title when added. */
  title: string;
  /** In a short sentence, why it is suggested. */
  reason: string;
  group: SuggestionGroup;
}

export interface AgendaSources {
  kpis: readonly KpiSummary[];
  journeys: readonly Journey[];
  terms: readonly (Pick<GlossaryTerm, 'id' | 'term' | 'abbreviation' | 'it' | 'marketing' | 'status'> & Partial<Pick<GlossaryTerm, 'changedSinceAgreed'>>)[];
  meetings: readonly Meeting[];
  /** YYYY-MM-DD, the day it is asked for. */
  today: string;
}

/** How many suggestions of each kind, at most: enough to fill a monthly meeting, not to drown it. */
export const SUGGESTION_LIMITS = { offTrack: 5, noData: 3, painPoints: 3, terms: 3 } as const;

const withUnit = (value: number, unit: string) => formatValue(value, unit, 'en-US');
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** How far a KPI misses its target, relative to the target's size (for ranking the worst first). */
function missRatio(k: KpiSummary): number {
  if (!k.latest || k.target === null) return 0;
  const miss = k.direction === 'up' ? k.target - k.latest.value : k.latest.value - k.target;
  return miss / Math.max(Math.abs(k.target), 1e-9);
}

function kpiSuggestions(kpis: readonly KpiSummary[]): Suggestion[] {
  const offTrack = kpis
    .filter((k) => k.status === 'off-track')
    .sort((a, b) => missRatio(b) - missRatio(a))
    .slice(0, SUGGESTION_LIMITS.offTrack)
    .map<Suggestion>((k) => ({
      ref: { kind: 'kpi', id: k.id },
      title: k.name || 'Untitled KPI',
      reason: `Off track: ${withUnit(k.latest!.value, k.unit)} on ${k.latest!.at} against a target of ${withUnit(k.target!, k.unit)}.`,
      group: 'kpi',
    }));
  const noData = kpis
    .filter((k) => k.status === 'no-data')
    .slice(0, SUGGESTION_LIMITS.noData)
    .map<Suggestion>((k) => ({
      ref: { kind: 'kpi', id: k.id },
      title: k.name || 'Untitled KPI',
      reason: 'No value recorded yet: agree who measures it, and how.',
      group: 'kpi',
    }));
  return [...offTrack, ...noData];
}

function painSuggestions(journeys: readonly Journey[]): Suggestion[] {
  const journeyOf = new Map(journeys.flatMap((j) => j.painPoints.map((p) => [p.id, j] as const)));
  return prioritise(journeys.flatMap((j) => j.painPoints))
    .filter((p) => p.status !== 'resolved')
    .slice(0, SUGGESTION_LIMITS.painPoints)
    .map((p) => {
      const reach = p.customersAffected ? `, ${plural(p.customersAffected, 'customer')} hit` : '';
      const journey = journeyOf.get(p.id)?.title;
      return {
        ref: { kind: 'painPoint', id: p.id },
        title: p.title || 'Untitled pain point',
        reason: `Top priority (${Math.round(p.priority)}): ${SEVERITY_LABELS[p.severity]?.toLowerCase() ?? `severity ${p.severity}`}${reach}${p.status === 'in-progress' ? ', in progress' : ', still open'}${journey ? ` on “${journey}”` : ''}.`,
        group: 'painPoint',
      };
    });
}

function termSuggestions(terms: AgendaSources['terms']): Suggestion[] {
  // A meaning changed after both sides signed it comes first: the troika had agreed, and no longer has.
  const reopened = terms.filter((t) => t.status === 'proposed' && t.changedSinceAgreed === true);
  const differing = terms.filter((t) => t.status === 'proposed' && t.changedSinceAgreed !== true && needsCommonMeaning(t));
  const byName = (a: { term: string }, b: { term: string }) => a.term.localeCompare(b.term);
  return [
    ...reopened.sort(byName).map((t) => ({ t, reason: 'Its meaning changed after both sides had agreed it: it needs signing again.' })),
    ...differing.sort(byName).map((t) => ({ t, reason: 'IT and marketing mean different things by it, and it is still only proposed.' })),
  ]
    .slice(0, SUGGESTION_LIMITS.terms)
    .map(({ t, reason }) => ({
      ref: { kind: 'term', id: t.id },
      title: `Agree on “${t.term}${t.abbreviation ? ` (${t.abbreviation})` : ''}”`,
      reason,
      group: 'term',
    }));
}

function actionSuggestions(meetings: readonly Meeting[], meeting: Meeting, today: string): Suggestion[] {
  const last = previousMeeting(meetings, meeting);
  if (!last) return [];
  const overdue = last.actions.filter((a) => isOverdue(a, today));
  if (overdue.length === 0) return [];
  return [
    {
      ref: { kind: 'meeting', id: last.id },
      title: `Overdue actions from “${last.title}”`,
      reason: `${plural(overdue.length, 'action')} from the last meeting (${last.date}) ${overdue.length === 1 ? 'is' : 'are'} past due.`,
      group: 'actions',
    },
  ];
}

/**
 * What the workspace suggests for `meeting`'s agenda, most pressing kind first: actions overdue from
 * the last meeting, KPIs off track (worst first) or with no data, the top-priority pain points that
 * are not resolved, glossary terms whose agreed meaning changed, and proposed terms whose IT and marketing meanings differ. Each comes with
 * its reason; what the agenda already holds is left out.
 */
export function suggestAgenda(sources: AgendaSources, meeting: Meeting): Suggestion[] {
  const taken = new Set(meeting.agenda.flatMap((i) => (i.ref ? [`${i.ref.kind}:${i.ref.id}`] : [])));
  return [
    ...actionSuggestions(sources.meetings, meeting, sources.today),
    ...kpiSuggestions(sources.kpis),
    ...painSuggestions(sources.journeys),
    ...termSuggestions(sources.terms),
  ].filter((s) => !taken.has(`${s.ref.kind}:${s.ref.id}`));
}
