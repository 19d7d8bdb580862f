import { STATUS_LABELS, KPI_STATUSES, type KpiStatus } from '../board/kpi-status';
import { formatValue } from '../board/value-format';
import type { EntryChange } from '../history/types';
import { SINCE_GROUPS, type AgendaRef, type SinceItem } from './types';

// "Since the last meeting": what moved between the previous meeting's end and this one's start, as the
// meeting page opens with it and as its minutes keep it (stored in the meeting when it ends, so the
// list and its figures stay as they were while the board moves on; read back by since-record.ts).

/** A change as `GET /changes` answers it (the model's entry change, with who made it). */
export type ChangeLike = Pick<EntryChange, 'kind' | 'id' | 'title' | 'change' | 'fields' | 'parent'> & { by?: readonly string[] };

export interface SinceContext {
  /** The meeting the section is for: its own actions are its business, not news. */
  meetingId: string;
  /** KPI id -> unit, for the figures. */
  units?: ReadonlyMap<string, string>;
}

const statusLabel = (s: unknown) => ((KPI_STATUSES as readonly unknown[]).includes(s) ? STATUS_LABELS[s as KpiStatus] : 'none');
const num = (v: unknown) => (typeof v === 'number' ? v : null);

function kpiWhat(change: ChangeLike, unit: string): string | null {
  if (change.change === 'added') return 'Added to the board';
  if (change.change !== 'changed') return null;
  const figure = (v: unknown) => formatValue(num(v), unit, 'en-US');
  const parts: string[] = [];
  for (const f of change.fields) {
    if (f.field === 'status') parts.unshift(`Status ${statusLabel(f.from)} → ${statusLabel(f.to)}`);
    else if (f.field === 'target') parts.push(`Target ${figure(f.from)} → ${figure(f.to)}`);
    else if (f.field === 'value' && f.at && f.from === null) parts.push(`${figure(f.to)} on ${f.at} added`);
    else if (f.field === 'value' && f.at && f.to !== null) parts.push(`${f.at} corrected ${figure(f.from)} → ${figure(f.to)}`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

function termWhat(change: ChangeLike): string | null {
  if (change.change === 'added') return 'Added (proposed)';
  const status = change.fields.find((f) => f.field === 'status');
  return change.change === 'changed' && status?.to === 'agreed' ? 'Agreed by both sides' : null;
}

function painWhat(change: ChangeLike): string | null {
  const on = change.parent ? ` on “${change.parent.title}”` : '';
  if (change.change === 'added') return `Added${on}`;
  const status = change.fields.find((f) => f.field === 'status');
  return change.change === 'changed' && status?.to === 'resolved' ? `Resolved${on}` : null;
}

function actionWhat(change: ChangeLike, meetingId: string): string | null {
  if (change.change !== 'changed' || !change.parent || change.parent.id === meetingId) return null;
  const done = change.fields.some((f) => f.field === 'done' && f.to === true);
  const overdue = change.fields.some((f) => f.field === 'overdue' && f.to === true);
  const from = ` (from “${change.parent.title}”)`;
  return done ? `Done${from}` : overdue ? `Overdue${from}` : null;
}

/**
 * The changes worth a meeting's attention, grouped (KPIs, glossary, pain points, actions) in the order
 * given within each group: KPIs added or whose status, target or values moved; terms added or agreed;
 * pain points added or resolved; earlier meetings' actions done or gone overdue. Other edits are left out.
 */
export function sinceItems(changes: readonly ChangeLike[], context: SinceContext): SinceItem[] {
  const items: SinceItem[] = [];
  for (const c of changes) {
    const by = [...(c.by ?? [])];
    let item: SinceItem | null = null;
    if (c.kind === 'kpi') {
      const what = kpiWhat(c, context.units?.get(c.id) ?? '');
      if (what) item = { group: 'kpi', ref: { kind: 'kpi', id: c.id }, title: c.title || 'Untitled KPI', what, by };
    } else if (c.kind === 'term') {
      const what = termWhat(c);
      if (what) item = { group: 'term', ref: { kind: 'term', id: c.id }, title: c.title || 'Untitled term', what, by };
    } else if (c.kind === 'painPoint') {
      const what = painWhat(c);
      if (what) item = { group: 'painPoint', ref: { kind: 'painPoint', id: c.id }, title: c.title || 'Untitled pain point', what, by };
    } else if (c.kind === 'action') {
      const what = actionWhat(c, context.meetingId);
      if (what && c.parent) item = { group: 'action', ref: { kind: 'meeting', id: c.parent.id }, title: c.title || 'Untitled action', what, by };
    }
    if (item) items.push(item);
  }
  return SINCE_GROUPS.flatMap((g) => items.filter((i) => i.group === g));
}

/** Whether an item is on the agenda already (an agenda item points at the same thing). */
export function sinceOnAgenda(item: Pick<SinceItem, 'ref'>, agenda: readonly { ref: AgendaRef | null }[]): boolean {
  return agenda.some((a) => a.ref?.kind === item.ref.kind && a.ref.id === item.ref.id);
}
