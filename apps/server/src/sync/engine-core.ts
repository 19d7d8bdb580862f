import type { WritePolicy } from '@troika/model';
import { CLOSE_CODES } from '@troika/model';
import type { DatabaseHandle } from '@troika/db';
import { WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AccessCheck } from './access';
import { MemoryBus, type Bus } from './bus';
import { DocStore, type DocKey } from './doc-store';
import { createSyncMetrics, type SyncMetrics } from './metrics';
import type { Connection, SharedDoc } from './shared-doc';
import { WriteClock } from './write-clock';

// What every stage of the engine shares: its limits, logger, metrics, the log (store), the bus, the
// loaded documents, the open connections, the hooks, and how to talk to (or close) one connection.

export type SyncLimits = Pick<
  Config,
  | 'SYNC_MAX_DOC_BYTES'
  | 'SYNC_MAX_BUFFERED_BYTES'
  | 'SYNC_UNLOAD_AFTER_MS'
  | 'SYNC_COMPACT_AFTER'
  | 'SYNC_MAX_PENDING_BYTES'
>;

/**
 * Stages of a document's life that other parts of the server follow (history). They run on the
 * engine's path, so each returns at once and defers its work; an exception in one is logged, never
 * passed on to the write.
 */
export interface SyncHooks {
  /** A document finished loading from the log, up to `seq` (before any client sees it). */
  onLoaded?(key: DocKey, ydoc: Y.Doc, seq: number): void;
  /**
   * An update is durable in the log and applied: `seq` is its number, `actorId` who sent it (null: the
   * server), `at` when it was applied (on the engine's WriteClock: a read stamped later holds it).
   */
  onDurable?(key: DocKey, ydoc: Y.Doc, update: Uint8Array, actorId: string | null, seq: number, at: Date): void;
  /** Compaction is about to drop the log rows up to `seq`; it waits for this (it runs in the background). */
  beforeCompact?(key: DocKey, seq: number): Promise<void>;
}

/**
 * Who made a transaction on a loaded document: the user id (or `token:<id>`) when it applied a
 * client's update (the engine applies those with the connection as origin, which carries `actorId`),
 * else null (the server's own edits, updates relayed from other instances, loading).
 */
export function actorOfOrigin(origin: unknown): string | null {
  const actorId = (origin as { actorId?: unknown } | null)?.actorId;
  return typeof origin === 'object' && typeof actorId === 'string' ? actorId : null;
}

export interface SyncDeps {
  config: SyncLimits;
  /** Filled in after the engine is made (history needs the engine, the engine calls history). */
  hooks?: SyncHooks;
  database: DatabaseHandle;
  logger: Logger;
  /** Re-reads a member's standing when it may have changed (the server hands its membership lookup). */
  checkAccess: AccessCheck;
  /** Which documents and fields only the server writes, and how deep types may nest (the model's WRITE_POLICY). */
  writePolicy: WritePolicy;
  bus?: Bus;
  /** How often, with a shared bus, to compare loaded documents with the database's heads. */
  pollMs?: number;
}


/** The origin of the server's own loads and edits. */
export const SERVER = Symbol('server');
/** The origin of what other instances sent (over the bus or read back from the log). */
export const REMOTE = Symbol('remote');

export interface EngineCore {
  config: SyncLimits;
  logger: Logger;
  metrics: SyncMetrics;
  store: DocStore;
  bus: Bus;
  policy: WritePolicy;
  checkAccess: AccessCheck;
  hooks: SyncHooks;
  /** Runs a hook; an exception in it is logged and counted, never passed on. */
  callHook(name: keyof SyncHooks, run: () => unknown): void;
  /** Stamps what is applied and what reads (see WriteClock). */
  clock: WriteClock;
  pollMs: number;
  /** The documents in memory, by id. */
  docs: Map<string, SharedDoc>;
  /** Every open connection, loaded or still waiting for its document. */
  live: Set<Connection>;
  /** Sends a frame, or closes a client too slow to take it. */
  send(conn: Connection, message: Uint8Array): void;
  closeConn(conn: Connection, code: number, reason: string): void;
}

export function createEngineCore(deps: SyncDeps): EngineCore {
  const { config, logger } = deps;
  const metrics = createSyncMetrics();
  const hooks = deps.hooks ?? {};
  const callHook = (name: keyof SyncHooks, run: () => unknown) => {
    try {
      run();
    } catch (error) {
      metrics.errors.inc({ kind: 'hook' });
      logger.error({ err: error, hook: name }, 'sync hook failed');
    }
  };

  function send(conn: Connection, message: Uint8Array): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    if (conn.ws.bufferedAmount > config.SYNC_MAX_BUFFERED_BYTES) {
      closeConn(conn, CLOSE_CODES.slowConsumer, 'client too slow; reconnect to resync');
      return;
    }
    metrics.updatesOut.inc();
    conn.ws.send(message);
  }

  function closeConn(conn: Connection, code: number, reason: string): void {
    // A refused connection's later frames count for nothing. A shutdown's do: they were sent before
    // the client saw the close, and close() waits for them to be appended.
    if (code !== CLOSE_CODES.goingAway) conn.closing = true;
    metrics.closes.inc({ reason: String(code) });
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  return {
    config,
    logger,
    metrics,
    store: new DocStore(deps.database, (n) => metrics.commitBatch.observe(n)),
    bus: deps.bus ?? new MemoryBus(),
    policy: deps.writePolicy,
    checkAccess: deps.checkAccess,
    hooks,
    callHook,
    clock: new WriteClock(),
    pollMs: deps.pollMs ?? 1000,
    docs: new Map(),
    live: new Set(),
    send,
    closeConn,
  };
}
