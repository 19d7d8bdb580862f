import { termsOf, touchTerm } from '@troika/model';
import type * as Y from 'yjs';

const STAMP = Symbol('glossary-stamp');

/**
 * Records who changed a term last (`updatedBy`, `updatedAt`) whenever this person changes it here,
 * typing in its texts included. Remote changes and the offline copy's replay are not theirs and are
 * not stamped. One stamp per term every `everyMs` at most, so typing does not double the traffic;
 * pending stamps are written when this stops (leaving the page).
 */
export function stampLocalEdits(doc: Y.Doc, actorId: string, everyMs = 3000): () => void {
  const terms = termsOf(doc);
  const last = new Map<string, number>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const stamp = (id: string) => {
    clearTimeout(pending.get(id));
    pending.delete(id);
    if (!terms.has(id)) return;
    last.set(id, Date.now());
    doc.transact(() => touchTerm(doc, id, { id: actorId }), STAMP);
  };

  const observer = (events: Y.YEvent<any>[], transaction: Y.Transaction) => {
    if (!transaction.local || transaction.origin === STAMP) return;
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === terms) {
        for (const [id, change] of event.changes.keys) if (change.action !== 'delete') ids.add(id);
      } else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
    }
    for (const id of ids) {
      if (pending.has(id)) continue;
      const wait = Math.max(0, (last.get(id) ?? 0) + everyMs - Date.now());
      // Never inside the observer: the change's transaction is still closing.
      pending.set(id, setTimeout(() => stamp(id), wait));
    }
  };

  terms.observeDeep(observer);
  return () => {
    terms.unobserveDeep(observer);
    for (const id of [...pending.keys()]) stamp(id);
  };
}
