import type * as Y from 'yjs';
import { readJourneys } from '../journeys/read-journey';
import type { Journey, PainPoint, StickyNote } from '../journeys/types';
import { changedFields, pairById } from './field-diff';
import type { EntryChange, EntryKind, FieldChange } from './types';

const PAIN_FIELDS = ['title', 'description', 'storedStageId', 'touchpointId', 'severity', 'customersAffected', 'side', 'owners', 'status', 'kpis'] as const;
// Where a note sits on the map (x, y) moves all the time and says nothing: left out.
const NOTE_FIELDS = ['text', 'stageId', 'color'] as const;

const noteTitle = (n: StickyNote) => (n.text.length > 60 ? `${n.text.slice(0, 59)}…` : n.text) || 'Untitled note';

/** A journey's own fields: title, persona, and its stages (names and order) and touchpoints, as a whole. */
function journeyFields(was: Journey, now: Journey): FieldChange[] {
  const outline = (j: Journey) => j.stages.map((s) => ({ name: s.name, emotion: s.emotion, touchpoints: s.touchpoints.map((t) => `${t.name} (${t.channel})`) }));
  const fields = changedFields(was, now, ['title', 'persona']);
  const stages = changedFields({ stages: outline(was) }, { stages: outline(now) }, ['stages']);
  return [...fields, ...stages];
}

function painFields(was: PainPoint, now: PainPoint): FieldChange[] {
  const fields = changedFields(was, now, PAIN_FIELDS).map((f) => (f.field === 'storedStageId' ? { ...f, field: 'stageId' } : f));
  if (was.votes.length !== now.votes.length) fields.push({ field: 'votes', from: was.votes.length, to: now.votes.length });
  return fields;
}

/** Journeys, pain points and notes added, removed and changed between two states of the journeys document. */
export function diffJourneys(before: Y.Doc, after: Y.Doc): EntryChange[] {
  const out: EntryChange[] = [];
  const entry = (kind: EntryKind, id: string, title: string, type: EntryChange['change'], fields: FieldChange[], parent?: Journey): EntryChange => ({
    doc: 'journeys',
    kind,
    id,
    title,
    change: type,
    fields,
    ...(parent ? { parent: { kind: 'journey' as const, id: parent.id, title: parent.title } } : {}),
  });
  const journeys = pairById(readJourneys(before), readJourneys(after));
  for (const j of journeys.added) {
    out.push(entry('journey', j.id, j.title, 'added', []));
    for (const p of j.painPoints) out.push(entry('painPoint', p.id, p.title, 'added', [], j));
    for (const n of j.notes) out.push(entry('note', n.id, noteTitle(n), 'added', [], j));
  }
  for (const [was, now] of journeys.both) {
    const fields = journeyFields(was, now);
    if (fields.length > 0) out.push(entry('journey', now.id, now.title, 'changed', fields));
    const pains = pairById(was.painPoints, now.painPoints);
    for (const p of pains.added) out.push(entry('painPoint', p.id, p.title, 'added', [], now));
    for (const [a, b] of pains.both) {
      const f = painFields(a, b);
      if (f.length > 0) out.push(entry('painPoint', b.id, b.title, 'changed', f, now));
    }
    for (const p of pains.removed) out.push(entry('painPoint', p.id, p.title, 'removed', [], now));
    const notes = pairById(was.notes, now.notes);
    for (const n of notes.added) out.push(entry('note', n.id, noteTitle(n), 'added', [], now));
    for (const [a, b] of notes.both) {
      const f = changedFields(a, b, NOTE_FIELDS);
      if (f.length > 0) out.push(entry('note', b.id, noteTitle(b), 'changed', f, now));
    }
    for (const n of notes.removed) out.push(entry('note', n.id, noteTitle(n), 'removed', [], now));
  }
  for (const j of journeys.removed) out.push(entry('journey', j.id, j.title, 'removed', []));
  return out;
}
