import {
  exportThreads,
  threadsMarkdown,
  type ExportedThread,
  CATEGORY_LABELS,
  SEAT_LABELS,
  STATUS_LABELS,
  TROIKA_SIDE_LABELS,
  exportGlossary,
  exportJourney,
  formatValue,
  journeyMarkdown,
  markdownParagraphs,
  markdownText,
  mdTableCell,
  readBoard,
  readJourneys,
  sharedRatio,
  summariseKpi,
  type ExportedTerm,
  type JourneyExport,
  type Kpi,
  type Trend,
  type KpiSummary,
  type MeetingSummary,
  type SharedRatio,
} from '@troika/model';
import * as Y from 'yjs';
import { exportMeetings, meetingsMarkdown } from './meeting-export';

/** A KPI in the export: its summary (latest value, status, trend) plus its description and every value. */
export type ExportedKpi = KpiSummary & Pick<Kpi, 'description' | 'values'>;

/** The body of `GET /api/workspaces/:id/export?format=json`. */
export interface WorkspaceExport {
  workspace: { id: string; name: string };
  exportedAt: string;
  board: { kpis: ExportedKpi[]; shared: Pick<SharedRatio, 'shared' | 'total' | 'ratio' | 'bySides'> };
  glossary: { terms: ExportedTerm[] };
  journeys: JourneyExport[];
  meetings: MeetingSummary[];
  /** Every conversation, newest activity first (DESIGN.md "Conversations"). */
  threads: ExportedThread[];
}

export interface ExportSources {
  workspace: { id: string; name: string };
  exportedAt: Date;
  board: Y.Doc;
  glossary: Y.Doc;
  journeys: Y.Doc;
  meetings: Y.Doc;
  /** The `comments` document (threads). */
  comments: Y.Doc;
  /** Member user id -> name, for the authors of sticky notes and the people of meetings. */
  people: ReadonlyMap<string, string>;
  /** The reader's time zone for the Markdown minutes (times, and the day a meeting was held); UTC by default. */
  timeZone?: string;
}

/** The export's glossary section: the model's live terms in their exported shape. */
export const readGlossaryTerms = exportGlossary;

/** The board's section of the export: every KPI with its values, and how much of the board is shared. */
export function boardSection(doc: Y.Doc): WorkspaceExport['board'] {
  const board = readBoard(doc);
  const kpis = board.map((k) => ({ ...summariseKpi(k), description: k.description, values: k.values }));
  const { shared: count, total, ratio, bySides } = sharedRatio(board);
  return { kpis, shared: { shared: count, total, ratio, bySides } };
}

/** The journeys' section of the export; KPI names and statuses come from `board`. */
export function journeysSection(doc: Y.Doc, board: Y.Doc, people: ReadonlyMap<string, string>): JourneyExport[] {
  const kpiContext = new Map(readBoard(board).map((k) => [k.id, { name: k.name, status: summariseKpi(k).status }]));
  return readJourneys(doc).map((j) => exportJourney(j, { kpis: kpiContext, people }));
}

/** The whole workspace as plain JSON: the board, the glossary and every journey. */
export function buildWorkspaceExport(sources: ExportSources): WorkspaceExport {
  return {
    workspace: sources.workspace,
    exportedAt: sources.exportedAt.toISOString(),
    board: boardSection(sources.board),
    glossary: { terms: readGlossaryTerms(sources.glossary) },
    journeys: journeysSection(sources.journeys, sources.board, sources.people),
    meetings: exportMeetings(sources.meetings, sources.people, sources.exportedAt),
    threads: exportThreads(sources.comments, sources, sources.people),
  };
}

const figure = (value: number | null | undefined, unit: string) => formatValue(value, unit, 'en-US');

/** A trend in words for the table: "up 12 %", "down 17 %" (the sign is in the word), "steady", or a dash. */
export function trendWords(trend: Trend): string {
  if (trend.change === null) return '–';
  if (trend.direction === 'flat') return 'steady';
  return `${trend.direction} ${Math.abs(Math.round(trend.change * 100))} %`;
}

/** The whole workspace as one Markdown document. */
export function workspaceMarkdown(sources: ExportSources): string {
  const data = buildWorkspaceExport(sources);
  const lines = [`# ${markdownText(data.workspace.name)}`, '', `Exported from Troika on ${data.exportedAt.slice(0, 10)}.`, ''];

  lines.push('## Board', '');
  if (data.board.kpis.length === 0) lines.push('No KPIs yet.', '');
  else {
    const { shared, total, ratio, bySides } = data.board.shared;
    const sides = bySides.map((c) => `${c.sides.map((s) => TROIKA_SIDE_LABELS[s]).join(' + ')}: ${c.count}`).join('; ');
    lines.push(`${shared} of ${total} KPIs are jointly owned across the troika's sides (${Math.round(ratio * 100)} %)${sides ? `: ${sides}` : ''}.`, '');
    lines.push('| KPI | Kind | Category | Owners | Target | Latest | Status | Trend |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const k of data.board.kpis) {
      const owners = k.owners.map((o) => SEAT_LABELS[o]).join(', ') || '–';
      const latest = k.latest ? `${figure(k.latest.value, k.unit)} (${k.latest.at})` : '–';
      lines.push(
        `| ${mdTableCell(k.name)} | ${k.kind} | ${CATEGORY_LABELS[k.category]} | ${mdTableCell(owners)} | ${mdTableCell(figure(k.target, k.unit))} | ${mdTableCell(latest)} | ${STATUS_LABELS[k.status]} | ${trendWords(k.trend)} |`,
      );
    }
    lines.push('');
  }

  lines.push('## Glossary', '');
  if (data.glossary.terms.length === 0) lines.push('No terms yet.', '');
  for (const t of data.glossary.terms) {
    lines.push(`### ${markdownText(t.term)}${t.abbreviation ? ` (${markdownText(t.abbreviation)})` : ''}`, '');
    const signed = t.approvals.map((a) => `${a.side} ${a.at.slice(0, 10)}`).join(', ');
    lines.push(`*${t.status}*${signed ? ` (signed: ${signed})` : ''}${t.synonyms.length > 0 ? ` · also: ${t.synonyms.map(markdownText).join(', ')}` : ''}`, '');
    if (t.definition.trim()) lines.push(markdownParagraphs(t.definition), '');
    if (t.it.trim()) lines.push(`**For IT:** ${markdownParagraphs(t.it)}`, '');
    if (t.marketing.trim()) lines.push(`**For marketing:** ${markdownParagraphs(t.marketing)}`, '');
  }

  lines.push('## Journeys', '');
  const journeys = readJourneys(sources.journeys);
  if (journeys.length === 0) lines.push('No journeys yet.', '');
  const kpiContext = new Map(data.board.kpis.map((k) => [k.id, { name: k.name, status: k.status }]));
  for (const j of journeys) lines.push(journeyMarkdown(j, { kpis: kpiContext, people: sources.people }, 3));
  lines.push(meetingsMarkdown(sources.meetings, sources.people, sources.exportedAt, sources.timeZone));
  lines.push('', threadsMarkdown(data.threads));
  return `${lines.join('\n').trimEnd()}\n`;
}
