import { journeysOf, meetingsOf, type Target } from '@troika/model';
import * as Y from 'yjs';
import type { CurrentWorkspace } from '$lib/workspace.svelte';

/**
 * The entry an object lives in, when its page needs it: a pain point's or a sticky note's journey, an
 * agenda item's meeting (read from the workspace's open documents; null when not found).
 */
export function parentOf(ws: CurrentWorkspace, target: { kind: string; id: string } | null): string | null {
  if (!target) return null;
  const kind = target.kind as Target['kind'];
  const field = kind === 'painPoint' ? 'painPoints' : kind === 'note' ? 'notes' : kind === 'agendaItem' ? 'agenda' : null;
  if (!field) return null;
  const connection = ws.docs?.get(kind === 'agendaItem' ? 'meetings' : 'journeys');
  if (!connection) return null;
  // Read in markup, this re-runs once the document has loaded and synced (the target exists on the
  // server, so the synced document has it).
  void connection.ready;
  void connection.state;
  const doc = connection.doc;
  const root = kind === 'agendaItem' ? meetingsOf(doc) : journeysOf(doc);
  for (const [id, entry] of root) {
    const children = entry.get(field);
    if (children instanceof Y.Map && children.has(target.id)) return id;
  }
  return null;
}
