import type { DocName } from '@troika/model';
import * as Y from 'yjs';

/** One field (or a whole entry) changed here that the server did not store, in words a person can keep. */
export interface UnsavedChange {
  doc: DocName;
  /** Keys from the document's root map down to the field: tells one change from another. */
  path: string[];
  /** What the entry is (`KPI`, `Term`, `Pain point`...) and its name. */
  kind: string;
  label: string;
  /** The field changed, or null when the whole entry was added or removed. */
  field: string | null;
  /** The value as it stood here, as text (JSON for lists and maps); null when it was removed here. */
  value: string | null;
}

const DOC_LABELS: Record<string, string> = { board: 'Board', glossary: 'Glossary', journeys: 'Journeys', meetings: 'Meetings' };

// The collection an entry sits in says what it is.
const KINDS: Record<string, string> = {
  kpis: 'KPI',
  terms: 'Term',
  journeys: 'Journey',
  meetings: 'Meeting',
  stages: 'Stage',
  touchpoints: 'Touchpoint',
  painPoints: 'Pain point',
  notes: 'Note',
  agenda: 'Agenda item',
  decisions: 'Decision',
  actions: 'Action',
};

// The fields that name an entry, in order of preference.
const LABEL_KEYS = ['name', 'term', 'title', 'text'];

/** The struct (or the struct covering that clock) of a document, or null when the document has none. */
function structAt(doc: Y.Doc, client: number, clock: number): Y.Item | null {
  const structs = doc.store.clients.get(client);
  if (!structs || structs.length === 0) return null;
  try {
    const struct = structs[Y.findIndexSS(structs, clock)];
    return struct instanceof Y.Item ? struct : null;
  } catch {
    return null;
  }
}

/** The map keys from the root type down to an item, cut at the first list element (a list is reported whole). */
function pathOf(item: Y.Item): { root: string; path: string[] } | null {
  const keys: (string | null)[] = [];
  let current: Y.Item | null = item;
  let type: Y.AbstractType<unknown> | null = null;
  while (current) {
    keys.unshift(current.parentSub);
    type = current.parent as Y.AbstractType<unknown> | null;
    if (!type) return null;
    current = type._item;
  }
  if (!type) return null;
  const root = Y.findRootTypeKey(type);
  const cut = keys.indexOf(null);
  return { root, path: (cut < 0 ? keys : keys.slice(0, cut)) as string[] };
}

function resolve(doc: Y.Doc, root: string, path: readonly string[]): unknown {
  let value: unknown = doc.share.has(root) ? doc.getMap(root) : undefined;
  for (const key of path) {
    if (!(value instanceof Y.Map)) return undefined;
    value = value.get(key);
  }
  return value;
}

function asText(value: unknown): string | null {
  if (value === undefined) return null;
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return JSON.stringify(value.toJSON());
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function labelOf(map: Y.Map<unknown>): string | null {
  for (const key of LABEL_KEYS) {
    const text = asText(map.get(key));
    if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }
  return null;
}

/**
 * What a set of local updates changed, field by field, read from the document they were made in (which
 * holds them all). `fallback` names entries that were deleted here (their content is gone locally).
 */
export function describeUnsaved(docName: DocName, doc: Y.Doc, updates: Uint8Array, fallback?: Y.Doc): UnsavedChange[] {
  const { structs, ds } = Y.decodeUpdate(updates);
  const touched = new Map<string, { root: string; path: string[] }>();
  const note = (item: Y.Item | null) => {
    const found = item && pathOf(item);
    if (found && found.path.length > 0) touched.set(`${found.root}/${found.path.join('/')}`, found);
  };
  for (const struct of structs) if (struct instanceof Y.Item) note(structAt(doc, struct.id.client, struct.id.clock));
  for (const [client, deletes] of ds.clients) for (const d of deletes) note(structAt(doc, client, d.clock));

  const changes: UnsavedChange[] = [];
  for (const { root, path } of touched.values()) {
    // The deepest entry on the path that has a name: the field is the key right under it.
    let entryAt = 0;
    let label: string | null = null;
    for (let i = 1; i <= path.length; i++) {
      const map = resolve(doc, root, path.slice(0, i)) ?? (fallback ? resolve(fallback, root, path.slice(0, i)) : undefined);
      const name = map instanceof Y.Map ? labelOf(map) : null;
      if (name !== null || i === 1) {
        entryAt = i;
        label = name ?? label;
      }
    }
    const collection = entryAt >= 2 ? path[entryAt - 2]! : root;
    const field = path[entryAt] ?? null;
    const at = field === null ? path.slice(0, entryAt) : path.slice(0, entryAt + 1);
    changes.push({
      doc: docName,
      path: [root, ...at],
      kind: KINDS[collection] ?? collection,
      label: label ?? path[entryAt - 1]!,
      field,
      value: asText(resolve(doc, root, at)),
    });
  }
  // One line per field, and one for an entry added or removed whole (its fields are in its value).
  const whole = changes.filter((c) => c.field === null).map((c) => `${c.path.join('/')}/`);
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = c.path.join('/');
    if (seen.has(key) || whole.some((prefix) => key.startsWith(prefix))) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the server's state holds the change as it stood here (then it was stored after all). */
export function isStored(change: UnsavedChange, server: Y.Doc): boolean {
  const [root, ...path] = change.path;
  return asText(resolve(server, root!, path)) === change.value;
}

/** The changes as plain text, one line each, for people to copy and keep. */
export function unsavedText(changes: readonly UnsavedChange[]): string {
  return changes
    .map((c) => {
      const where = `${DOC_LABELS[c.doc] ?? c.doc} · ${c.kind} “${c.label}”`;
      if (c.field === null) return c.value === null ? `${where}: removed` : `${where}: added ${c.value}`;
      return `${where} · ${c.field}: ${c.value ?? '(removed)'}`;
    })
    .join('\n');
}
