import {
  formatValue,
  MEETING_PHASE_LABELS,
  PAIN_STATUS_LABELS,
  SEAT_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  TERM_STATUS_LABELS,
  type EntryKind,
  type HistoryDoc,
  type JourneyExport,
  type KpiSummary,
  type MeetingSummary,
  type TermStatus,
} from '@troika/model';
import { countOf } from '$lib/plural';
import { showValue } from './change-words';

/** What a History panel is about: a whole document, or one journey of the journeys document. */
export interface HistoryScope {
  doc: HistoryDoc;
  /** One journey (its History panel): only it, its pain points and its notes. */
  journeyId?: string;
}

/** A change since a version, as `GET /changes` gives it (only what the screens read). */
export interface ChangeLike {
  kind: EntryKind;
  id: string;
  title: string;
  change: 'added' | 'changed' | 'removed';
  parent?: { id: string; title: string } | undefined;
}

/** One entry of a section as it was in a version, with how it differs from now (null: unchanged). */
export interface VersionRow<C extends ChangeLike = ChangeLike> {
  kind: EntryKind;
  id: string;
  title: string;
  /** The journey of a pain point or note, the meeting of an action or decision. */
  parent: string | null;
  /** A few facts as they were: "Target 40", "Status On track". Empty for entries added since. */
  facts: string[];
  change: C | null;
}

/** A version's content in the shape of its section of the JSON export (`GET .../versions/:id`). */
export type SectionContent =
  | { board: { kpis: readonly (KpiSummary & { description?: string })[] } }
  | { glossary: { terms: readonly { id: string; term: string; definition: string; status: TermStatus }[] } }
  | { journeys: readonly JourneyExport[] }
  | { meetings: readonly MeetingSummary[] };

type Base = Omit<VersionRow, 'change'>;

function boardRows(kpis: readonly (KpiSummary & { description?: string })[]): Base[] {
  return kpis.map((k) => ({
    kind: 'kpi',
    id: k.id,
    title: k.name || 'Untitled KPI',
    parent: null,
    facts: [
      `Target ${k.target === null ? '—' : formatValue(k.target, k.unit)}`,
      `Latest ${k.latest ? `${formatValue(k.latest.value, k.unit)} (${k.latest.at})` : '—'}`,
      STATUS_LABELS[k.status] ?? k.status,
      k.owners.map((s) => SEAT_LABELS[s] ?? s).join(', ') || 'No owner',
    ],
  }));
}

function journeyRows(journeys: readonly JourneyExport[], only: string | undefined): Base[] {
  return journeys
    .filter((j) => !only || j.id === only)
    .flatMap((j): Base[] => [
      { kind: 'journey', id: j.id, title: j.title || 'Untitled journey', parent: null, facts: [j.persona ? `Persona ${showValue(j.persona)}` : 'No persona', countOf(j.summary.stages, 'stage'), countOf(j.summary.painPoints, 'pain point')] },
      ...j.painPoints.map((p): Base => ({
        kind: 'painPoint',
        id: p.id,
        title: p.title || 'Untitled pain point',
        parent: j.title,
        facts: [p.stage ?? 'No stage', SEVERITY_LABELS[p.severity] ?? `Severity ${p.severity}`, PAIN_STATUS_LABELS[p.status] ?? p.status],
      })),
      ...j.notes.map((n): Base => ({ kind: 'note', id: n.id, title: showValue(n.text), parent: j.title, facts: [n.stage ?? 'No stage'] })),
    ]);
}

function meetingRows(meetings: readonly MeetingSummary[]): Base[] {
  return meetings.flatMap((m): Base[] => [
    { kind: 'meeting', id: m.id, title: m.title || 'Untitled meeting', parent: null, facts: [m.date, MEETING_PHASE_LABELS[m.phase] ?? m.phase, countOf(m.agenda.length, 'agenda item')] },
    ...m.actions.map((a): Base => ({
      kind: 'action',
      id: a.id,
      title: showValue(a.text),
      parent: m.title,
      facts: [a.owner?.name ? `Owner ${a.owner.name}` : 'No owner', a.due ? `Due ${a.due}` : 'No due date', a.done ? 'Done' : 'Open'],
    })),
    ...m.decisions.map((d): Base => ({ kind: 'decision', id: d.id, title: showValue(d.text), parent: m.title, facts: [] })),
  ]);
}

/** The entries of a version's section, in the scope of the panel. */
export function sectionEntries(content: SectionContent, scope: HistoryScope): Base[] {
  if ('board' in content) return boardRows(content.board.kpis);
  if ('glossary' in content) {
    return content.glossary.terms.map((t) => ({ kind: 'term', id: t.id, title: t.term, parent: null, facts: [TERM_STATUS_LABELS[t.status] ?? t.status, showValue(t.definition)] }));
  }
  if ('journeys' in content) return journeyRows(content.journeys, scope.journeyId);
  return meetingRows(content.meetings);
}

/** Whether a change concerns the panel's scope (one journey: the journey itself and what it holds). */
export function inScope(change: ChangeLike, scope: HistoryScope): boolean {
  if (!scope.journeyId) return true;
  return change.id === scope.journeyId || change.parent?.id === scope.journeyId;
}

/**
 * The section as it was in a version, each entry with its change since (what differs from now),
 * followed by the entries added since (not in the version: restoring it removes them).
 */
export function versionRows<C extends ChangeLike>(content: SectionContent, changes: readonly C[], scope: HistoryScope): VersionRow<C>[] {
  const relevant = changes.filter((c) => inScope(c, scope));
  const byKey = new Map(relevant.map((c) => [`${c.kind}:${c.id}`, c]));
  const rows: VersionRow<C>[] = sectionEntries(content, scope).map((e) => ({ ...e, change: byKey.get(`${e.kind}:${e.id}`) ?? null }));
  const seen = new Set(rows.map((r) => `${r.kind}:${r.id}`));
  for (const c of relevant) {
    if (c.change === 'added' && !seen.has(`${c.kind}:${c.id}`)) rows.push({ kind: c.kind, id: c.id, title: c.title, parent: c.parent?.title ?? null, facts: [], change: c });
  }
  return rows;
}
