/**
 * Memory of the sync servers, as `VmRSS` of their process: 10 s after start, the peak while 500 light
 * y-websocket clients join one document (two of them writing 10 edits/s each for a few seconds) and
 * leave, and 30 s after the last one left. Troika on embedded PGlite is measured on a new data folder
 * and again on that folder once it holds data; the reference server (@y/websocket-server 0.1.1) and
 * Troika on PostgreSQL in the same run. One server at a time, each started for this and stopped after.
 *
 *   pnpm --filter @troika/tests bench:memory            (after `pnpm --filter @troika/server build`)
 *   pnpm --filter @troika/tests bench:memory --no-pg
 *
 * The targets of the embedded default (issue 13): <= 200 MB 10 s after start, <= 300 MB at the peak,
 * and within 10 % of the idle figure 30 s after the clients left. `sync-bench.ts` runs the same
 * measurement as its `memory` phase.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeGroups, drive, openGroups, type DocGroup, type LightClient } from './bench-clients';
import { createPgDatabase, startReference, startTroika, stopAll, tempDir, type Target } from './bench-servers';
import { log, mb, round, rssKb, RssSampler, sleep } from './bench-util';

export const MEMORY_TARGETS = { afterStartMb: 200, peakMb: 300, backWithinPct: 10 };

export interface MemoryOptions {
  clients: number;
  writers: number;
  /** How long the clients stay (the writers writing), ms. */
  holdMs: number;
  /** How long after start the idle figure is read, ms. */
  afterStartMs: number;
  /** How long after the clients left the last figure is read, ms. */
  afterLeaveMs: number;
  withPg: boolean;
}

export const DEFAULT_MEMORY_OPTIONS: MemoryOptions = { clients: 500, writers: 2, holdMs: 5000, afterStartMs: 10_000, afterLeaveMs: 30_000, withPg: true };

export interface MemoryFigures {
  server: string;
  label: string;
  /** RSS `afterStartMs` after the process was spawned, before anything was asked of it. */
  afterStartMb: number | null;
  /** RSS just before the clients connect (Troika: after signing a user up and creating a workspace). */
  beforeClientsMb: number | null;
  /** Highest RSS sampled (every 200 ms) from the first connection to the last close. */
  peakMb: number | null;
  /** RSS `afterLeaveMs` after the last client closed. */
  afterLeaveMb: number | null;
  /** afterLeave over afterStart, minus one, in %. */
  growthPct: number | null;
  connectMs: number | null;
  loadedDocsAfter: number | null;
  error?: string;
}

async function measure(target: Target, options: MemoryOptions): Promise<MemoryFigures> {
  const figures: MemoryFigures = {
    server: target.name,
    label: target.label,
    afterStartMb: null,
    beforeClientsMb: null,
    peakMb: null,
    afterLeaveMb: null,
    growthPct: null,
    connectMs: null,
    loadedDocsAfter: null,
  };
  await sleep(Math.max(0, target.startedAt + options.afterStartMs - Date.now()));
  figures.afterStartMb = mb(rssKb(target.pid));
  let groups: DocGroup[] = [];
  let sampler: RssSampler | null = null;
  try {
    const endpoints = await target.endpoints('memory', 1);
    figures.beforeClientsMb = mb(rssKb(target.pid));
    sampler = new RssSampler(target.pid);
    const started = Date.now();
    const opened = await openGroups(endpoints, { clients: options.clients, writers: options.writers, full: false }, () => null);
    groups = opened.groups;
    figures.connectMs = Date.now() - started;
    const writers = groups.flatMap((g) => g.writers);
    await drive(writers, 10, options.holdMs, new Map<LightClient, number>());
  } catch (error) {
    figures.error = (error as Error).message;
    log(`${target.name} memory: ${figures.error}`);
  } finally {
    await closeGroups(groups);
    if (sampler) figures.peakMb = mb(sampler.stop());
  }
  await sleep(options.afterLeaveMs);
  figures.afterLeaveMb = mb(rssKb(target.pid));
  figures.loadedDocsAfter = await target.loadedDocs();
  if (figures.afterLeaveMb !== null && figures.afterStartMb) figures.growthPct = round((figures.afterLeaveMb / figures.afterStartMb - 1) * 100, 1);
  log(`${target.name} memory: ${JSON.stringify(figures)}`);
  return figures;
}

/**
 * Starts each server in turn, measures it, and stops it: the reference, Troika on a new data folder,
 * Troika again on that folder, and (with `withPg`) Troika on a new PostgreSQL database.
 */
export async function memoryRun(options: MemoryOptions = DEFAULT_MEMORY_OPTIONS): Promise<MemoryFigures[]> {
  const results: MemoryFigures[] = [];
  const one = async (start: () => Promise<Target>) => {
    const target = await start();
    try {
      results.push(await measure(target, options));
    } finally {
      await target.stop();
    }
  };
  await one(() => startReference());
  const dir = tempDir('troika-memory-');
  await one(() => startTroika('troika-new', 'Troika (PGlite), new data folder', { dir }));
  await one(() => startTroika('troika-existing', 'Troika (PGlite), existing data folder', { dir }));
  if (options.withPg) await one(() => startTroika('troika-pg', 'Troika (PostgreSQL)', { databaseUrl: createPgDatabase() }));
  return results;
}

/** The figures as a markdown table, each PGlite figure judged against its target. */
export function memoryMarkdown(results: MemoryFigures[], options: MemoryOptions = DEFAULT_MEMORY_OPTIONS): string {
  const judged = (r: MemoryFigures, value: number | null, ok: (v: number) => boolean) =>
    value === null ? '-' : r.server.startsWith('troika-') && r.server !== 'troika-pg' ? `${value} ${ok(value) ? '✓' : '✗'}` : String(value);
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${judged(r, r.afterStartMb, (v) => v <= MEMORY_TARGETS.afterStartMb)} | ${r.beforeClientsMb ?? '-'} | ` +
      `${judged(r, r.peakMb, (v) => v <= MEMORY_TARGETS.peakMb)} | ${r.afterLeaveMb ?? '-'} | ` +
      `${judged(r, r.growthPct, (v) => v <= MEMORY_TARGETS.backWithinPct)} | ${r.connectMs ?? '-'} |${r.error ? ` ${r.error}` : ''}`,
  );
  return [
    `| server | RSS ${options.afterStartMs / 1000} s after start, MB | before the clients, MB | peak with ${options.clients} clients on one doc, MB | ${options.afterLeaveMs / 1000} s after they left, MB | after-leave vs after-start, % | connect + sync all, ms |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = new Set(process.argv.slice(2));
  const options = { ...DEFAULT_MEMORY_OPTIONS, withPg: !args.has('--no-pg') && process.env.BENCH_PG !== '0' };
  const out = process.env.BENCH_OUT ?? join(dirname(fileURLToPath(import.meta.url)), 'last-memory.json');
  const loadavg = () => {
    try {
      return readFileSync('/proc/loadavg', 'utf8').trim();
    } catch {
      return null;
    }
  };
  const watchdog = setTimeout(() => {
    log('watchdog: the memory run passed 10 minutes; stopping');
    void stopAll().finally(() => process.exit(3));
  }, 10 * 60_000);
  watchdog.unref();
  process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  const loadAtStart = loadavg();
  memoryRun(options)
    .then(async (results) => {
      writeFileSync(out, JSON.stringify({ startedAtLoad: loadAtStart, endedAtLoad: loadavg(), options, results }, null, 2) + '\n');
      console.log(memoryMarkdown(results, options));
      log(`load average at start ${loadAtStart}, at end ${loadavg()}; raw: ${out}`);
      await stopAll();
      process.exit(0);
    })
    .catch(async (error) => {
      log('memory run failed:', error);
      await stopAll();
      process.exit(1);
    });
}
