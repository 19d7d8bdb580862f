import { isTokenActor, type Member } from '@troika/model';

/** The names fields go by in the history (the document's keys are terse: `it`, `stageId`). */
const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  term: 'term',
  it: 'meaning for IT',
  marketing: 'meaning for marketing',
  definition: 'definition',
  customersAffected: 'customers affected',
  stageId: 'stage',
  touchpointId: 'touchpoint',
  itemId: 'agenda item',
  kpis: 'linked KPIs',
  outcomes: 'linked outcomes',
  startedAt: 'started',
  endedAt: 'ended',
};

/** A field as people read it: "target", "meaning for IT", "value on 2026-11-01". */
export function fieldLabel(field: string, at?: string): string {
  if (field === 'value' && at) return `value on ${at}`;
  return FIELD_LABELS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const LONG = 80;

/** A field's value in one short line: none is "—", lists are joined, long texts are cut. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(showValue).join(', ');
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > LONG ? `${line.slice(0, LONG - 1)}…` : line;
}

/**
 * Who a history's user id is, for people: "you", a member's name, "an integration" for an API
 * token, or "a former member" (their edits stay in the history after they leave).
 */
export function personName(id: string, members: readonly Pick<Member, 'userId' | 'name'>[], meId: string | null): string {
  if (id === meId) return 'you';
  if (isTokenActor(id)) return 'an integration';
  return members.find((m) => m.userId === id)?.name ?? 'a former member';
}

/** Several people as one phrase: "Ada", "Ada and Bea", "Ada, Bea and 2 others". */
export function peopleNames(ids: readonly string[], members: readonly Pick<Member, 'userId' | 'name'>[], meId: string | null): string {
  const names = [...new Set(ids.map((id) => personName(id, members, meId)))];
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

const KIND_LABELS: Record<string, string> = { auto: 'Saved automatically', named: 'Named version', meeting: 'Meeting', restore: 'Before a restore' };

/** What a version is called in the list: its name, else what made it. */
export function versionTitle(version: { name: string; kind: string }): string {
  return version.name || KIND_LABELS[version.kind] || 'Version';
}

/** What made a version, in a word or two. */
export function versionKind(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** A version's time as people read it: "3 Dec 2026, 14:05" (their locale and time zone). */
export function versionTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** How an entry stands now against the version shown (a change since that version). */
export const SINCE_LABELS: Record<'added' | 'changed' | 'removed', string> = {
  added: 'Added since',
  changed: 'Changed since',
  removed: 'Removed since',
};

/** A change as `GET /changes` gives it, as far as the words need. */
interface ChangeForWords {
  title: string;
  change: 'added' | 'changed' | 'removed';
  fields: readonly { field: string; from: unknown; to: unknown; at?: string }[];
}

/**
 * What restoring a version does to one entry, in words for the confirmation: each field goes back
 * from what it is now to what it was ("target 45 → 40"); an entry added since goes, one removed since comes back.
 */
export function restoreLine(change: ChangeForWords): string {
  if (change.change === 'added') return `${change.title}: removed (it was added since)`;
  if (change.change === 'removed') return `${change.title}: comes back`;
  const fields = change.fields.filter((f) => f.field !== 'overdue').map((f) => `${fieldLabel(f.field, f.at)} ${showValue(f.to)} → ${showValue(f.from)}`);
  return `${change.title}: ${fields.join('; ') || 'as it was'}`;
}
