import { openThreads, threadCounts, threadsOf, threadsOn, type Target, type Thread } from '@troika/model';
import { onDestroy } from 'svelte';
import { DocConnection } from '$lib/sync/doc-connection.svelte';

/**
 * A workspace's `comments` document in this browser, read live (the server alone writes it; the
 * screens write through the API). One per workspace, shared by every panel, count and list on screen:
 * see `useComments`.
 */
export class CommentsStore {
  readonly connection: DocConnection;
  /** Grows with every change of the document, so getters re-run in Svelte reactions. */
  version = $state(0);
  private readonly bump = () => this.version++;

  constructor(readonly workspaceId: string) {
    this.connection = new DocConnection(workspaceId, 'comments');
    threadsOf(this.connection.doc).observeDeep(this.bump);
  }

  /** Comments are written through the API, so they wait for the connection. */
  get offline(): boolean {
    return this.connection.state === 'offline' || this.connection.state === 'refused';
  }

  get ready(): boolean {
    return this.connection.ready;
  }

  /** The threads on one object, newest activity first. */
  on(target: Target): Thread[] {
    void this.version;
    return threadsOn(this.connection.doc, target);
  }

  /** Every unresolved thread of the workspace, newest activity first. */
  get open(): Thread[] {
    void this.version;
    return openThreads(this.connection.doc);
  }

  /** Thread counts per `kind:id`. */
  get counts(): Map<string, { threads: number; open: number }> {
    void this.version;
    return threadCounts(this.connection.doc);
  }

  /** How many threads an object has (open ones, or all when `all`). */
  count(target: Target, all = false): number {
    const c = this.counts.get(`${target.kind}:${target.id}`);
    return c ? (all ? c.threads : c.open) : 0;
  }

  destroy(): void {
    threadsOf(this.connection.doc).unobserveDeep(this.bump);
    this.connection.destroy();
  }
}

// One store per workspace however many components read it; closed a moment after the last one goes,
// so moving between pages does not reconnect.
const stores = new Map<string, { store: CommentsStore; users: number; closing: ReturnType<typeof setTimeout> | null }>();

/** The comments of a workspace for a component's lifetime (call during component initialisation). */
export function useComments(workspaceId: string): CommentsStore {
  let entry = stores.get(workspaceId);
  if (!entry) {
    entry = { store: new CommentsStore(workspaceId), users: 0, closing: null };
    stores.set(workspaceId, entry);
  }
  if (entry.closing) clearTimeout(entry.closing);
  entry.closing = null;
  entry.users++;
  const held = entry;
  onDestroy(() => {
    held.users--;
    if (held.users > 0) return;
    held.closing = setTimeout(() => {
      if (held.users > 0) return;
      stores.delete(workspaceId);
      held.store.destroy();
    }, 30_000);
  });
  return held.store;
}
