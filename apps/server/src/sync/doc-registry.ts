import { CLOSE_CODES } from '@troika/model';
import * as Y from 'yjs';
import type { BusMessage } from './bus';
import { docIdOf, type DocKey } from './doc-store';
import { SERVER, type EngineCore } from './engine-core';
import { encodeStep1 } from './protocol';
import { SharedDoc, type Connection } from './shared-doc';

// The documents in memory and their life: loaded from the log on first use (once, however many ask),
// kept while held, unloaded once idle and durable, discarded or rebuilt from the log when memory may
// differ from it.

/** What the registry needs from the other stages. */
export interface RegistryLinks {
  wireAwareness(doc: SharedDoc): void;
  onBusMessage(message: BusMessage): void;
  maybeCompact(doc: SharedDoc): void;
  compactBeforeUnload(doc: SharedDoc): Promise<void>;
  flush(conn: Connection): void;
  catchUp(doc: SharedDoc): Promise<void>;
}

export type DocRegistry = ReturnType<typeof createDocRegistry>;

export function createDocRegistry(core: EngineCore, links: RegistryLinks) {
  const { config, logger, metrics, store, bus, docs, hooks, callHook, send, closeConn } = core;
  const { wireAwareness, onBusMessage, maybeCompact, compactBeforeUnload, flush, catchUp } = links;
  const loading = new Map<string, { promise: Promise<SharedDoc>; buffered: BusMessage[] }>();
  /** Appends still under way from discarded copies of documents: loading the document again waits for them. */
  const draining = new Map<string, Promise<void>>();
  let closing = false;

  function acquire(key: DocKey): Promise<SharedDoc> {
    const id = docIdOf(key);
    const loaded = docs.get(id);
    if (loaded) {
      loaded.holds++;
      if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
      loaded.unloadTimer = null;
      return (loaded.reloading ?? Promise.resolve()).then(() => loaded);
    }
    let pending = loading.get(id);
    if (!pending) {
      const buffered: BusMessage[] = [];
      const promise = load(key, id).finally(() => loading.delete(id));
      pending = { promise, buffered };
      loading.set(id, pending);
    }
    return pending.promise.then((doc) => {
      doc.holds++;
      return doc;
    });
  }

  async function load(key: DocKey, id: string): Promise<SharedDoc> {
    const started = performance.now();
    await bus.subscribeDoc(id);
    // Otherwise the load can read the log before they commit, and memory would lack them for good.
    await draining.get(id);
    let doc: SharedDoc | null = null;
    try {
      const state = await store.load(key);
      doc = new SharedDoc(id, key);
      for (const { bytes } of state.updates) Y.applyUpdate(doc.ydoc, bytes, SERVER);
      doc.loadedFrom(state.updates.map((u) => u.bytes));
      doc.markAppliedThrough(state.seq);
      doc.approxBytes = state.bytes;
      doc.logRows = state.logRows;
      wireAwareness(doc);
    } catch (error) {
      doc?.destroy();
      await bus.unsubscribeDoc(id);
      metrics.errors.inc({ kind: 'load' });
      logger.error({ docId: id, err: error }, 'document load failed; nothing was written');
      throw error;
    }
    docs.set(id, doc);
    metrics.loadedDocs.set(docs.size);
    metrics.loadSeconds.observe(performance.now() - started);
    for (const message of loading.get(id)?.buffered ?? []) onBusMessage(message);
    const loaded = doc;
    callHook('onLoaded', () => hooks.onLoaded?.(key, loaded.ydoc, loaded.seq));
    maybeCompact(doc);
    return doc;
  }

  function release(doc: SharedDoc): void {
    doc.holds--;
    if (doc.holds > 0 || doc.closed || closing) return;
    doc.unloadTimer = setTimeout(() => void unload(doc), config.SYNC_UNLOAD_AFTER_MS);
  }

  async function unload(doc: SharedDoc): Promise<void> {
    doc.unloadTimer = null;
    // Only once every write is durable; someone may come back while we wait. A document leaving
    // before it was quiet long enough to be compacted is compacted now: the next load reads less.
    await doc.lastAppend;
    if (doc.holds === 0 && !doc.closed) await compactBeforeUnload(doc);
    while (doc.compacting) await new Promise((r) => setTimeout(r, 20));
    if (doc.holds > 0 || doc.closed || docs.get(doc.id) !== doc) return;
    docs.delete(doc.id);
    doc.destroy();
    metrics.loadedDocs.set(docs.size);
    await bus.unsubscribeDoc(doc.id);
  }

  /** Drops a document whose memory may differ from the log; its clients reconnect and load it afresh. */
  function discard(doc: SharedDoc, reason: string): void {
    if (docs.get(doc.id) === doc) docs.delete(doc.id);
    metrics.loadedDocs.set(docs.size);
    logger.error({ docId: doc.id, reason }, 'document discarded from memory');
    for (const conn of [...doc.conns]) closeConn(conn, CLOSE_CODES.reload, 'document reloading');
    const settled = doc.lastAppend;
    draining.set(doc.id, settled);
    void settled.then(() => {
      if (draining.get(doc.id) === settled) draining.delete(doc.id);
      doc.destroy();
    });
  }

  /**
   * Rebuilds a document's memory from the log without closing its connections: their frames, edits,
   * reads and new connections wait; afterwards each connection is sent a sync step 1, so a client
   * sends back whatever the log lacks. Falls back to `discard` when the log cannot be read.
   */
  function reloadInPlace(doc: SharedDoc, reason: string): Promise<void> {
    if (doc.reloading) return doc.reloading;
    metrics.errors.inc({ kind: 'reload_in_place' });
    logger.error({ docId: doc.id, reason }, 'document memory rebuilt from the log; connections kept');
    const held = [...doc.conns];
    for (const conn of held) conn.held++;
    const run = async () => {
      try {
        await doc.lastAppend;
        while (doc.compacting) await new Promise((r) => setTimeout(r, 20));
        const state = await store.load(doc.key);
        if (doc.closed) return;
        const fresh = new Y.Doc();
        for (const { bytes } of state.updates) Y.applyUpdate(fresh, bytes, SERVER);
        doc.replaceYdoc(fresh, state.seq, state.updates.map((u) => u.bytes));
        doc.approxBytes = state.bytes;
        doc.logRows = state.logRows;
        const ydoc = doc.ydoc;
        callHook('onLoaded', () => hooks.onLoaded?.(doc.key, ydoc, doc.seq));
        const step1 = encodeStep1(Y.encodeStateVector(ydoc));
        for (const conn of doc.conns) send(conn, step1);
      } catch (error) {
        logger.error({ docId: doc.id, err: error }, 'reload from the log failed');
        discard(doc, 'reload failed');
      }
    };
    doc.reloading = run().finally(() => {
      doc.reloading = null;
      for (const conn of held) {
        conn.held--;
        flush(conn);
      }
      // Updates of other instances that arrived meanwhile were skipped: read them back.
      if (bus.shared) void catchUp(doc);
    });
    return doc.reloading;
  }

  return {
    acquire,
    release,
    discard,
    reloadInPlace,
    /** Documents being loaded, with the bus messages that arrived meanwhile. */
    loading,
    /** No more unloading: the engine is shutting down. */
    startClosing: () => {
      closing = true;
    },
  };
}
