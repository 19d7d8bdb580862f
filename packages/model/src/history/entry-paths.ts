import * as Y from 'yjs';
import type { EntryKind, HistoryDoc } from './types';

/** The root map of each document (DESIGN.md, "Sync"). */
export const ROOT_OF: Record<HistoryDoc, string> = { board: 'kpis', glossary: 'terms', journeys: 'journeys', meetings: 'meetings' };

/** An entry an edit touched: its kind and id, and the field of it (null when the entry itself was set or deleted). */
export interface TouchedEntry {
  kind: EntryKind;
  id: string;
  field: string | null;
}

const TOP_KIND: Record<HistoryDoc, EntryKind> = { board: 'kpi', glossary: 'term', journeys: 'journey', meetings: 'meeting' };
/** Collections of nested entries: journeys hold pain points and notes, meetings actions and decisions. */
const NESTED: Record<string, EntryKind> = { painPoints: 'painPoint', notes: 'note', actions: 'action', decisions: 'decision' };

/**
 * Which entry a path in a document belongs to. The path starts at the root map's name:
 * `['kpis', id, 'target']`, `['journeys', jid, 'painPoints', pid, 'status']`. A path outside the
 * document's entries (another root) gives null.
 */
export function entryOfPath(doc: HistoryDoc, path: readonly string[]): TouchedEntry | null {
  if (path[0] !== ROOT_OF[doc] || path.length < 2) return null;
  const [, id, field, nestedId, nestedField] = path;
  const nested = field !== undefined ? NESTED[field] : undefined;
  if (nested && (doc === 'journeys' ? field === 'painPoints' || field === 'notes' : doc === 'meetings' && (field === 'actions' || field === 'decisions'))) {
    if (nestedId === undefined) return { kind: TOP_KIND[doc], id: id!, field: field! };
    return { kind: nested, id: nestedId, field: nestedField ?? null };
  }
  return { kind: TOP_KIND[doc], id: id!, field: field ?? null };
}

/** Where an entry sits: the keys from the root map down to it, and its Y.Map. */
export interface LocatedEntry {
  kind: EntryKind;
  id: string;
  path: string[];
  map: Y.Map<unknown>;
}

/** Every entry of a document (top-level ones and, in journeys and meetings, the nested ones). */
export function listEntries(ydoc: Y.Doc, doc: HistoryDoc): LocatedEntry[] {
  const root = ydoc.getMap<unknown>(ROOT_OF[doc]);
  const out: LocatedEntry[] = [];
  for (const [id, map] of root) {
    if (!(map instanceof Y.Map)) continue;
    out.push({ kind: TOP_KIND[doc], id, path: [id], map });
    for (const [collection, kind] of Object.entries(NESTED)) {
      if (entryOfPath(doc, [ROOT_OF[doc], id, collection, 'x'])?.kind !== kind) continue;
      const children = map.get(collection);
      if (!(children instanceof Y.Map)) continue;
      for (const [childId, child] of children as Y.Map<unknown>) {
        if (child instanceof Y.Map) out.push({ kind, id: childId, path: [id, collection, childId], map: child });
      }
    }
  }
  return out;
}

/** One entry by id, or null. */
export function findEntry(ydoc: Y.Doc, doc: HistoryDoc, id: string): LocatedEntry | null {
  const root = ydoc.getMap<unknown>(ROOT_OF[doc]);
  const top = root.get(id);
  if (top instanceof Y.Map) return { kind: TOP_KIND[doc], id, path: [id], map: top };
  if (doc !== 'journeys' && doc !== 'meetings') return null;
  return listEntries(ydoc, doc).find((e) => e.id === id) ?? null;
}
