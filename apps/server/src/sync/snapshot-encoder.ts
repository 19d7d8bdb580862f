import { Worker } from 'node:worker_threads';

/** Where the worker's entry lives: beside this file in the source, beside the bundle once built. */
const WORKER_URL = new URL('./snapshot-worker.mjs', import.meta.url);

/** A worker with nothing to encode for this long exits: a thread that ends gives all its memory back. */
const IDLE_EXIT_MS = 20_000;
/** An encoding that takes longer than this is abandoned (the worker is ended and the compaction fails). */
const ENCODE_TIMEOUT_MS = 60_000;

export interface SnapshotEncoder {
  /**
   * The state of a document given as the updates that make it up (in the order they were applied),
   * as one update: what `Y.encodeStateAsUpdate` of that document gives, computed on a worker thread.
   */
  encode(parts: readonly Uint8Array[]): Promise<Uint8Array>;
  /** Ends the worker; encodings under way fail. */
  close(): Promise<void>;
}

interface Waiter {
  resolve: (snapshot: Uint8Array) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Encoding a whole document costs milliseconds per 100 KB (7 to 15 ms for 300 KB measured on the
 * event loop, RESULTS.md), during which no socket is served. On a worker it costs the event loop
 * one copy of the bytes each way. The worker starts on first use and exits when idle.
 */
export function createSnapshotEncoder(options: { idleExitMs?: number; timeoutMs?: number } = {}): SnapshotEncoder {
  const idleExitMs = options.idleExitMs ?? IDLE_EXIT_MS;
  const timeoutMs = options.timeoutMs ?? ENCODE_TIMEOUT_MS;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let closed = false;
  const waiting = new Map<number, Waiter>();

  function failAll(error: Error): void {
    for (const waiter of waiting.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    waiting.clear();
  }

  function stop(reason: Error): Promise<number> | undefined {
    const ending = worker;
    worker = null;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    failAll(reason);
    return ending?.terminate();
  }

  function start(): Worker {
    const started = new Worker(WORKER_URL);
    // Neither an idle worker nor one still encoding keeps the process alive.
    started.unref();
    started.on('message', (reply: { id: number; ok: boolean; snapshot?: Uint8Array; message?: string }) => {
      const waiter = waiting.get(reply.id);
      if (!waiter) return;
      waiting.delete(reply.id);
      clearTimeout(waiter.timer);
      if (reply.ok) waiter.resolve(reply.snapshot!);
      else waiter.reject(new Error(`snapshot encoding failed: ${reply.message}`));
      if (waiting.size === 0) armIdleExit();
    });
    const lost = (error: Error) => {
      if (worker !== started) return;
      worker = null;
      failAll(error);
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`the snapshot worker exited (code ${code})`)));
    return started;
  }

  function armIdleExit(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (waiting.size === 0) void stop(new Error('idle'));
    }, idleExitMs);
    idleTimer.unref();
  }

  return {
    encode(parts) {
      if (closed) return Promise.reject(new Error('the snapshot encoder is closed'));
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      worker ??= start();
      // One buffer, moved rather than copied to the worker: cloning thousands of small arrays would
      // cost the event loop more than laying them end to end.
      const lengths = parts.map((part) => part.length);
      const buffer = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
      let offset = 0;
      for (const part of parts) {
        buffer.set(part, offset);
        offset += part.length;
      }
      const id = nextId++;
      const target = worker;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (worker === target) void stop(new Error(`snapshot encoding took over ${timeoutMs} ms; abandoned`));
        }, timeoutMs);
        timer.unref();
        waiting.set(id, { resolve, reject, timer });
        target.postMessage({ id, buffer: buffer.buffer, lengths }, [buffer.buffer]);
      });
    },
    async close() {
      closed = true;
      await stop(new Error('the snapshot encoder is closed'));
    },
  };
}
