import { MEANING_KEYS, reconcileAgreement, recordMeaningChange, statusDisagrees, termsOf } from '@troika/model';
import type * as Y from 'yjs';
import type { Logger } from '../logger';
import type { DocKey } from '../sync/doc-store';
import { actorOfOrigin, type SyncService } from '../sync/service';

/** How long the watcher gathers a burst of keystrokes before it records them as one meaning change. */
const SETTLE_MS = 250;

interface Pending {
  /** Term id -> who changed its meanings last in this burst. */
  meanings: Map<string, string>;
  /** Terms whose status a client changed (it may only set proposed or deprecated). */
  statuses: Set<string>;
  timer: NodeJS.Timeout | null;
}

const isMeaningKey = (key: string) => (MEANING_KEYS as readonly string[]).includes(key);

/**
 * Keeps the glossary agreement rule true on the server: when a client changes a term's meanings, the
 * server records who did (they may not approve that version) and clears the approvals of earlier
 * meanings; when a client sets a status, the server settles it again (only signatures make `agreed`).
 * It watches each loaded glossary, and writes through the engine like any server-side edit.
 */
export function createAgreementWatcher(sync: SyncService, logger: Logger) {
  const pending = new Map<string, Pending & { key: DocKey }>();
  const idOf = (key: DocKey) => `${key.workspaceId}/${key.doc}`;

  async function flush(key: DocKey): Promise<void> {
    const id = idOf(key);
    const work = pending.get(id);
    if (!work) return;
    pending.delete(id);
    if (work.timer) clearTimeout(work.timer);
    await sync.edit(key, (doc) => {
      for (const [termId, actor] of work.meanings) recordMeaningChange(doc, termId, actor);
      const terms = termsOf(doc);
      for (const termId of work.statuses) {
        const map = terms.get(termId);
        if (map && !work.meanings.has(termId)) reconcileAgreement(map);
      }
    });
  }

  function schedule(key: DocKey, change: (work: Pending) => void): void {
    const id = idOf(key);
    let work = pending.get(id);
    if (!work) {
      work = { key, meanings: new Map(), statuses: new Set(), timer: null };
      pending.set(id, work);
    }
    change(work);
    work.timer ??= setTimeout(() => {
      flush(key).catch((error) => logger.error({ err: error, docId: id }, 'glossary agreement not recorded'));
    }, SETTLE_MS);
  }

  function onLoaded(key: DocKey, ydoc: Y.Doc): void {
    if (key.doc !== 'glossary') return;
    const terms = termsOf(ydoc);
    // What a crash or another instance left inconsistent (an agreed term whose meanings changed since).
    const stale = [...terms.entries()].filter(([, map]) => statusDisagrees(map)).map(([id]) => id);
    if (stale.length > 0) schedule(key, (work) => stale.forEach((id) => work.statuses.add(id)));

    terms.observeDeep((events, transaction) => {
      const actor = actorOfOrigin(transaction.origin);
      if (actor === null) return; // the server's own edits, and updates other instances relayed
      const meanings: string[] = [];
      const statuses: string[] = [];
      for (const event of events) {
        const [termId, field] = event.path as string[];
        if (termId === undefined) continue; // terms added or removed: a new term has no approvals yet
        if (field === undefined) {
          for (const key of event.changes.keys.keys()) {
            if (isMeaningKey(key)) meanings.push(termId);
            else if (key === 'status') statuses.push(termId);
          }
        } else if (isMeaningKey(field)) meanings.push(termId);
      }
      if (meanings.length === 0 && statuses.length === 0) return;
      schedule(key, (work) => {
        for (const termId of meanings) work.meanings.set(termId, actor);
        for (const termId of statuses) work.statuses.add(termId);
      });
    });
  }

  return {
    /** The engine's `onLoaded` hook: watches each glossary as it loads. */
    onLoaded,
    /** Records a glossary's pending meaning changes now (before an approval is judged against them). */
    flush,
  };
}

export type AgreementWatcher = ReturnType<typeof createAgreementWatcher>;
