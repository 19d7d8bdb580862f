import { openThreads, threadCounts, threadsOf, threadsOn, type Target, type Thread } from '@troika/model';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import type { CurrentWorkspace } from '$lib/workspace.svelte';

/**
 * A workspace's `comments` document in this browser, read live (the server alone writes it; the
 * screens write through the API). It reads the workspace's own connection to the document (opened
 * with the others by the workspace shell), so every panel, count and list shares one.
 */
export class CommentsStore {
  /** Grows with every change of the document, so getters re-run in Svelte reactions. */
  version = $state(0);

  constructor(readonly connection: DocConnection) {
    // The observer lives as long as the document: the shell destroys both together.
    threadsOf(connection.doc).observeDeep(() => this.version++);
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

  private countsAt: { version: number; counts: Map<string, { threads: number; open: number }> } | null = null;

  /** Thread counts per `kind:id`, counted once per change (a journey map asks for each of its notes). */
  get counts(): Map<string, { threads: number; open: number }> {
    const version = this.version;
    if (this.countsAt?.version !== version) this.countsAt = { version, counts: threadCounts(this.connection.doc) };
    return this.countsAt.counts;
  }

  /** How many threads an object has (open ones, or all when `all`). */
  count(target: Target, all = false): number {
    const c = this.counts.get(`${target.kind}:${target.id}`);
    return c ? (all ? c.threads : c.open) : 0;
  }
}

const stores = new WeakMap<DocConnection, CommentsStore>();

/**
 * The comments of the open workspace (null until its documents are open). Keep it in its own `$derived`
 * and read the store in others: a derived does not track state it created itself.
 */
export function commentsOf(ws: CurrentWorkspace): CommentsStore | null {
  const connection = ws.docs?.get('comments');
  if (!connection) return null;
  let store = stores.get(connection);
  if (!store) {
    store = new CommentsStore(connection);
    stores.set(connection, store);
  }
  return store;
}
