import { startServer } from './server-process';

/** Starts one server for the whole run; tests read its URL from TROIKA_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startServer();
  process.env.TROIKA_URL = server.url;
  process.env.TROIKA_SERVER_PID = String(server.pid);
  process.env.TROIKA_DATA_DIR = server.dataDir;
}
