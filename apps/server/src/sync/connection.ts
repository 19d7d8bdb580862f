import { CLOSE_CODES, actorId, canWrite } from '@troika/model';
import { WebSocket } from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncConnectionContext } from './access';
import type { DocRegistry } from './doc-registry';
import { REMOTE, type EngineCore } from './engine-core';
import {
  AWARENESS_RATE,
  MAX_AWARENESS_STATE_BYTES,
  RateBucket,
  encodeAwarenessEntries,
  jsonBytes,
  readAwarenessEntries,
  stampState,
  type PresenceIdentity,
} from './presence';
import { KEEPALIVE, decodeClientMessage, encodeAwareness, encodeStep1, encodeStep2 } from './protocol';
import type { Connection, SharedDoc } from './shared-doc';

// One connection's protocol: its frames in order (held while its document loads or its access is
// re-checked), sync step 1 and 2, updates handed to the write path, presence that speaks for the
// connection, keepalives and the heartbeat that drops dead sockets.

export interface ConnectionLinks {
  onClientUpdate(conn: Connection, doc: SharedDoc, update: Uint8Array): void;
  /** Whether the member's access changed at or after `checkedAt` (performance.now()). */
  changedSince(workspaceId: string, userId: string, checkedAt: number): boolean;
  recheck(conns: Connection[]): Promise<void>;
}

export function createConnections(core: EngineCore, registry: DocRegistry, links: ConnectionLinks) {
  const { logger, metrics, bus, docs, live, send, closeConn } = core;
  const { acquire, release } = registry;
  const { onClientUpdate, changedSince, recheck } = links;

  function wireAwareness(doc: SharedDoc): void {
    doc.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added!, ...updated!, ...removed!];
      if (changed.length === 0) return;
      const owner = doc.conns.has(origin as Connection) ? (origin as Connection) : null;
      for (const id of [...added!, ...updated!]) {
        const before = doc.awarenessOwners.get(id);
        if (before === owner) continue;
        // Another connection (of the same member) or another instance speaks for it now.
        before?.awarenessIds.delete(id);
        if (owner) {
          doc.awarenessOwners.set(id, owner);
          owner.awarenessIds.add(id);
        } else doc.awarenessOwners.delete(id);
      }
      for (const id of removed!) {
        doc.awarenessOwners.get(id)?.awarenessIds.delete(id);
        doc.awarenessOwners.delete(id);
      }
      const update = encodeAwarenessUpdate(doc.awareness, changed);
      const message = encodeAwareness(update);
      for (const conn of doc.conns) send(conn, message);
      if (origin !== REMOTE) bus.publish({ kind: 'awareness', docId: doc.id, update });
    });
  }

  /** Who a connection's presence says it is: its member, whatever the client claims. */
  function identityOf(conn: Connection): PresenceIdentity {
    const { principal, seat } = conn.context.access;
    return { id: conn.actorId, name: principal.name, seat };
  }

  /**
   * A client's awareness: only the ids this connection introduced (or that its own member holds on
   * another connection or instance), states up to 8 KiB, stamped with the connection's member, at
   * most AWARENESS_RATE per connection (beyond it, the latest state of each id waits its turn).
   */
  function onClientAwareness(conn: Connection, doc: SharedDoc, update: Uint8Array): void {
    const identity = identityOf(conn);
    for (const entry of readAwarenessEntries(update)) {
      if (jsonBytes(entry.json) > MAX_AWARENESS_STATE_BYTES) {
        metrics.updatesDropped.inc({ reason: 'awareness_too_big' });
        continue;
      }
      const owner = doc.awarenessOwners.get(entry.clientId);
      const current = doc.awareness.getStates().get(entry.clientId) as { user?: { id?: unknown } } | undefined;
      const mine = owner ? owner === conn || owner.actorId === conn.actorId : current === undefined || current.user?.id === identity.id;
      if (!mine) {
        metrics.updatesDropped.inc({ reason: 'awareness_foreign' });
        continue;
      }
      conn.awarenessWaiting.set(entry.clientId, { ...entry, json: stampState(entry.json, identity) });
    }
    flushAwareness(conn, doc);
  }

  function flushAwareness(conn: Connection, doc: SharedDoc): void {
    if (conn.awarenessWaiting.size === 0 || conn.awarenessTimer || conn.closing || doc.closed) return;
    if (!conn.awarenessBucket.take()) {
      metrics.updatesDropped.inc({ reason: 'awareness_rate' });
      conn.awarenessTimer = setTimeout(() => {
        conn.awarenessTimer = null;
        if (doc.conns.has(conn)) flushAwareness(conn, doc);
      }, conn.awarenessBucket.wait());
      return;
    }
    const entries = [...conn.awarenessWaiting.values()];
    conn.awarenessWaiting.clear();
    applyAwarenessUpdate(doc.awareness, encodeAwarenessEntries(entries), conn);
  }

  function onMessage(conn: Connection, doc: SharedDoc, bytes: Uint8Array): void {
    const message = decodeClientMessage(bytes);
    switch (message.type) {
      case 'step1': {
        Y.decodeStateVector(message.stateVector);
        const diff = Y.encodeStateAsUpdate(doc.ydoc, message.stateVector);
        // Everything in `diff` was applied before now; once the appends started before now settle, it is durable.
        void doc.lastAppend.then(() => send(conn, encodeStep2(diff)));
        return;
      }
      case 'update':
        return onClientUpdate(conn, doc, message.update);
      case 'awareness':
        return onClientAwareness(conn, doc, message.update);
      case 'queryAwareness': {
        const ids = [...doc.awareness.getStates().keys()];
        if (ids.length > 0) send(conn, encodeAwareness(encodeAwarenessUpdate(doc.awareness, ids)));
        return;
      }
      case 'auth':
        return;
    }
  }

  const processors = new WeakMap<Connection, (bytes: Uint8Array) => void>();

  /** Handles a connection's waiting frames, in order, unless something holds them. */
  function flush(conn: Connection): void {
    const process = processors.get(conn);
    while (process && conn.held === 0 && !conn.closing && conn.inbox.length > 0) process(conn.inbox.shift()!);
  }

  function handleConnection(ws: WebSocket, context: SyncConnectionContext): void {
    const principal = context.access.principal;
    const conn: Connection = {
      ws,
      context,
      actorId: actorId(principal),
      canWrite: canWrite(context.access.role),
      awarenessIds: new Set(),
      awarenessBucket: new RateBucket(AWARENESS_RATE.perSecond, AWARENESS_RATE.burst),
      awarenessWaiting: new Map(),
      awarenessTimer: null,
      alive: true,
      closing: false,
      // Held until its document is loaded.
      held: 1,
      inbox: [],
    };
    metrics.connections.inc();
    live.add(conn);
    const key = { workspaceId: context.workspaceId, doc: context.doc };
    let doc: SharedDoc | null = null;

    processors.set(conn, (bytes: Uint8Array) => {
      try {
        onMessage(conn, doc!, bytes);
      } catch (error) {
        metrics.errors.inc({ kind: 'malformed' });
        logger.warn({ docId: doc?.id, actorId: conn.actorId, err: (error as Error).message }, 'malformed sync message');
        closeConn(conn, CLOSE_CODES.malformed, 'malformed message');
      }
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.closing) return;
      if (!isBinary) return closeConn(conn, CLOSE_CODES.malformed, 'binary frames only');
      conn.inbox.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      flush(conn);
    });
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (error) => logger.debug({ err: error.message }, 'socket error'));
    ws.on('close', () => {
      metrics.connections.dec();
      live.delete(conn);
      processors.delete(conn);
      clearInterval(keepalive);
      if (conn.awarenessTimer) clearTimeout(conn.awarenessTimer);
      if (!doc) return;
      doc.conns.delete(conn);
      if (conn.awarenessIds.size > 0) removeAwarenessStates(doc.awareness, [...conn.awarenessIds], null);
      release(doc);
    });

    // The member's access changed while this upgrade was under way: check it again before any frame counts.
    if (principal.kind === 'user' && changedSince(context.workspaceId, principal.userId, context.checkedAt ?? Infinity)) {
      void recheck([conn]);
    }

    // A slow load must not trip the client's 30 s liveness timeout: say something harmless meanwhile.
    const keepalive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(KEEPALIVE), 10_000);
    acquire(key).then(
      (loaded) => {
        clearInterval(keepalive);
        if (ws.readyState !== WebSocket.OPEN || loaded.closed) {
          release(loaded);
          return;
        }
        doc = loaded;
        doc.conns.add(conn);
        send(conn, encodeStep1(Y.encodeStateVector(doc.ydoc)));
        const ids = [...doc.awareness.getStates().keys()];
        if (ids.length > 0) send(conn, encodeAwareness(encodeAwarenessUpdate(doc.awareness, ids)));
        conn.held--;
        flush(conn);
      },
      () => {
        clearInterval(keepalive);
        closeConn(conn, CLOSE_CODES.loadFailed, 'document could not be loaded');
      },
    );
  }

  const heartbeat = setInterval(() => {
    for (const doc of docs.values()) {
      for (const conn of doc.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }, 30_000);
  heartbeat.unref();

  return {
    handleConnection,
    wireAwareness,
    flush,
    stop: () => clearInterval(heartbeat),
  };
}
