import type { Target } from '@troika/model';

/**
 * Where an object and its thread open: the board with `?kpi=`, the glossary with `?term=`, a journey
 * or a meeting by its page; `&thread=` opens the comments panel on arrival. Objects whose page needs
 * more than their own id (a pain point's journey, an agenda item's meeting) are given it when known.
 */
export function targetHref(workspaceId: string, target: { kind: string; id: string } | null, threadId?: string | null, parentId?: string | null): string {
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const thread = threadId ? `thread=${encodeURIComponent(threadId)}` : '';
  const q = (first: string) => (first && thread ? `?${first}&${thread}` : first ? `?${first}` : thread ? `?${thread}` : '');
  if (!target) return `${base}/conversations`;
  const id = encodeURIComponent(target.id);
  switch (target.kind as Target['kind']) {
    case 'kpi':
      return `${base}/board${q(`kpi=${id}`)}`;
    case 'term':
      return `${base}/glossary${q(`term=${id}`)}`;
    case 'journey':
      return `${base}/journeys/${id}${q('')}`;
    case 'painPoint':
    case 'note':
      return parentId ? `${base}/journeys/${encodeURIComponent(parentId)}${q(`${target.kind === 'note' ? 'note' : 'pain'}=${id}`)}` : `${base}/conversations`;
    case 'meeting':
      return `${base}/meetings/${id}${q('')}`;
    case 'agendaItem':
      return parentId ? `${base}/meetings/${encodeURIComponent(parentId)}${q(`item=${id}`)}` : `${base}/conversations`;
    default:
      return `${base}/conversations`;
  }
}

/** "KPI", "term", …: what a target is, in words. */
export const TARGET_KIND_LABELS: Record<Target['kind'], string> = {
  kpi: 'KPI',
  term: 'Glossary term',
  journey: 'Journey',
  painPoint: 'Pain point',
  note: 'Sticky note',
  meeting: 'Meeting',
  agendaItem: 'Agenda item',
};
