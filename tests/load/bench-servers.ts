/**
 * The servers a benchmark measures, each a child process on a free port of 127.0.0.1: Troika's
 * build (embedded PGlite in a temporary DATA_DIR, or PostgreSQL), and the reference y-websocket
 * server (@y/websocket-server 0.1.1, memory only). `stopAll()` ends every one of them and removes
 * what they wrote.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Endpoint } from './bench-clients';
import { HOST, freePort, log, pool, sleep } from './bench-util';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Target {
  name: string;
  label: string;
  proc: ChildProcess;
  pid: number;
  port: number;
  /** When the process was spawned (Date.now()). */
  startedAt: number;
  /** Endpoints for a named slot: `slot` groups the documents of one phase. */
  endpoints(slot: string, count: number): Promise<Endpoint[]>;
  /** Prometheus text (Troika only). */
  metrics(): Promise<string | null>;
  /** Documents held in memory, when the server says. */
  loadedDocs(): Promise<number | null>;
  persists: boolean;
  logFile: string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
const tmpDirs: string[] = [];
const pgDatabases: string[] = [];
/** Processes stopped on purpose: their exit is not news. */
const stopped = new WeakSet<ChildProcess>();
let stopping = false;

/** Starts a server; `undefined` in `env` removes a variable (YPERSISTENCE='' would turn persistence on). */
function startProcess(name: string, command: string, argv: string[], env: Record<string, string | undefined>, logFile: string): ChildProcess {
  const out = createWriteStream(logFile, { flags: 'a' });
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
  const child = spawn(command, argv, { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping && !stopped.has(child)) log(`${name} exited (code ${code}, signal ${signal}); log: ${logFile}`);
  });
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopped.add(child);
  await new Promise<void>((res) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      res();
    }, 12_000);
    child.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    child.kill('SIGTERM');
  });
}

async function waitHttp(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

const DOC_NAMES = ['board', 'glossary', 'journeys', 'meetings'] as const;

/** A new temporary folder, removed by stopAll() (unless BENCH_KEEP_TMP is set). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

export interface TroikaOptions {
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** A folder to keep the data in (and the log beside it): pass a used one to start on existing data. */
  dir?: string;
  /** Extra environment (e.g. SYNC_COMPACT_AFTER). */
  env?: Record<string, string | undefined>;
}

/**
 * Starts the built Troika server and waits for /healthz. It signs a benchmark user up only when the
 * first endpoints are asked for, so that measuring a server right after its start measures nothing else.
 */
export async function startTroika(name: string, label: string, options: TroikaOptions = {}): Promise<Target> {
  const port = await freePort();
  const dir = options.dir ?? tempDir('troika-bench-');
  const logFile = join(dir, 'server.log');
  const env = {
    // Every simulated client is one member on one address: lift the socket caps (50 per member, 200 per address by default).
    SYNC_MAX_SOCKETS_PER_MEMBER: '100000',
    SYNC_MAX_SOCKETS_PER_ADDRESS: '100000',
    PORT: String(port),
    HOST,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: undefined,
    ...options.env,
  };
  // BENCH_SERVER_NODE_ARGS: extra node flags for diagnosis (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const startedAt = Date.now();
  const proc = startProcess(name, process.execPath, [...nodeArgs, join(ROOT, 'apps/server/dist/main.js')], env, logFile);
  const base = `http://${HOST}:${port}`;
  await waitHttp(`${base}/healthz`, 120_000);
  log(`${name}: pid ${proc.pid}, port ${port}, data ${dir}, ready after ${Date.now() - startedAt} ms`);

  let session: Promise<string> | null = null;
  const signUp = async (): Promise<string> => {
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'benchmark-password-1', name: 'Bench' }),
    });
    if (signup.status !== 201) throw new Error(`${name}: signup answered ${signup.status}: ${await signup.text()}`);
    const setCookie = signup.headers.getSetCookie().find((c) => c.startsWith('troika_session='));
    if (!setCookie) throw new Error(`${name}: signup set no troika_session cookie`);
    return setCookie.split(';')[0]!;
  };

  async function createWorkspace(cookie: string, wsName: string): Promise<string> {
    const r = await fetch(`${base}/api/workspaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: wsName }),
    });
    if (r.status !== 201) throw new Error(`${name}: create workspace answered ${r.status}: ${await r.text()}`);
    return ((await r.json()) as { id: string }).id;
  }

  async function metrics(): Promise<string | null> {
    const r = await fetch(`${base}/metrics`);
    return r.ok ? r.text() : null;
  }

  return {
    name,
    label,
    proc,
    pid: proc.pid!,
    port,
    startedAt,
    persists: true,
    logFile,
    async endpoints(slot, count) {
      session ??= signUp();
      const cookie = await session;
      const workspaces = await pool(
        Array.from({ length: Math.ceil(count / DOC_NAMES.length) }, (_, i) => i),
        4,
        (i) => createWorkspace(cookie, `bench ${slot} ${i}`),
      );
      return Array.from({ length: count }, (_, i) => ({
        serverUrl: `ws://${HOST}:${port}/sync/${workspaces[Math.floor(i / DOC_NAMES.length)]}`,
        room: DOC_NAMES[i % DOC_NAMES.length]!,
        headers: { cookie },
      }));
    },
    metrics,
    async loadedDocs() {
      const text = await metrics();
      const m = text && /^troika_sync_loaded_documents (\d+)/m.exec(text);
      return m ? Number(m[1]) : null;
    },
    stop: () => stopProcess(proc),
  };
}

/** Starts the reference server (tests/load/reference-server.mjs) and waits for it to answer. */
export async function startReference(): Promise<Target> {
  const port = await freePort();
  const dir = tempDir('yws-ref-bench-');
  const logFile = join(dir, 'server.log');
  const env = { PORT: String(port), HOST, YPERSISTENCE: undefined, CALLBACK_URL: undefined };
  const startedAt = Date.now();
  const proc = startProcess('reference', process.execPath, [join(HERE, 'reference-server.mjs')], env, logFile);
  const base = `http://${HOST}:${port}`;
  await waitHttp(`${base}/stats`, 30_000);
  log(`reference: pid ${proc.pid}, port ${port}`);
  let counter = 0;
  return {
    name: 'reference',
    label: '@y/websocket-server 0.1.1 (memory only)',
    proc,
    pid: proc.pid!,
    port,
    startedAt,
    persists: false,
    logFile,
    async endpoints(slot, count) {
      const batch = counter++;
      return Array.from({ length: count }, (_, i) => ({
        serverUrl: `ws://${HOST}:${port}/sync/${slot.replace(/\W/g, '')}-${batch}-${Math.floor(i / 4)}`,
        room: DOC_NAMES[i % DOC_NAMES.length]!,
        headers: {},
      }));
    },
    metrics: async () => null,
    async loadedDocs() {
      const r = await fetch(`${base}/stats`);
      return r.ok ? ((await r.json()) as { docs: number }).docs : null;
    },
    stop: () => stopProcess(proc),
  };
}

/** Creates a database `troika_bench_<pid>_<n>` on the local PostgreSQL (dropped by stopAll) and returns its URL. */
export function createPgDatabase(): string {
  const name = `troika_bench_${process.pid}_${pgDatabases.length}`;
  execFileSync('psql', [PG_ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  pgDatabases.push(name);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Stops every server started here, drops their PostgreSQL databases and removes their folders. */
export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all([...children].map((c) => stopProcess(c)));
  for (const name of pgDatabases.splice(0)) {
    try {
      execFileSync('psql', [PG_ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
    } catch (error) {
      log(`could not drop ${name}: ${(error as Error).message}`);
    }
  }
  if (!process.env.BENCH_KEEP_TMP) for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
