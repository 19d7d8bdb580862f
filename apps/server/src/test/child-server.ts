import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './sync-harness';

// The built server (`node dist/main.js`, as `pnpm start` runs it) as a child process, for tests that
// kill it (-9) mid-write and start it again on the same data folder.

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(SERVER_DIR, 'dist/main.js');

/** Builds the server unless dist/main.js is newer than every source file it bundles. */
export function ensureBuilt(): void {
  const sources = ['src', '../../packages/db/src', '../../packages/db/drizzle', '../../packages/model/src'].map((d) => join(SERVER_DIR, d));
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(path));
      return entry.name.endsWith('.test.ts') ? max : Math.max(max, statSync(path).mtimeMs);
    }, 0);
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs > Math.max(...sources.map(newest))) return;
  execFileSync('pnpm', ['--filter', '@troika/server', 'build'], { cwd: SERVER_DIR, stdio: 'ignore' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `node dist/main.js` on a fixed port and data folder, as `pnpm start` runs it. */
export class ChildServer {
  private child: ChildProcess | null = null;
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  output = '';

  constructor(
    readonly port: number,
    readonly dataDir: string,
    /** More environment for the server (e.g. `{ SYNC_COMPACT_AFTER: '10' }`). */
    readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.output = '';
    const env = { PATH: process.env.PATH, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ...this.env };
    const child = spawn(process.execPath, [MAIN], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
        return (await fetch(`${this.url}/healthz`).catch(() => null))?.status === 200;
      },
      // A cold start opens PGlite (WebAssembly): seconds when idle, far more on a busy two-core machine.
      { timeoutMs: 90_000, intervalMs: 50, what: 'the child server answering /healthz' },
    );
  }

  async kill(signal: NodeJS.Signals) {
    this.child!.kill(signal);
    const result = await this.exited!;
    this.child = null;
    return result;
  }

  async stop(): Promise<void> {
    if (this.child) await this.kill('SIGKILL');
  }
}
