import { stopServer } from './server-process';

/** Stops the server that global-setup.ts started and removes its data directory. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.TROIKA_SERVER_PID);
  const dataDir = process.env.TROIKA_DATA_DIR;
  if (pid > 0 && dataDir) await stopServer(pid, dataDir);
}
