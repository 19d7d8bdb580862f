import { describeChange, diffDocs, type EntryChange, type FieldChange, type HistoryDoc } from '@troika/model';
import * as Y from 'yjs';
import { badRequest } from '../errors';
import { readEdits } from './edit-log';
import type { HistoryService } from './history-service';
import type { VersionRow } from './version-store';

/** A field change with the people who edited that field since (when known). */
export type AttributedField = FieldChange & { by?: string[] };

/** One change of `GET /changes`: the model's entry change, who made it and when, and one readable line. */
export interface AttributedChange extends Omit<EntryChange, 'fields'> {
  fields: AttributedField[];
  /** Who edited the entry since, the latest first (user ids, or `token:<id>`; empty when unknown). */
  by: string[];
  /** The latest edit to it (ISO time), or null when unknown. */
  at: string | null;
  /** The change as one line: "KPI 'Net promoter score': target 40 -> 45". */
  text: string;
}

export interface ChangesResult {
  since: string;
  changes: AttributedChange[];
  /** Per document, the version the current state was compared with (null: with an empty document). */
  from: Partial<Record<HistoryDoc, { id: string; at: string } | null>>;
}

/** Fields of a diff that come from other recorded fields (a KPI's status moves with its target and values). */
const RECORDED_AS: Record<string, string[]> = { value: ['values'], status: ['status', 'target', 'values', 'direction'], overdue: ['due', 'done'] };

/**
 * `since` as the API takes it: an ISO time (not in the future) or the id of a version of this
 * workspace (then the time it was made). Anything else is a 400 naming `since`.
 */
export async function resolveSince(
  history: HistoryService,
  workspaceId: string,
  since: string,
  now: Date,
  field: 'since' | 'until' = 'since',
): Promise<{ at: Date; version: VersionRow | null }> {
  if (/^\d{4}-\d{2}-\d{2}/.test(since)) {
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) throw badRequest('invalid_field', `${field}: '${since}' is not a valid ISO time or version id.`, field);
    if (at.getTime() > now.getTime()) throw badRequest('invalid_field', `${field}: is in the future.`, field);
    return { at, version: null };
  }
  const found = await history.versions.find(since);
  if (!found || found.row.workspaceId !== workspaceId) {
    throw badRequest('invalid_field', `${field}: '${since}' is neither an ISO time nor a version of this workspace.`, field);
  }
  return { at: found.row.at, version: found.row };
}

/**
 * What changed in each document since `at`: the newest version at or before it against the document
 * now (or, with `until`, against the newest version at or before that time: a closed window such as
 * "between the last meeting's end and this one's start", the same answer whenever asked), entry by
 * entry, with who edited each entry in the window and when (from `doc_edits`). A version made before
 * `at` may hold edits made between it and `at`: an entry whose recorded edits all fall there is left out.
 */
export async function changesSince(
  history: HistoryService,
  workspaceId: string,
  at: Date,
  docs: readonly HistoryDoc[],
  now = new Date(),
  until: Date | null = null,
): Promise<ChangesResult> {
  const from: ChangesResult['from'] = {};
  const all: AttributedChange[] = [];
  const end = until ?? now;
  const options = { today: end.toISOString().slice(0, 10), before: at.toISOString().slice(0, 10) };
  await Promise.all(
    docs.map(async (doc) => {
      const key = { workspaceId, doc };
      const base = await history.versions.atOrBefore(key, at);
      from[doc] = base ? { id: base.id, at: base.at.toISOString() } : null;
      const before = base ? await history.versions.state(key, base.id) : new Y.Doc();
      const lower = base ? base.at : new Date(0);
      const last = until ? await history.versions.atOrBefore(key, until) : null;
      const changes = until
        ? diffDocs(doc, before, last ? await history.versions.state(key, last.id) : new Y.Doc(), options)
        : await history.sync.read(key, (after) => diffDocs(doc, before, after, options));
      // The document is loaded now: what was appended but not yet recorded (or read back after a crash) is recorded first.
      await history.recorder.flush();
      const edits = await readEdits(history.database.db, key, lower);
      const byEntry = new Map<string, typeof edits>();
      for (const e of edits) {
        const k = `${e.kind}\n${e.entryId}`;
        const list = byEntry.get(k) ?? [];
        list.push(e);
        byEntry.set(k, list);
      }
      for (const change of changes) {
        const recorded = byEntry.get(`${change.kind}\n${change.id}`) ?? [];
        const since = recorded.filter((e) => e.at.getTime() > at.getTime() && (until === null || e.at.getTime() <= until.getTime()));
        // Left out only when edits between the base version and `at` explain it. Edits after `until`
        // do not: a change in the window is never hidden because the entry was edited again later.
        if (since.length === 0 && recorded.some((e) => e.at.getTime() <= at.getTime())) continue;
        all.push(attribute(change, since));
      }
    }),
  );
  all.sort((a, b) => (a.at === b.at ? 0 : a.at === null ? 1 : b.at === null ? -1 : a.at < b.at ? 1 : -1));
  return { since: at.toISOString(), changes: all, from };
}

type Edit = { field: string; userId: string | null; at: Date };

/** People, latest first, without repeats. */
function peopleOf(edits: readonly Edit[]): string[] {
  const latest = new Map<string, number>();
  for (const e of edits) if (e.userId) latest.set(e.userId, Math.max(latest.get(e.userId) ?? 0, e.at.getTime()));
  return [...latest].sort((a, b) => b[1] - a[1]).map(([user]) => user);
}

function attribute(change: EntryChange, edits: readonly Edit[]): AttributedChange {
  const latest = edits.reduce<number | null>((max, e) => (max === null || e.at.getTime() > max ? e.at.getTime() : max), null);
  const fields = change.fields.map((f) => {
    const names = RECORDED_AS[f.field] ?? [f.field];
    const by = peopleOf(edits.filter((e) => names.includes(e.field)));
    return by.length > 0 ? { ...f, by } : f;
  });
  return { ...change, fields, by: peopleOf(edits), at: latest === null ? null : new Date(latest).toISOString(), text: describeChange(change) };
}
