import type { DatabaseHandle } from '@troika/db';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger';

export interface IdleMemoryOptions {
  /** What the sync engine holds now. */
  stats: () => { docs: number; connections: number };
  database: Pick<DatabaseHandle, 'releaseMemory'>;
  logger: Logger;
  /** How often to look, ms. */
  intervalMs?: number;
  /** How long after the first collection the second one runs, ms (V8's window is 5 s). */
  secondAfterMs?: number;
  /** Called after each collection (tests). */
  onCollected?: (rssBefore: number, rssAfter: number) => void;
}

/**
 * V8 shrinks its young generation only at a collection that finds allocation slow over the last
 * 5 s; a first collection starts that window, a second one after it shrinks.
 */
const SECOND_COLLECTION_AFTER_MS = 6000;

/**
 * Gives memory back once the server has gone quiet. Under load V8 grows its young generation (to
 * 16 MB per semi-space, in the main thread and again in PGlite's) and keeps it with the pages freed
 * meanwhile, and it schedules no collection while nothing allocates. So when the last connection
 * has closed and the last document unloaded, after some were held (or after start), the main
 * thread and the database's thread collect in full, twice, 6 s apart: nobody waits on the pauses.
 */
export function releaseMemoryWhenIdle(options: IdleMemoryOptions): { stop(): void } {
  // Starting (migrations, loading modules) leaves garbage too: the first quiet look releases it.
  let busy = true;
  let firstAt: number | null = null;
  let collecting = false;

  const collect = () => {
    collecting = true;
    const before = process.memoryUsage.rss();
    collectGarbage();
    options.database
      .releaseMemory()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'the database could not release memory'))
      .finally(() => {
        collecting = false;
        const after = process.memoryUsage.rss();
        options.logger.debug({ rssBefore: before, rssAfter: after }, 'quiet: memory released');
        options.onCollected?.(before, after);
      });
  };

  const timer = setInterval(() => {
    const { docs, connections } = options.stats();
    if (docs > 0 || connections > 0) {
      busy = true;
      firstAt = null;
      return;
    }
    if (collecting) return;
    if (busy) {
      busy = false;
      firstAt = Date.now();
      collect();
    } else if (firstAt !== null && Date.now() - firstAt >= (options.secondAfterMs ?? SECOND_COLLECTION_AFTER_MS)) {
      firstAt = null;
      collect();
    }
  }, options.intervalMs ?? 3000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** A full collection of this thread's heap (V8's `gc`, exposed for the call only). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  gc();
}
