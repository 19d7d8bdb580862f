import { journeysOf, kpisOf, meetingsOf, termsOf, type Target } from '@troika/model';
import * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import type { WorkspaceDocs } from '$lib/sync/workspace-docs.svelte';

/** A note's text as a one-line excerpt. */
export function noteExcerpt(text: string, max = 60): string {
  const line = text.trim().replace(/\s+/g, ' ');
  if (!line) return 'empty note';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** What a thread is on, by name: `name` when found, `deleted` once its document has synced without it, `unknown` before. */
export type TargetName = { state: 'found'; name: string } | { state: 'deleted' } | { state: 'unknown' };

const DOC_OF: Record<Target['kind'], 'board' | 'glossary' | 'journeys' | 'meetings'> = {
  kpi: 'board',
  term: 'glossary',
  journey: 'journeys',
  painPoint: 'journeys',
  note: 'journeys',
  meeting: 'meetings',
  agendaItem: 'meetings',
};

function text(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

/** The entry inside one of the root's entries' `field` map (a pain point, a note, an agenda item). */
function childOf(root: Y.Map<Y.Map<unknown>>, field: string, id: string): Y.Map<unknown> | null {
  for (const entry of root.values()) {
    const children = entry.get(field);
    const child = children instanceof Y.Map ? children.get(id) : undefined;
    if (child instanceof Y.Map) return child as Y.Map<unknown>;
  }
  return null;
}

function nameIn(doc: Y.Doc, target: Target): string | null {
  switch (target.kind) {
    case 'kpi': {
      const entry = kpisOf(doc).get(target.id);
      return entry ? text(entry.get('name')) || 'Untitled KPI' : null;
    }
    case 'term': {
      const entry = termsOf(doc).get(target.id);
      return entry ? text(entry.get('term')) || 'Untitled term' : null;
    }
    case 'journey': {
      const entry = journeysOf(doc).get(target.id);
      return entry ? text(entry.get('title')) || 'Untitled journey' : null;
    }
    case 'painPoint': {
      const entry = childOf(journeysOf(doc), 'painPoints', target.id);
      return entry ? text(entry.get('title')) || 'Untitled pain point' : null;
    }
    case 'note': {
      const entry = childOf(journeysOf(doc), 'notes', target.id);
      return entry ? `“${noteExcerpt(text(entry.get('text')))}”` : null;
    }
    case 'meeting': {
      const entry = meetingsOf(doc).get(target.id);
      return entry ? text(entry.get('title')) || 'Untitled meeting' : null;
    }
    case 'agendaItem': {
      const entry = childOf(meetingsOf(doc), 'agenda', target.id);
      return entry ? text(entry.get('title')) || 'Untitled agenda item' : null;
    }
    default:
      return null;
  }
}

/**
 * The names of the objects threads are on, read from the workspace's open documents and kept live
 * (a renamed KPI is renamed in the list). Call `destroy` when the screen goes.
 */
export class TargetNames {
  private version = $state(0);
  /** The documents listened to, per name (a connection is replaced after the server refused a change). */
  private readonly watched = new Map<string, { doc: Y.Doc; stop: () => void }>();

  constructor(private readonly docs: WorkspaceDocs) {}

  /** Coarse but cheap: one counter for every change of the documents read; names are re-read on demand. */
  private watch(name: string, doc: Y.Doc): void {
    const current = this.watched.get(name);
    if (current?.doc === doc) return;
    current?.stop();
    const bump = () => this.version++;
    doc.on('update', bump);
    this.watched.set(name, { doc, stop: () => doc.off('update', bump) });
  }

  of(target: Target): TargetName {
    void this.version;
    const docName = DOC_OF[target.kind];
    const connection: DocConnection | undefined = docName ? this.docs.get(docName) : undefined;
    if (!connection) return { state: 'unknown' };
    this.watch(docName, connection.doc);
    // Read here, this re-runs when the document has loaded and synced.
    const synced = connection.synced;
    if (!connection.ready) return { state: 'unknown' };
    const name = nameIn(connection.doc, target);
    if (name !== null) return { state: 'found', name };
    return synced ? { state: 'deleted' } : { state: 'unknown' };
  }

  destroy(): void {
    for (const { stop } of this.watched.values()) stop();
    this.watched.clear();
  }
}
