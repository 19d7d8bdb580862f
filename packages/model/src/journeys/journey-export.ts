import { SEAT_LABELS, type Seat } from '../roles';
import { fileSlug } from '../shared/file-names';
import { markdownText, mdTableCell } from '../shared/markdown';
import { prioritise } from './priority';
import { summarisePainPoints, summariseStages, type PainSummary } from './summaries';
import {
  CHANNEL_LABELS,
  EMOTION_LABELS,
  PAIN_STATUS_LABELS,
  SIDE_LABELS,
  type Journey,
  type KnownChannel,
  type NoteColor,
  type PainStatus,
  type Side,
} from './types';

/** What an export can tell about things stored elsewhere: KPI names and statuses (board), people's names. */
export interface JourneyExportContext {
  kpis?: ReadonlyMap<string, { name: string; status: string }>;
  people?: ReadonlyMap<string, string>;
}

export interface JourneyExport {
  id: string;
  title: string;
  persona: string;
  summary: PainSummary & { stages: number; touchpoints: number; painPoints: number; notes: number };
  stages: {
    id: string;
    name: string;
    emotion: number;
    touchpoints: { id: string; name: string; channel: string }[];
    summary: PainSummary;
  }[];
  /** Sorted by priority (see `prioritise`). */
  painPoints: {
    rank: number;
    id: string;
    title: string;
    description: string;
    /** Null when unplaced (its stage was deleted). */
    stageId: string | null;
    stage: string | null;
    touchpointId: string | null;
    touchpoint: string | null;
    severity: number;
    customersAffected: number | null;
    side: Side;
    owners: Seat[];
    status: PainStatus;
    kpis: { id: string; name: string | null; status: string | null }[];
    votes: number;
    priority: number;
  }[];
  notes: { id: string; text: string; stageId: string | null; stage: string | null; x: number; y: number; color: NoteColor; author: string; authorName: string | null }[];
}

/** The label of a channel (its own text when it is not one of CHANNELS). */
export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel as KnownChannel] ?? channel;
}

/** One journey as plain JSON: stages with summaries, pain points by priority, notes. */
export function exportJourney(journey: Journey, context: JourneyExportContext = {}): JourneyExport {
  const stageName = new Map(journey.stages.map((s) => [s.id, s.name]));
  const touchpointName = new Map(journey.stages.flatMap((s) => s.touchpoints.map((t) => [t.id, t.name] as const)));
  const summaries = summariseStages(journey);
  return {
    id: journey.id,
    title: journey.title,
    persona: journey.persona,
    summary: {
      stages: journey.stages.length,
      touchpoints: touchpointName.size,
      painPoints: journey.painPoints.length,
      notes: journey.notes.length,
      ...summarisePainPoints(journey.painPoints),
    },
    stages: journey.stages.map((s, i) => {
      const { stageId: _s, ...summary } = summaries[i]!;
      return { id: s.id, name: s.name, emotion: s.emotion, touchpoints: s.touchpoints.map(({ id, name, channel }) => ({ id, name, channel })), summary };
    }),
    painPoints: prioritise(journey.painPoints).map((p) => ({
      rank: p.rank,
      id: p.id,
      title: p.title,
      description: p.description,
      stageId: p.stageId,
      stage: p.stageId ? (stageName.get(p.stageId) ?? null) : null,
      touchpointId: p.touchpointId,
      touchpoint: p.touchpointId ? (touchpointName.get(p.touchpointId) ?? null) : null,
      severity: p.severity,
      customersAffected: p.customersAffected,
      side: p.side,
      owners: p.owners,
      status: p.status,
      kpis: p.kpis.map((id) => ({ id, name: context.kpis?.get(id)?.name ?? null, status: context.kpis?.get(id)?.status ?? null })),
      votes: p.votes.length,
      priority: p.priority,
    })),
    notes: journey.notes.map((n) => ({
      id: n.id,
      text: n.text,
      stageId: n.stageId,
      stage: n.stageId ? (stageName.get(n.stageId) ?? null) : null,
      x: n.x,
      y: n.y,
      color: n.color,
      author: n.author,
      authorName: context.people?.get(n.author) ?? null,
    })),
  };
}

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const count = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-US'));

/**
 * One journey as Markdown: stages with their emotion and summaries, the prioritised pain points,
 * their descriptions, and the sticky notes. `level` is the heading level of the title (1 alone,
 * 3 inside a workspace export).
 */
export function journeyMarkdown(journey: Journey, context: JourneyExportContext = {}, level = 1): string {
  const data = exportJourney(journey, context);
  const h = (n: number) => '#'.repeat(Math.min(6, level + n));
  const lines: string[] = [`${h(0)} ${markdownText(data.title) || 'Untitled journey'}`, ''];
  if (data.persona) lines.push(`**Persona:** ${markdownText(data.persona)}`, '');
  const s = data.summary;
  lines.push(
    `${s.stages} stages, ${s.touchpoints} touchpoints, ${s.painPoints} pain points (${s.open} open, worst severity ${s.worstSeverity ?? '–'}, ${percent(s.backOfficeShare)} in the back office), ${s.notes} sticky notes.`,
    '',
  );

  lines.push(`${h(1)} Stages`, '');
  if (data.stages.length === 0) lines.push('No stages yet.', '');
  else {
    lines.push('| # | Stage | Emotion | Touchpoints | Open pain points | Worst severity | Back office |', '| --- | --- | --- | --- | --- | --- | --- |');
    data.stages.forEach((stage, i) => {
      const touchpoints = stage.touchpoints.map((t) => `${t.name} (${channelLabel(t.channel)})`).join(', ') || '–';
      lines.push(
        `| ${i + 1} | ${mdTableCell(stage.name)} | ${stage.emotion > 0 ? '+' : ''}${stage.emotion} ${EMOTION_LABELS[stage.emotion]} | ${mdTableCell(touchpoints)} | ${stage.summary.open} | ${stage.summary.worstSeverity ?? '–'} | ${percent(stage.summary.backOfficeShare)} |`,
      );
    });
    lines.push('');
  }

  lines.push(`${h(1)} Pain points by priority`, '');
  if (data.painPoints.length === 0) lines.push('No pain points yet.', '');
  else {
    lines.push(
      '| Rank | Pain point | Stage | Touchpoint | Severity | Customers | Votes | Side | Owners | Status | KPIs | Priority |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const p of data.painPoints) {
      const kpis = p.kpis.map((k) => (k.name ? `${k.name}${k.status ? ` (${k.status})` : ''}` : k.id)).join(', ') || '–';
      const owners = p.owners.map((o) => SEAT_LABELS[o]).join(', ') || '–';
      lines.push(
        `| ${p.rank} | ${mdTableCell(p.title)} | ${mdTableCell(p.stage ?? 'Unplaced')} | ${mdTableCell(p.touchpoint ?? '–')} | ${p.severity} | ${count(p.customersAffected)} | ${p.votes} | ${SIDE_LABELS[p.side]} | ${mdTableCell(owners)} | ${PAIN_STATUS_LABELS[p.status]} | ${mdTableCell(kpis)} | ${p.priority} |`,
      );
    }
    lines.push('');
    const described = data.painPoints.filter((p) => p.description.trim());
    if (described.length > 0) {
      lines.push(`${h(2)} Descriptions`, '');
      for (const p of described) lines.push(`- **${p.rank}. ${markdownText(p.title)}**: ${markdownText(p.description.trim())}`);
      lines.push('');
    }
  }

  if (data.notes.length > 0) {
    lines.push(`${h(1)} Sticky notes`, '');
    for (const n of data.notes) lines.push(`- **${markdownText(n.stage ?? 'Unplaced')}**: ${markdownText(n.text.trim()) || '(empty)'}${n.authorName ? ` (${markdownText(n.authorName)})` : ''}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name for a journey's export: its title in lower-case words joined by dashes. */
export function journeyFileName(journey: Pick<Journey, 'title' | 'id'>, extension: 'md' | 'json'): string {
  return `journey-${fileSlug(journey.title) || journey.id}.${extension}`;
}
