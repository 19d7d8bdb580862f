import { REF_KINDS, SINCE_GROUPS, type RefKind, type SinceGroup, type SinceItem, type SinceRecord } from './types';

// The reader of a meeting's kept "since the last meeting" (`sinceLast`), apart from the rules that make
// it (since-last-meeting.ts): every screen reads meetings, only the meeting page makes the list.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function readItem(v: unknown): SinceItem | null {
  if (!isRecord(v) || !(SINCE_GROUPS as readonly unknown[]).includes(v.group) || !isRecord(v.ref)) return null;
  const { kind, id } = v.ref;
  if (!(REF_KINDS as readonly unknown[]).includes(kind) || typeof id !== 'string' || id === '') return null;
  const by = Array.isArray(v.by) ? v.by.filter((x): x is string => typeof x === 'string') : [];
  return { group: v.group as SinceGroup, ref: { kind: kind as RefKind, id }, title: str(v.title), what: str(v.what), by };
}

/** Reads a stored section, tolerant of junk (another program may have written it); null when absent. */
export function readSinceRecord(value: unknown): SinceRecord | null {
  if (!isRecord(value) || !Array.isArray(value.items)) return null;
  const p = value.previous;
  const previous = isRecord(p) && typeof p.id === 'string' ? { id: p.id, title: str(p.title), endedAt: str(p.endedAt) } : null;
  return {
    previous,
    until: typeof value.until === 'string' && value.until !== '' ? value.until : null,
    items: value.items.map(readItem).filter((i): i is SinceItem => i !== null),
  };
}
