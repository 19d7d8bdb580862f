import { byLatestActivity, lastActivity } from '../conversations/comments-doc';
import { oneLine } from '../conversations/event-text';
import type { Thread } from '../conversations/types';
import type { AgendaRef, Meeting } from './types';

// Open conversations as agenda material: a question about a KPI, a term or a pain point that nobody has
// settled yet is what a joint meeting is for.

/** What threads on these kinds can become agenda items about. */
const SUGGESTED_KINDS = ['kpi', 'term', 'painPoint'] as const;
type SuggestedKind = (typeof SUGGESTED_KINDS)[number];

/** How many objects are suggested at most: the latest discussed first. */
export const THREAD_SUGGESTION_LIMIT = 8;

export interface ThreadSuggestion {
  ref: AgendaRef & { kind: SuggestedKind };
  /** The object's name (the agenda item's title when added). */
  title: string;
  /** Open threads on it, latest activity first. */
  threads: Thread[];
  /** The latest thread's opening comment on one line, and who wrote it. */
  excerpt: { author: string; body: string };
  /** The latest activity on its threads (ISO time). */
  at: string;
}

/**
 * The objects with unresolved threads (KPIs, terms, pain points) that `meeting`'s agenda does not point
 * at yet, latest activity first, one per object. `titleOf` names an object, or says (null) that it no
 * longer exists: threads on deleted objects are not suggested.
 */
export function threadAgendaSuggestions(threads: readonly Thread[], meeting: Pick<Meeting, 'agenda'>, titleOf: (ref: AgendaRef) => string | null): ThreadSuggestion[] {
  const taken = new Set(meeting.agenda.flatMap((i) => (i.ref ? [`${i.ref.kind}:${i.ref.id}`] : [])));
  const byObject = new Map<string, Thread[]>();
  for (const t of [...threads].sort(byLatestActivity)) {
    if (t.resolved || !(SUGGESTED_KINDS as readonly string[]).includes(t.target.kind)) continue;
    const key = `${t.target.kind}:${t.target.id}`;
    if (taken.has(key)) continue;
    byObject.set(key, [...(byObject.get(key) ?? []), t]);
  }
  const out: ThreadSuggestion[] = [];
  for (const list of byObject.values()) {
    const latest = list[0]!;
    const ref = { kind: latest.target.kind as SuggestedKind, id: latest.target.id };
    const title = titleOf(ref);
    if (title === null) continue;
    const first = latest.comments[0];
    out.push({ ref, title, threads: list, excerpt: { author: first?.author ?? latest.createdBy, body: oneLine(first?.body ?? '', 120) }, at: lastActivity(latest) });
    if (out.length === THREAD_SUGGESTION_LIMIT) break;
  }
  return out;
}
