
/** The documents with a history: the content people edit (comments are conversation, not content). */
export const HISTORY_DOCS = ['board', 'glossary', 'journeys', 'meetings'] as const;
export type HistoryDoc = (typeof HISTORY_DOCS)[number];

/** Whether `name` is a document with a history. */
export function isHistoryDoc(name: string): name is HistoryDoc {
  return (HISTORY_DOCS as readonly string[]).includes(name);
}

/** What kind of entry a change is about (see "History" in DESIGN.md). */
export const ENTRY_KINDS = ['kpi', 'term', 'journey', 'painPoint', 'note', 'meeting', 'action', 'decision'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  kpi: 'KPI',
  term: 'Term',
  journey: 'Journey',
  painPoint: 'Pain point',
  note: 'Note',
  meeting: 'Meeting',
  action: 'Action',
  decision: 'Decision',
};

export const CHANGE_TYPES = ['added', 'changed', 'removed'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/**
 * One field that differs. `at` is set for a KPI value (the date it is for: `field` is `value`, `from`
 * null when it was added, `to` null when it was removed).
 */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  at?: string;
}

/** What differs about one entry between two states of a document. */
export interface EntryChange {
  doc: HistoryDoc;
  kind: EntryKind;
  id: string;
  /** The entry's name now (or, when removed, as it was). */
  title: string;
  change: ChangeType;
  /** For `changed`: what differs. Empty for `added` and `removed`. */
  fields: FieldChange[];
  /** Where it sits, for nested entries: the journey of a pain point or note, the meeting of an action or decision. */
  parent?: { kind: EntryKind; id: string; title: string };
}

/** Options of a diff: the days (YYYY-MM-DD) of the later and the earlier state, for actions' overdue marks. */
export interface DiffOptions {
  today: string;
  /** The day of the earlier state; `today` when not given. */
  before?: string;
}
