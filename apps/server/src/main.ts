import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

function readConfig(): Config {
  try {
    return loadConfig(process.env, { webDir: fileURLToPath(new URL('../../web/build', import.meta.url)) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

async function main() {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const running = await startServer(config, logger);
  // Without its database the process can only fail every call: exit, so that it is restarted.
  running.database.onLost((error) => {
    logger.fatal({ err: error }, 'the database is gone (PGlite thread died); exiting');
    process.exit(1);
  });
  logger.info({ url: running.url, port: running.port }, `Troika is running at ${running.url}`);

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
    await running.stop();
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
