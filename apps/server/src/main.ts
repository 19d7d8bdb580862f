import { serve } from '@hono/node-server';
import { openDatabase } from '@troika/db';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { LoginLimiter } from './auth/login-limiter';
import { createLucia } from './auth/lucia';
import { SessionStore } from './auth/sessions';
import { ConfigError, loadConfig } from './config';
import { mountWebClient } from './http/static-client';
import { createLogger } from './logger';
import { createUpgradeHandler } from './sync/upgrade';
import { createSyncService } from './sync/service';

async function main() {
  let config;
  try {
    config = loadConfig(process.env, { webDir: fileURLToPath(new URL('../../web/build', import.meta.url)) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);

  // The build copies the migrations beside the bundle; from source, the db package finds its own.
  const bundledMigrations = fileURLToPath(new URL('./drizzle', import.meta.url));
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsFolder: existsSync(bundledMigrations) ? bundledMigrations : undefined,
  });
  await database.migrate();
  logger.info({ database: database.kind, dataDir: database.kind === 'pglite' ? config.DATA_DIR : undefined }, 'database ready');

  const sessions = new SessionStore(createLucia(database.db, { secureCookies: config.secureCookies, sessionDays: config.SESSION_DAYS }));
  const sync = await createSyncService({ config, database, logger });
  const app = createApp({
    config,
    database,
    logger,
    sessions,
    loginLimiter: new LoginLimiter({
      maxPerIp: config.LOGIN_MAX_PER_IP,
      maxPerAccount: config.LOGIN_MAX_PER_ACCOUNT,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
    onMembershipChanged: (workspaceId, userId) => sync.recheckMember(workspaceId, userId),
    metricsText: () => sync.metricsText(),
  });
  mountWebClient(app, config.webDir, logger);

  const upgrades = createUpgradeHandler({ config, db: database.db, sessions, logger, handler: sync });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }) as Server;
  server.on('upgrade', (request, socket, head) => upgrades.handle(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  // With PORT=0 the real port is known only now; the public URL follows it unless ORIGIN fixes it.
  if (!config.origin) config.publicUrl = `http://localhost:${port}`;
  logger.info({ url: config.publicUrl, port }, `Troika is running at ${config.publicUrl}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, flushing documents');
    const force = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server.close();
    upgrades.close();
    await sync.close();
    server.closeAllConnections?.();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
