import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
const serverEntry = join(repoRoot, 'apps/server/dist/main.js');
const webIndex = join(repoRoot, 'apps/web/build/index.html');
/** The server's log of the last run, kept for reading after a failure. */
export const serverLogPath = join(repoRoot, 'tests/test-results/server.log');

export interface RunningServer {
  url: string;
  pid: number;
  dataDir: string;
}

/**
 * Starts the built server on a free port with a fresh PGlite data directory, and resolves with the
 * URL it prints in its "running" log line. Builds nothing: a missing build is an error that says so.
 */
export async function startServer(timeoutMs = 60_000): Promise<RunningServer> {
  for (const [file, what] of [
    [serverEntry, '@troika/server'],
    [webIndex, '@troika/web'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build ${what} first (pnpm build at the top).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'troika-e2e-'));
  mkdirSync(dirname(serverLogPath), { recursive: true });
  const log = createWriteStream(serverLogPath);

  // A hermetic server: embedded database, no Redis, loopback origins, whatever the shell has set.
  // Every scenario signs its people up from this one address: the sign-up limit is lifted.
  // Webhooks may go to the scenarios' own receivers on loopback (issue 15: "tests set it and run a real local HTTP receiver").
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', SIGNUP_MAX_PER_IP: '1000000', WEBHOOK_ALLOW_PRIVATE: 'true' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'ORIGIN', 'WEB_DIR', 'HOST']) delete env[name];

  const child = spawn(process.execPath, [serverEntry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.pipe(log);
  try {
    const url = await readUrl(child, log, timeoutMs);
    return { url, pid: child.pid!, dataDir };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function readUrl(child: ChildProcess, log: NodeJS.WritableStream, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no URL within ${timeoutMs} ms (see ${serverLogPath})`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before it was ready (see ${serverLogPath})`));
    });
    // Keep reading after the URL line: an unread pipe would block the server once it fills.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { url?: unknown };
        if (typeof entry.url === 'string') {
          clearTimeout(timer);
          resolvePromise(entry.url);
        }
      } catch {
        // Not a JSON log line.
      }
    });
  });
}

/** Stops the server (SIGTERM, then SIGKILL after a grace period) and removes its data directory. */
export async function stopServer(pid: number, dataDir: string, graceMs = 10_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  rmSync(dataDir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
