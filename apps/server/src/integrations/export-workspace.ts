import {
  CATEGORY_LABELS,
  SEAT_LABELS,
  STATUS_LABELS,
  exportJourney,
  journeyMarkdown,
  mdTableCell,
  readBoard,
  readJourneys,
  sharedRatio,
  summariseKpi,
  type JourneyExport,
  type Kpi,
  type KpiSummary,
  type MeetingSummary,
} from '@troika/model';
import * as Y from 'yjs';
import { exportMeetings, meetingsMarkdown } from './meeting-export';

/** A KPI in the export: its summary (latest value, status, trend) plus its description and every value. */
export type ExportedKpi = KpiSummary & Pick<Kpi, 'description' | 'values'>;

export interface ExportedTerm {
  id: string;
  term: string;
  abbreviation: string;
  definition: string;
  it: string;
  marketing: string;
  synonyms: string[];
  status: string;
}

/** The body of `GET /api/workspaces/:id/export?format=json`. */
export interface WorkspaceExport {
  workspace: { id: string; name: string };
  exportedAt: string;
  board: { kpis: ExportedKpi[]; shared: { shared: number; total: number; ratio: number } };
  glossary: { terms: ExportedTerm[] };
  journeys: JourneyExport[];
  meetings: MeetingSummary[];
}

export interface ExportSources {
  workspace: { id: string; name: string };
  exportedAt: Date;
  board: Y.Doc;
  glossary: Y.Doc;
  journeys: Y.Doc;
  meetings: Y.Doc;
  /** Member user id -> name, for the authors of sticky notes and the people of meetings. */
  people: ReadonlyMap<string, string>;
}

const text = (value: unknown) => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');
const TERM_STATUSES = ['proposed', 'agreed', 'deprecated'];

/**
 * The glossary's terms, read plainly by the shape in DESIGN.md, alphabetically. Entries merged into
 * another term (`mergedInto`, an extension of the glossary screen) are the same term: left out.
 */
export function readGlossaryTerms(doc: Y.Doc): ExportedTerm[] {
  const terms = doc.getMap<unknown>('terms');
  const list: ExportedTerm[] = [];
  for (const [id, map] of terms) {
    if (!(map instanceof Y.Map)) continue;
    const mergedInto = map.get('mergedInto');
    if (typeof mergedInto === 'string' && mergedInto !== '' && terms.has(mergedInto)) continue;
    const synonyms = map.get('synonyms');
    const status = map.get('status');
    list.push({
      id,
      term: text(map.get('term')).trim(),
      abbreviation: text(map.get('abbreviation')).trim(),
      definition: text(map.get('definition')),
      it: text(map.get('it')),
      marketing: text(map.get('marketing')),
      synonyms: synonyms instanceof Y.Array ? synonyms.toArray().filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [],
      status: typeof status === 'string' && TERM_STATUSES.includes(status) ? status : 'proposed',
    });
  }
  return list.sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : 1));
}

/** The whole workspace as plain JSON: the board, the glossary and every journey. */
export function buildWorkspaceExport(sources: ExportSources): WorkspaceExport {
  const board = readBoard(sources.board);
  const kpis = board.map((k) => ({ ...summariseKpi(k), description: k.description, values: k.values }));
  const kpiContext = new Map(kpis.map((k) => [k.id, { name: k.name, status: k.status }]));
  const { verdict: _v, ...shared } = sharedRatio(board);
  return {
    workspace: sources.workspace,
    exportedAt: sources.exportedAt.toISOString(),
    board: { kpis, shared },
    glossary: { terms: readGlossaryTerms(sources.glossary) },
    journeys: readJourneys(sources.journeys).map((j) => exportJourney(j, { kpis: kpiContext, people: sources.people })),
    meetings: exportMeetings(sources.meetings, sources.people, sources.exportedAt),
  };
}

const formatValue = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '–' : `${value.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`);

/** The whole workspace as one Markdown document. */
export function workspaceMarkdown(sources: ExportSources): string {
  const data = buildWorkspaceExport(sources);
  const lines = [`# ${data.workspace.name}`, '', `Exported from Troika on ${data.exportedAt.slice(0, 10)}.`, ''];

  lines.push('## Board', '');
  if (data.board.kpis.length === 0) lines.push('No KPIs yet.', '');
  else {
    const { shared, total, ratio } = data.board.shared;
    lines.push(`${shared} of ${total} KPIs are jointly owned (${Math.round(ratio * 100)} %).`, '');
    lines.push('| KPI | Kind | Category | Owners | Target | Latest | Status | Trend |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const k of data.board.kpis) {
      const owners = k.owners.map((o) => SEAT_LABELS[o]).join(', ') || '–';
      const latest = k.latest ? `${formatValue(k.latest.value, k.unit)} (${k.latest.at})` : '–';
      const trend = k.trend.change === null ? '–' : `${k.trend.direction} ${Math.round(k.trend.change * 100)} %`;
      lines.push(
        `| ${mdTableCell(k.name)} | ${k.kind} | ${CATEGORY_LABELS[k.category]} | ${mdTableCell(owners)} | ${formatValue(k.target, k.unit)} | ${mdTableCell(latest)} | ${STATUS_LABELS[k.status]} | ${trend} |`,
      );
    }
    lines.push('');
  }

  lines.push('## Glossary', '');
  if (data.glossary.terms.length === 0) lines.push('No terms yet.', '');
  for (const t of data.glossary.terms) {
    lines.push(`### ${t.term}${t.abbreviation ? ` (${t.abbreviation})` : ''}`, '');
    lines.push(`*${t.status}*${t.synonyms.length > 0 ? ` · also: ${t.synonyms.join(', ')}` : ''}`, '');
    if (t.definition.trim()) lines.push(t.definition.trim(), '');
    if (t.it.trim()) lines.push(`**For IT:** ${t.it.trim()}`, '');
    if (t.marketing.trim()) lines.push(`**For marketing:** ${t.marketing.trim()}`, '');
  }

  lines.push('## Journeys', '');
  const journeys = readJourneys(sources.journeys);
  if (journeys.length === 0) lines.push('No journeys yet.', '');
  const kpiContext = new Map(data.board.kpis.map((k) => [k.id, { name: k.name, status: k.status }]));
  for (const j of journeys) lines.push(journeyMarkdown(j, { kpis: kpiContext, people: sources.people }, 3));
  lines.push(meetingsMarkdown(sources.meetings, sources.people, sources.exportedAt));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `troika-<workspace name>-<YYYY-MM-DD>.<ext>`, safe in a Content-Disposition header. */
export function exportFileName(name: string, at: Date, extension: 'md' | 'json'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60);
  return `troika-${slug || 'workspace'}-${at.toISOString().slice(0, 10)}.${extension}`;
}
