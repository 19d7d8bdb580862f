import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { message: string; name: string; [key: string]: unknown };
}

interface QueryResult<T> {
  rows: T[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

export interface PGliteThreadOptions {
  /** PostgreSQL settings over the thread's own (small buffers, see pglite-thread.mjs), e.g. `{ work_mem: '8MB' }`. */
  settings?: Record<string, string>;
}

/** Where the worker's entry lives: beside this file in the source, beside the bundle once built. */
const WORKER_URL = new URL('./pglite-thread.mjs', import.meta.url);

/**
 * PGlite running on a worker thread, with the part of PGlite's interface drizzle's `pglite` driver
 * uses (`query`, `exec`, `transaction`, `close`). PGlite's WebAssembly Postgres then never blocks
 * the thread that serves WebSockets: a commit costs this thread one message each way.
 */
export class PGliteThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited: Error | null = null;
  private closing = false;
  private readonly lostListeners: ((error: Error) => void)[] = [];

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(Object.assign(new Error(reply.error!.message), reply.error));
    });
    const fail = (error: Error) => {
      if (this.exited) return;
      this.exited = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
      if (!this.closing) for (const listener of this.lostListeners) listener(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database thread exited (code ${code})`)));
  }

  /**
   * Starts the thread and opens PGlite in `dataDir` there. A folder without a database is first
   * created by a short-lived process (see pglite-thread.mjs): initdb's memory leaves with it.
   */
  static async open(dataDir: string, options: PGliteThreadOptions = {}): Promise<PGliteThread> {
    if (!dataDir.includes('://') && !existsSync(join(dataDir, 'PG_VERSION'))) await createDatabase(dataDir, options);
    const worker = new Worker(WORKER_URL, { workerData: { dataDir, ...options } });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('message', (message: { ready: boolean; error?: { message: string } }) =>
          message.ready ? resolve() : reject(new Error(`PGlite could not open ${dataDir}: ${message.error?.message}`)),
        );
        worker.once('error', reject);
      });
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new PGliteThread(worker);
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions, tx?: number): Promise<QueryResult<T>> {
    // drizzle's parsers only keep date and interval types as text; the thread has the same ones.
    return this.call({ op: 'query', sql, params, rowMode: options?.rowMode, textTypes: options?.parsers !== undefined, tx });
  }

  exec(sql: string, tx?: number): Promise<QueryResult<unknown>[]> {
    return this.call({ op: 'exec', sql, tx });
  }

  /** Runs `sql` (one or more statements, one transaction) with `blob` readable as the file /dev/blob. */
  execWithBlob(sql: string, blob: Uint8Array): Promise<QueryResult<unknown>[]> {
    return this.call({ op: 'exec', sql, blob });
  }

  /** Runs `callback` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(callback: (tx: PGliteThreadTransaction) => Promise<T>): Promise<T> {
    const id = this.nextId; // the id `call` is about to give the begin, which names the transaction
    await this.call({ op: 'begin' });
    const tx: PGliteThreadTransaction = {
      query: (sql, params, options) => this.query(sql, params, options, id),
      exec: (sql) => this.exec(sql, id),
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      await this.call({ op: 'end', tx: id, commit: false });
      throw error;
    }
    await this.call({ op: 'end', tx: id, commit: true });
    return result;
  }

  /** Has the thread collect its garbage in full (when the server is quiet): its heap shrinks back. */
  async collectGarbage(): Promise<void> {
    await this.call({ op: 'gc' });
  }

  /** Calls `listener` if the thread ends without `close()` (PGlite crashed): every later call fails. */
  onLost(listener: (error: Error) => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.closing = true;
    await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}

/** Runs initdb in `dataDir` in a process of its own and waits for it to exit. */
function createDatabase(dataDir: string, options: PGliteThreadOptions): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(WORKER_URL), dataDir, JSON.stringify(options.settings ?? {})], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`PGlite could not open ${dataDir}: ${stderr.trim() || `initdb exited (${signal ?? code})`}`)),
    );
  });
}

export interface PGliteThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(sql: string): Promise<QueryResult<unknown>[]>;
}
