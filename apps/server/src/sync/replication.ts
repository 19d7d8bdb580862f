import type { BusMessage, RevokedCredential } from './bus';
import type { DocRegistry } from './doc-registry';
import { REMOTE, type EngineCore } from './engine-core';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { encodeUpdate } from './protocol';
import type { SharedDoc } from './shared-doc';

// Replication over the bus: other instances' updates (each with its sequence number; a gap is read
// back from the log), their presence, and membership and credential changes made through them. With
// a shared bus, the log's heads are also polled, so a lost message is found within `pollMs`.

export interface ReplicationLinks {
  recheckLocal(workspaceId: string, userId: string): Promise<void>;
  revokeLocal(credential: RevokedCredential): void;
}

export function createReplication(core: EngineCore, registry: DocRegistry, links: ReplicationLinks) {
  const { logger, metrics, store, bus, docs, send } = core;
  const { recheckLocal, revokeLocal } = links;
  const { loading } = registry;
  const catchingUp = new Set<string>();

  function onBusMessage(message: BusMessage): void {
    if (message.kind === 'membership') return void recheckLocal(message.workspaceId, message.userId);
    if (message.kind === 'revoke') return revokeLocal(message.credential);
    const doc = docs.get(message.docId);
    if (!doc) {
      loading.get(message.docId)?.buffered.push(message);
      return;
    }
    if (message.kind === 'awareness') {
      try {
        applyAwarenessUpdate(doc.awareness, message.update, REMOTE);
      } catch {
        metrics.errors.inc({ kind: 'bus_awareness' });
      }
      return;
    }
    // Memory is being rebuilt from the log: the catch-up after it reads this one back.
    if (doc.reloading || doc.isApplied(message.seq)) return;
    if (applyDurable(doc, message.update, 'bus')) doc.markApplied(message.seq);
    if (doc.hasGap || doc.seq < message.seq) setTimeout(() => void catchUp(doc), 100);
  }

  /**
   * Applies an update that is already in the log and passes on what it changed to local clients.
   * From the bus, an update can arrive before one it builds on (lost, or late): yjs would hold its
   * rest as pending, which nothing stores; instead that rest is dropped and the update is left
   * unapplied (false), so the catch-up reads it back from the log in order.
   */
  function applyDurable(doc: SharedDoc, update: Uint8Array, via: 'bus' | 'database'): boolean {
    let changes: Uint8Array[] = [];
    const pendingBefore = doc.hasPending;
    let whole = true;
    try {
      changes = doc.applyAndCapture(update, REMOTE);
      if (via === 'bus' && !pendingBefore && doc.hasPending) {
        doc.dropPending();
        whole = false;
      }
    } catch (error) {
      metrics.errors.inc({ kind: 'remote_apply' });
      logger.error({ docId: doc.id, err: error }, 'a stored update failed to apply');
      return false;
    }
    for (const change of changes) {
      metrics.remoteUpdates.inc({ via });
      doc.approxBytes += change.length;
      const message = encodeUpdate(change);
      for (const conn of doc.conns) send(conn, message);
    }
    return whole;
  }

  /** Reads from the database what this instance missed (a lost or late bus message). */
  async function catchUp(doc: SharedDoc): Promise<void> {
    if (catchingUp.has(doc.id) || doc.closed) return;
    catchingUp.add(doc.id);
    try {
      const state = await store.load(doc.key, doc.seq);
      if (doc.closed) return;
      // Re-applying what we already hold changes nothing and sends nothing, so no filtering is needed.
      for (const { bytes } of state.updates) applyDurable(doc, bytes, 'database');
      // Rows become visible in seq order (the head's row lock), so everything up to state.seq is now here.
      doc.markAppliedThrough(state.seq);
    } catch (error) {
      metrics.errors.inc({ kind: 'catch_up' });
      logger.warn({ docId: doc.id, err: error }, 'catch-up failed; will retry');
    } finally {
      catchingUp.delete(doc.id);
    }
  }

  bus.onMessage(onBusMessage);
  const pollTimer = setInterval(() => {
    if (!bus.shared || docs.size === 0) return;
    const loaded = [...docs.values()];
    store
      .heads(loaded.map((d) => d.key))
      .then((heads) => {
        for (const doc of loaded) if ((heads.get(doc.id) ?? 0) > doc.seq) void catchUp(doc);
      })
      .catch((error) => logger.warn({ err: error }, 'head poll failed'));
  }, core.pollMs);
  pollTimer.unref();

  return {
    onBusMessage,
    catchUp,
    stop: () => clearInterval(pollTimer),
  };
}
