import * as Y from 'yjs';
import type { DocName } from '../documents';
import { TARGET_KINDS, type Target, type TargetKind } from './types';

/** Which document holds each kind of target. */
export const TARGET_DOCS: Record<TargetKind, DocName> = {
  kpi: 'board',
  term: 'glossary',
  journey: 'journeys',
  painPoint: 'journeys',
  note: 'journeys',
  meeting: 'meetings',
  agendaItem: 'meetings',
};

export const TARGET_LABELS: Record<TargetKind, string> = {
  kpi: 'KPI',
  term: 'term',
  journey: 'journey',
  painPoint: 'pain point',
  note: 'note',
  meeting: 'meeting',
  agendaItem: 'agenda item',
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses `kind:id` (the `target` query parameter); null when it is not one. */
export function parseTarget(value: string): Target | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  if (!(TARGET_KINDS as readonly string[]).includes(kind) || !ID.test(id)) return null;
  return { kind: kind as TargetKind, id };
}

export const targetKey = (t: Target) => `${t.kind}:${t.id}`;

const asMap = (value: unknown): Y.Map<unknown> | null => (value instanceof Y.Map ? (value as Y.Map<unknown>) : null);
const text = (value: unknown): string => (typeof value === 'string' ? value : value instanceof Y.Text ? value.toString() : '');

/** An entry of a collection held by one of the root's children (a journey's pain points, a meeting's agenda). */
function nestedEntry(root: Y.Map<unknown>, collection: string, id: string): Y.Map<unknown> | null {
  for (const parent of root.values()) {
    const entry = asMap(asMap(asMap(parent)?.get(collection))?.get(id));
    if (entry) return entry;
  }
  return null;
}

/** The target's Y.Map in its document (`doc` must be the document TARGET_DOCS names), or null. */
function targetEntry(doc: Y.Doc, target: Target): Y.Map<unknown> | null {
  switch (target.kind) {
    case 'kpi':
      return asMap(doc.getMap('kpis').get(target.id));
    case 'term': {
      const term = asMap(doc.getMap('terms').get(target.id));
      // A duplicate merged into another term is hidden everywhere: talk about the term it went into.
      return term && !term.get('mergedInto') ? term : null;
    }
    case 'journey':
      return asMap(doc.getMap('journeys').get(target.id));
    case 'painPoint':
      return nestedEntry(doc.getMap('journeys'), 'painPoints', target.id);
    case 'note':
      return nestedEntry(doc.getMap('journeys'), 'notes', target.id);
    case 'meeting':
      return asMap(doc.getMap('meetings').get(target.id));
    case 'agendaItem':
      return nestedEntry(doc.getMap('meetings'), 'agenda', target.id);
  }
}

/** Whether the target exists in `doc`, the document TARGET_DOCS names for its kind. */
export function targetExists(doc: Y.Doc, target: Target): boolean {
  return targetEntry(doc, target) !== null;
}

/** A short readable name of the target (its name, term, title or a note's first words), or '' when missing. */
export function targetTitle(doc: Y.Doc, target: Target): string {
  const entry = targetEntry(doc, target);
  if (!entry) return '';
  const field = { kpi: 'name', term: 'term', note: 'text' }[target.kind as string] ?? 'title';
  return text(entry.get(field)).replace(/\s+/g, ' ').trim().slice(0, 80);
}
