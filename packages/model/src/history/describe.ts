import { ENTRY_KIND_LABELS, type EntryChange, type FieldChange } from './types';

// Long texts are named, not quoted: a one-liner says that the definition changed, not what it says.
const TEXT_FIELDS = new Set(['description', 'definition', 'it', 'marketing', 'text', 'persona', 'stages', 'agenda']);

const FIELD_LABELS: Record<string, string> = {
  it: 'meaning for IT',
  marketing: 'meaning for marketing',
  customersAffected: 'customers affected',
  stageId: 'stage',
  touchpointId: 'touchpoint',
  itemId: 'agenda item',
  kpis: 'linked KPIs',
  abbreviation: 'abbreviation',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(show).join(', ');
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A state word for the changes people look for first ("resolved", "agreed", "done"), or null. */
function verb(change: EntryChange, f: FieldChange): string | null {
  if (f.field === 'status' && change.kind === 'painPoint' && f.to === 'resolved') return 'resolved';
  if (f.field === 'status' && change.kind === 'term' && f.to === 'agreed') return 'agreed';
  if (f.field === 'status' && change.kind === 'term' && f.to === 'deprecated') return 'deprecated';
  if (f.field === 'done' && change.kind === 'action') return f.to ? 'done' : 'reopened';
  if (f.field === 'overdue' && change.kind === 'action' && f.to === true) return 'overdue';
  if (f.field === 'startedAt' && change.kind === 'meeting' && f.to) return 'started';
  if (f.field === 'endedAt' && change.kind === 'meeting') return f.to ? 'ended' : 'reopened';
  return null;
}

/** One field change as words: "target 40 -> 45", "value 42 on 2026-11-01 added", "definition edited". */
export function describeField(f: FieldChange): string {
  if (f.field === 'value' && f.at) {
    if (f.from === null) return `value ${show(f.to)} on ${f.at} added`;
    if (f.to === null) return `value ${show(f.from)} on ${f.at} removed`;
    return `value on ${f.at} ${show(f.from)} -> ${show(f.to)}`;
  }
  const label = FIELD_LABELS[f.field] ?? f.field;
  if (TEXT_FIELDS.has(f.field)) return `${label} edited`;
  return `${label} ${show(f.from)} -> ${show(f.to)}`;
}

/**
 * A change as one readable line: "KPI 'Net promoter score': target 40 -> 45", "Term 'Churn' added",
 * "Pain point 'Slow checkout' resolved".
 */
export function describeChange(change: EntryChange): string {
  const head = `${ENTRY_KIND_LABELS[change.kind]} '${change.title}'`;
  if (change.change !== 'changed') return `${head} ${change.change}`;
  const verbs: string[] = [];
  const parts: string[] = [];
  for (const f of change.fields) {
    const word = verb(change, f);
    if (word) verbs.push(word);
    else if (!(f.field === 'overdue' || (f.field === 'done' && change.kind === 'action'))) parts.push(describeField(f));
  }
  return `${head}${verbs.length > 0 ? ` ${verbs.join(', ')}` : ''}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
}
