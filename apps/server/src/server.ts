import { serve } from '@hono/node-server';
import { openDatabase, type DatabaseHandle } from '@troika/db';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WRITE_POLICY } from '@troika/model';
import { createApp } from './app';
import { createConversations, type Conversations } from './conversations/service';
import { LoginLimiter } from './auth/login-limiter';
import { createLucia } from './auth/lucia';
import { SessionStore } from './auth/sessions';
import type { Config } from './config';
import { mountWebClient } from './http/static-client';
import { resolveAccess } from './workspaces/access';
import { releaseMemoryWhenIdle } from './idle-memory';
import { createAgreementWatcher } from './integrations/agreement-watcher';
import type { Logger } from './logger';
import type { Bus } from './sync/bus';
import { RedisBus } from './sync/redis-bus';
import { createSyncService, newInstanceId, type SyncHooks, type SyncService } from './sync/service';
import { createHistoryService, type HistoryService } from './history/history-service';
import { createUpgradeHandler } from './http/sync-upgrade';

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseHandle;
  sync: SyncService;
  conversations: Conversations;
  history: HistoryService;
  /** Stops accepting, closes sync connections, flushes pending writes, closes the database (unless it was given). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** An open, migrated database to use instead of opening the configured one (tests). */
  database?: DatabaseHandle;
  /** A bus to use instead of the configured one (tests: two engines on one MemoryHub). */
  bus?: Bus;
}

/** Opens the database, wires HTTP, sync and static files, and listens. main.ts and the tests share this. */
export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningServer> {
  let database = options.database;
  if (!database) {
    // The build copies the migrations beside the bundle; from source, the db package finds its own.
    const bundledMigrations = fileURLToPath(new URL('./drizzle', import.meta.url));
    if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
    database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      migrationsFolder: existsSync(bundledMigrations) ? bundledMigrations : undefined,
    });
    await database.migrate();
    logger.info({ database: database.kind, dataDir: database.kind === 'pglite' ? config.DATA_DIR : undefined }, 'database ready');
  }
  const db = database;

  const sessions = new SessionStore(createLucia(db.db, { secureCookies: config.secureCookies, sessionDays: config.SESSION_DAYS }));
  const bus = options.bus ?? (config.REDIS_URL ? new RedisBus(config.REDIS_URL, config.REDIS_PREFIX, newInstanceId(), logger) : undefined);
  // The engine's hooks are filled in once the modules that follow documents exist (they need the engine).
  const hooks: SyncHooks = {};
  const sync = createSyncService({
    config,
    database: db,
    logger,
    bus,
    pollMs: config.SYNC_HEAD_POLL_MS,
    hooks,
    writePolicy: WRITE_POLICY,
    checkAccess: (principal, workspaceId) => resolveAccess(db.db, principal, workspaceId),
  });
  const agreement = createAgreementWatcher(sync, logger);
  const history = createHistoryService({ config, database: db, logger, sync });
  hooks.onLoaded = (key, ydoc, seq) => {
    agreement.onLoaded(key, ydoc);
    history.hooks.onLoaded?.(key, ydoc, seq);
  };
  hooks.onDurable = history.hooks.onDurable;
  hooks.beforeCompact = history.hooks.beforeCompact;
  const conversations = createConversations({ config, database: db, logger, sync });
  const idleMemory = releaseMemoryWhenIdle({ stats: () => sync.stats(), database: db, logger });
  const app = createApp({
    config,
    database: db,
    logger,
    sessions,
    sync,
    agreement,
    conversations,
    onAwaitingSide: (event) => void conversations.awaitingSide(event),
    history,
    loginLimiter: LoginLimiter.fromConfig(config),
    onMembershipChanged: (workspaceId, userId) => {
      sync.recheckMember(workspaceId, userId);
      conversations.hub.memberChanged(userId);
    },
    onCredentialRevoked: (credential) => {
      sync.revoke(credential);
      if ('sessionId' in credential) conversations.hub.sessionEnded(credential.sessionId);
    },
    metricsText: () => sync.metricsText(),
  });
  mountWebClient(app, config.webDir, logger, config.origin);

  const upgrades = createUpgradeHandler({ config, db: db.db, sessions, logger, handler: sync });
  const server = serve({
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    // A client that trickles its headers or body is cut off, instead of holding a socket for minutes.
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default): check each second.
    serverOptions: {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
  }) as Server;
  server.on('upgrade', (request, socket, head) => upgrades.handle(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  await conversations.hub.ready;
  conversations.start();
  // With PORT=0 the real port is known only now; the public URL follows it unless ORIGIN fixes it.
  if (!config.origin) config.publicUrl = `http://localhost:${port}`;

  return {
    url: config.publicUrl,
    port,
    database: db,
    sync,
    conversations,
    history,
    async stop() {
      idleMemory.stop();
      server.close();
      upgrades.close();
      await conversations.close();
      // History before the engine: it still reads documents; what the last appends leave unrecorded is read back at the next load.
      await history.close();
      await sync.close();
      server.closeAllConnections();
      if (!options.database) await db.close();
    },
  };
}
