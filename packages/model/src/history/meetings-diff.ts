import type * as Y from 'yjs';
import { isOverdue } from '../meetings/action-rules';
import { readMeetings } from '../meetings/read-meeting';
import type { ActionItem, Decision, Meeting } from '../meetings/types';
import { changedFields, pairById } from './field-diff';
import type { DiffOptions, EntryChange, EntryKind, FieldChange } from './types';

const MEETING_FIELDS = ['title', 'date', 'startedAt', 'endedAt', 'presenter', 'attendees'] as const;
const ACTION_FIELDS = ['text', 'owner', 'due', 'done', 'itemId'] as const;
const DECISION_FIELDS = ['text', 'itemId'] as const;

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** The agenda as titles in order: what people read of it. */
const agendaOf = (m: Meeting) => ({ agenda: m.agenda.map((i) => i.title) });

/**
 * Meetings, their actions and decisions added, removed and changed between two states of the meetings
 * document. An action overdue by `today` that was not on the `before` day is listed as `overdue` false -> true.
 */
export function diffMeetings(before: Y.Doc, after: Y.Doc, options: DiffOptions): EntryChange[] {
  const out: EntryChange[] = [];
  const entry = (kind: EntryKind, id: string, title: string, type: EntryChange['change'], fields: FieldChange[], parent?: Meeting): EntryChange => ({
    doc: 'meetings',
    kind,
    id,
    title,
    change: type,
    fields,
    ...(parent ? { parent: { kind: 'meeting' as const, id: parent.id, title: parent.title } } : {}),
  });
  const overdue = (a: ActionItem) => isOverdue(a, options.today);
  const wasOverdue = (a: ActionItem) => isOverdue(a, options.before ?? options.today);
  const meetings = pairById(readMeetings(before), readMeetings(after));
  for (const m of meetings.added) {
    out.push(entry('meeting', m.id, m.title, 'added', []));
    for (const a of m.actions) out.push(entry('action', a.id, clip(a.text), 'added', [], m));
    for (const d of m.decisions) out.push(entry('decision', d.id, clip(d.text), 'added', [], m));
  }
  for (const [was, now] of meetings.both) {
    const fields = [...changedFields(was, now, MEETING_FIELDS), ...changedFields(agendaOf(was), agendaOf(now), ['agenda'])];
    if (fields.length > 0) out.push(entry('meeting', now.id, now.title, 'changed', fields));
    const actions = pairById(was.actions, now.actions);
    for (const a of actions.added) out.push(entry('action', a.id, clip(a.text), 'added', [], now));
    for (const [a, b] of actions.both) {
      const f = changedFields(a, b, ACTION_FIELDS);
      // Overdue is a matter of the date too: an action nobody touched can become overdue.
      if (wasOverdue(a) !== overdue(b)) f.push({ field: 'overdue', from: wasOverdue(a), to: overdue(b) });
      if (f.length > 0) out.push(entry('action', b.id, clip(b.text), 'changed', f, now));
    }
    for (const a of actions.removed) out.push(entry('action', a.id, clip(a.text), 'removed', [], now));
    const decisions = pairById<Decision>(was.decisions, now.decisions);
    for (const d of decisions.added) out.push(entry('decision', d.id, clip(d.text), 'added', [], now));
    for (const [a, b] of decisions.both) {
      const f = changedFields(a, b, DECISION_FIELDS);
      if (f.length > 0) out.push(entry('decision', b.id, clip(b.text), 'changed', f, now));
    }
    for (const d of decisions.removed) out.push(entry('decision', d.id, clip(d.text), 'removed', [], now));
  }
  for (const m of meetings.removed) out.push(entry('meeting', m.id, m.title, 'removed', []));
  return out;
}
