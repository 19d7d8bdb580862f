import { CLOSE_CODES, newId } from '@troika/model';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { SyncHandler } from './access';
import { createAccessChecks } from './access-checks';
import type { RevokedCredential } from './bus';
import { createConnections } from './connection';
import { createDocRegistry } from './doc-registry';
import type { DocKey } from './doc-store';
import { createEngineCore, type SyncDeps } from './engine-core';
import { createReplication } from './replication';
import { createWritePath } from './write-path';

export { actorOfOrigin, type SyncDeps, type SyncHooks, type SyncLimits } from './engine-core';

export interface SyncService extends SyncHandler {
  /** Changes a document on the server's behalf, through the same append-then-broadcast path; resolves once durable. */
  edit(key: DocKey, change: (doc: Y.Doc) => void, actorId?: string | null): Promise<void>;
  /**
   * Reads a document's current state (loading it if needed). `at` is the time the state stands for:
   * every change applied before has an earlier or equal `onDurable` time, every later one a later time.
   */
  read<T>(key: DocKey, reader: (doc: Y.Doc, at: Date) => T): Promise<T>;
  /** Closes the sockets opened with a session that ended or an API token that was revoked (on every instance). */
  revoke(credential: RevokedCredential): void;
  /**
   * Re-checks a member's open connections after their role changed or they left, on every instance:
   * a changed role closes them with 4403, a member no more with 4401. Resolves once this instance's
   * connections are re-checked (their frames are held meanwhile), so a caller can answer after it.
   */
  recheckMember(workspaceId: string, userId: string): Promise<void>;
  metricsText(): Promise<string>;
  /** Closes every connection, waits for pending writes, and stops. */
  close(): Promise<void>;
  /** For tests and /metrics: what is loaded. */
  stats(): { docs: number; connections: number };
}

/** How long a shutdown waits for clients to answer its close frames (well under SHUTDOWN_TIMEOUT_MS's default). */
const CLOSE_GRACE_MS = 2000;

/**
 * The sync engine (see "The sync engine" in DESIGN.md for the rules it keeps), composed of its stages:
 * the document registry, the write path, replication over the bus, one connection's protocol, and
 * access re-checks. Each stage is handed the others it calls, late-bound, as they refer to each other.
 */
export function createSyncService(deps: SyncDeps): SyncService {
  const core = createEngineCore(deps);
  const { bus, docs, store, metrics } = core;
  const registry = createDocRegistry(core, {
    wireAwareness: (doc) => connections.wireAwareness(doc),
    onBusMessage: (message) => replication.onBusMessage(message),
    maybeCompact: (doc) => writes.maybeCompact(doc),
    compactBeforeUnload: (doc) => writes.compactBeforeUnload(doc),
    flush: (conn) => connections.flush(conn),
    catchUp: (doc) => replication.catchUp(doc),
  });
  const writes = createWritePath(core, registry);
  const access = createAccessChecks(core, { flush: (conn) => connections.flush(conn) });
  const connections = createConnections(core, registry, { ...access, onClientUpdate: writes.onClientUpdate });
  const replication = createReplication(core, registry, access);

  return {
    handleConnection: connections.handleConnection,
    edit: writes.edit,
    read: writes.read,
    revoke(credential) {
      access.revokeLocal(credential);
      bus.publish({ kind: 'revoke', credential });
    },
    recheckMember(workspaceId, userId) {
      bus.publish({ kind: 'membership', workspaceId, userId });
      return access.recheckLocal(workspaceId, userId);
    },
    metricsText: () => metrics.registry.metrics(),
    stats: () => ({ docs: docs.size, connections: [...docs.values()].reduce((n, d) => n + d.conns.size, 0) }),
    async close() {
      registry.startClosing();
      replication.stop();
      connections.stop();
      const sockets: WebSocket[] = [];
      for (const doc of docs.values()) {
        for (const conn of doc.conns) {
          sockets.push(conn.ws);
          core.closeConn(conn, CLOSE_CODES.goingAway, 'server shutting down');
        }
      }
      // Updates a client sent before it saw our close frame are still arriving, and they arrive
      // before its close reply: wait for the replies (bounded), so those updates are appended too.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(sockets.map((ws) => (ws.readyState === WebSocket.CLOSED ? null : new Promise((r) => ws.once('close', r))))),
        new Promise((r) => (grace = setTimeout(r, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(grace);
      await store.drain();
      for (const doc of docs.values()) doc.destroy();
      docs.clear();
      await Promise.all([bus.close(), writes.stop()]);
    },
  };
}

/** A unique id for this process on the bus. */
export const newInstanceId = () => newId(12);
