/**
 * The sync benchmark: Troika against the reference y-websocket server (@y/websocket-server 0.1.1,
 * in memory, no persistence), started side by side and measured in ONE run, phase by phase
 * (each phase runs against each server in turn, never against two at once).
 *
 * Run on demand, never in CI:   pnpm --filter @troika/tests bench   (after `pnpm --filter @troika/server build`)
 * See tests/load/README.md for the options and tests/load/RESULTS.md for a run.
 *
 * Clients: raw `ws` sockets speaking the y-websocket protocol (y-protocols sync step 1/2 + updates),
 * kept light so that one process can drive 500 of them: readers answer the handshake but do not apply
 * what they receive (they decode each update once to read the timestamp in it); writers hold a Y.Doc
 * and send real Yjs updates. Besides them, single-document phases include one real y-websocket
 * `WebsocketProvider` client (with a `ws` polyfill that sends the cookie) that applies everything and
 * is used to check convergence at the end of the phase. All clients live in this process, so the
 * timestamp a writer embeds in its edit (`performance.now()`) is on the same clock as the receipt.
 *
 * Traffic goes to 127.0.0.1 only. Every loop is bounded in count and time, and a watchdog ends the run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { closeGroups, drain, drive, fullClient, openGroups, Recorder, type DocGroup, type LightClient, type Stamp } from './bench-clients';
import { counterSum, histoDelta, parseHisto, serverSide, type ServerSide } from './bench-metrics';
import { DEFAULT_MEMORY_OPTIONS, memoryMarkdown, memoryRun, type MemoryFigures } from './memory-bench';
import { createPgDatabase, ROOT, startReference, startTroika, stopAll, type Target } from './bench-servers';
import { cpuSeconds, log, mb, round, rssKb, RssSampler, sleep, withTimeout } from './bench-util';

// ---- options ------------------------------------------------------------------------------------

const HERE = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick') || process.env.BENCH_QUICK === '1';
const WITH_PG = !args.has('--no-pg') && process.env.BENCH_PG !== '0';
/** Adds 500 clients x 10 writers (about 50,000 deliveries/s): on 2 cores it saturates the load generator. */
const SATURATE = args.has('--saturate') || process.env.BENCH_SATURATE === '1';
/** Runs only these phases (comma-separated: one, sustained, multi, steps, bigdoc, memory); all when unset. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'one,sustained,multi,steps,bigdoc,memory').split(',').map((x) => x.trim()));
const OUT = process.env.BENCH_OUT ?? join(HERE, 'last-run.json');

/** Seconds of measurement per latency phase. */
const MEASURE_MS = QUICK ? 3000 : 8000;
const WARMUP_MS = QUICK ? 500 : 1000;
/** How long a phase waits, after its last edit, for late deliveries (bounded). */
const DRAIN_MS = 10_000;
const STEP_DRAIN_MS = 3000;
const RATE_PER_WRITER = 10;
/** Single-document phases: clients and how many of them write (each at RATE_PER_WRITER edits/s). */
const ONE_DOC_PHASES: { clients: number; writers: number; memoryAfter?: boolean }[] = QUICK
  ? [
      { clients: 10, writers: 10 },
      { clients: 100, writers: 10, memoryAfter: true },
    ]
  : [
      { clients: 10, writers: 10 },
      { clients: 100, writers: 10 },
      // 100 edits/s to 500 clients is ~50,000 deliveries/s: it saturates this 2-core machine (both servers
      // and the load generator); 2 writers keep deliveries near the 100-client phase's ~10,000/s.
      { clients: 500, writers: 2, memoryAfter: !SATURATE },
      ...(SATURATE ? [{ clients: 500, writers: 10, memoryAfter: true }] : []),
    ];
const phaseKey = (p: { clients: number; writers: number }) => `one${p.clients}w${p.writers}`;
/** 200 clients over 100 documents: per document one writer and one reader. */
const MULTI_DOCS = QUICK ? 20 : 100;
/** Rate steps: clients on one doc, writers among them, total edits/s per step. */
const STEP_CLIENTS = 20;
const STEP_WRITERS = 10;
const STEP_RATES = QUICK ? [50, 400, 1600] : [25, 50, 100, 200, 400, 600, 800, 1000, 1500, 2000, 3000, 4000, 6000];
const STEP_MS = QUICK ? 2000 : 5000;
const STEP_P99_LIMIT_MS = 50;
const STEP_ATTEMPTS = 2;
/** The document of many small updates. */
const BIG_UPDATES = QUICK ? 2000 : 10_000;
const BIG_WRITERS = 10;
const BIG_RATE = 2000; // edits/s in total while writing it
const UNLOAD_WAIT_MS = 20_000;
/**
 * The sustained phase: runs in a row on ONE document that grows (each edit also types characters),
 * connections kept, runs of the servers interleaved so that run i of each saw the same machine.
 */
const SUSTAINED_RUNS = Number(process.env.BENCH_SUSTAINED_RUNS ?? (QUICK ? 2 : 4));
const SUSTAINED_MS = Number(process.env.BENCH_SUSTAINED_MS ?? (QUICK ? 3000 : 8000));
/** A folder to write every delivery of each sustained run to (`<server>-run<i>.json`), to see when the slow ones came. */
const DELIVERIES_DIR = process.env.BENCH_DELIVERIES;
const SUSTAINED_CLIENTS = 10;
const SUSTAINED_WRITERS = 3;
const SUSTAINED_RATE = 100; // edits/s per writer
const SUSTAINED_TYPED = 8; // characters typed per edit
/** A delivery slower than this is counted on its own: the target is none. */
const SLOW_DELIVERY_MS = 100;
const WATCHDOG_MS = (QUICK ? 8 : 22) * 60_000;

// ---- phases -------------------------------------------------------------------------------------

let recorder: Recorder | null = null;
const currentRecorder = () => recorder;

interface LatencyResult {
  clients: number;
  docs: number;
  writers: number;
  targetRate: number;
  achievedRate: number | null;
  editsMeasured: number;
  expected: number;
  received: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  connectMs: number | null;
  converged: boolean | null;
  rssPeakMb: number | null;
  rssAfterMb: number | null;
  loadedDocsAfter?: number | null;
  /** The server process's CPU (user + system) during the measured window, % of one core. */
  serverCpuPct?: number | null;
  /** Server CPU per edit (received, stored, sent to every other client), ms: less sensitive to contention than latency. */
  serverCpuMsPerEdit?: number | null;
  server: ServerSide | null;
  error?: string;
}

/**
 * One latency phase on `docs` documents with `clients` clients each, of which `writers` write.
 * Edits made during the warm-up do not count; the window's edits are expected at every other client.
 */
async function latencyPhase(
  target: Target,
  slot: string,
  opts: { docs: number; clients: number; writers: number; full: boolean; measureMs: number; memoryAfter?: boolean },
): Promise<LatencyResult> {
  const before = await target.metrics();
  const sampler = new RssSampler(target.pid);
  const endpoints = await target.endpoints(slot, opts.docs);
  const rec = new Recorder();
  recorder = rec;
  let groups: DocGroup[] = [];
  const result: LatencyResult = {
    clients: opts.clients * opts.docs,
    docs: opts.docs,
    writers: opts.writers * opts.docs,
    targetRate: opts.writers * opts.docs * RATE_PER_WRITER,
    achievedRate: null,
    editsMeasured: 0,
    expected: 0,
    received: 0,
    p50: null,
    p99: null,
    max: null,
    connectMs: null,
    converged: null,
    rssPeakMb: null,
    rssAfterMb: null,
    server: null,
  };
  try {
    const opened = await openGroups(endpoints, opts, currentRecorder);
    groups = opened.groups;
    result.connectMs = round(opened.connectMs, 0);
    const writers = groups.flatMap((g) => g.writers);
    const receiversPerEdit = opts.clients - 1;
    const counters = new Map<LightClient, number>();
    // Warm-up, then the measured window.
    await drive(writers, RATE_PER_WRITER, WARMUP_MS, counters);
    rec.windowStart = performance.now();
    const cpu0 = cpuSeconds(target.pid);
    const run = await drive(writers, RATE_PER_WRITER, opts.measureMs, counters);
    rec.windowEnd = performance.now();
    const cpu1 = cpuSeconds(target.pid);
    if (cpu0 !== null && cpu1 !== null) {
      result.serverCpuPct = round(((cpu1 - cpu0) / ((rec.windowEnd - rec.windowStart) / 1000)) * 100, 0);
      result.serverCpuMsPerEdit = run.made ? round(((cpu1 - cpu0) * 1000) / run.made, 3) : null;
    }
    rec.expected = run.made * receiversPerEdit;
    await drain(rec, DRAIN_MS);
    const s = rec.samples.summary();
    Object.assign(result, {
      achievedRate: round(run.achievedRate, 0),
      editsMeasured: run.made,
      expected: rec.expected,
      received: rec.received,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
    });
    // Convergence: the real y-websocket client holds every writer's last edit.
    if (opts.full) {
      await sleep(200);
      result.converged = groups.every((g) => {
        const map = g.full!.doc.getMap('bench');
        return g.writers.every((w) => (map.get(`w${w.writerId}`) as Stamp | undefined)?.n === counters.get(w));
      });
    }
  } catch (error) {
    result.error = (error as Error).message;
    log(`${target.name} ${slot}: ${result.error}`);
  } finally {
    recorder = null;
    rec.reset();
    result.rssPeakMb = mb(sampler.stop());
    await closeGroups(groups);
    if (opts.memoryAfter) {
      // Troika unloads a document SYNC_UNLOAD_AFTER_MS (5 s) after its last client left.
      await sleep(8000);
      result.rssAfterMb = mb(rssKb(target.pid));
      result.loadedDocsAfter = await target.loadedDocs();
    }
    result.server = (await serverSide(target, before)).delta;
    const closedAbnormally = groups.flatMap((g) => [...g.writers, ...g.readers]).filter((c) => c.closeCode !== null && c.closeCode !== 1000 && c.closeCode !== 1005);
    if (closedAbnormally.length) log(`${target.name} ${slot}: ${closedAbnormally.length} clients closed with codes ${[...new Set(closedAbnormally.map((c) => c.closeCode))].join(',')}`);
  }
  return result;
}

interface SustainedRun {
  run: number;
  achievedRate: number | null;
  expected: number;
  received: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  /** Deliveries slower than SLOW_DELIVERY_MS. */
  slow: number;
  /** Log rows merged into a snapshot during the run (Troika). */
  compactions: number | null;
  serverCpuPct: number | null;
  server: ServerSide | null;
}

interface SustainedState {
  groups: DocGroup[];
  counters: Map<LightClient, number>;
  runs: SustainedRun[];
  docBytes?: number | null;
  converged?: boolean | null;
  error?: string;
}

/** Opens the sustained phase's clients on one new document of `target`. */
async function openSustained(target: Target): Promise<SustainedState> {
  const endpoints = await target.endpoints('sustained', 1);
  const { groups } = await openGroups(endpoints, { clients: SUSTAINED_CLIENTS, writers: SUSTAINED_WRITERS, full: true }, currentRecorder);
  for (const w of groups[0]!.writers) w.typeChars = SUSTAINED_TYPED;
  return { groups, counters: new Map(), runs: [] };
}

/** One run of the sustained phase: the writers at SUSTAINED_RATE for SUSTAINED_MS, every delivery timed. */
async function sustainedRun(target: Target, state: SustainedState, run: number): Promise<SustainedRun> {
  const before = await target.metrics();
  const rec = new Recorder();
  if (DELIVERIES_DIR) rec.deliveries = [];
  recorder = rec;
  try {
    const writers = state.groups[0]!.writers;
    rec.windowStart = performance.now();
    const cpu0 = cpuSeconds(target.pid);
    const made = await drive(writers, SUSTAINED_RATE, SUSTAINED_MS, state.counters);
    rec.windowEnd = performance.now();
    const cpu1 = cpuSeconds(target.pid);
    rec.expected = made.made * (SUSTAINED_CLIENTS - 1);
    await drain(rec, DRAIN_MS);
    if (DELIVERIES_DIR) writeFileSync(join(DELIVERIES_DIR, `${target.name}-run${run}.json`), JSON.stringify(rec.deliveries));
    const s = rec.samples.summary();
    const side = await serverSide(target, before);
    const compactions = before && side.after ? counterSum(side.after, 'troika_sync_compactions_total') - counterSum(before, 'troika_sync_compactions_total') : null;
    return {
      run,
      achievedRate: round(made.achievedRate, 0),
      expected: rec.expected,
      received: rec.received,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      slow: rec.samples.countAbove(SLOW_DELIVERY_MS),
      compactions,
      serverCpuPct: cpu0 !== null && cpu1 !== null ? round(((cpu1 - cpu0) / ((rec.windowEnd - rec.windowStart) / 1000)) * 100, 0) : null,
      server: side.delta,
    };
  } finally {
    recorder = null;
    rec.reset();
  }
}

/** Checks that the real y-websocket client holds every writer's last edit and all the typing, then closes. */
async function closeSustained(state: SustainedState): Promise<void> {
  const g = state.groups[0];
  if (g?.full) {
    await sleep(300);
    const map = g.full.doc.getMap('bench');
    const typed = g.full.doc.getText('typed').length;
    const edits = [...state.counters.values()].reduce((a, b) => a + b, 0);
    state.converged = g.writers.every((w) => (map.get(`w${w.writerId}`) as Stamp | undefined)?.n === state.counters.get(w)) && typed === edits * SUSTAINED_TYPED;
    state.docBytes = Y.encodeStateAsUpdate(g.full.doc).length;
  }
  await closeGroups(state.groups);
}

interface StepResult {
  rate: number;
  attempt: number;
  achievedRate: number | null;
  p50: number | null;
  p99: number | null;
  delivered: number;
  pass: boolean;
  serverCpuPct: number | null;
  server: ServerSide | null;
}

/** Steps the total edit rate up on one document until p99 passes the limit (or edits go missing). */
async function rateSteps(target: Target): Promise<{ clients: number; writers: number; steps: StepResult[]; highestPassing: number | null; stoppedBecause: string }> {
  const [endpoint] = await target.endpoints('steps', 1);
  const opened = await openGroups([endpoint!], { clients: STEP_CLIENTS, writers: STEP_WRITERS, full: false }, currentRecorder);
  const writers = opened.groups[0]!.writers;
  const counters = new Map<LightClient, number>();
  const steps: StepResult[] = [];
  let highestPassing: number | null = null;
  let stoppedBecause = 'all steps passed';
  try {
    for (const rate of STEP_RATES) {
      // A step passes if one of two attempts passes: other work on the machine causes lone stalls.
      let passed = false;
      let reason = '';
      for (let attempt = 1; attempt <= STEP_ATTEMPTS && !passed; attempt++) {
        const before = await target.metrics();
        const rec = new Recorder();
        recorder = rec;
        const perWriter = rate / STEP_WRITERS;
        await drive(writers, perWriter, 300, counters);
        const cpu0 = cpuSeconds(target.pid);
        rec.windowStart = performance.now();
        const run = await drive(writers, perWriter, STEP_MS, counters);
        rec.windowEnd = performance.now();
        const cpu1 = cpuSeconds(target.pid);
        rec.expected = run.made * (STEP_CLIENTS - 1);
        await drain(rec, STEP_DRAIN_MS);
        recorder = null;
        const s = rec.samples.summary();
        const delivered = rec.expected ? rec.received / rec.expected : 0;
        const achieved = run.achievedRate;
        passed = s.p99 !== null && s.p99 < STEP_P99_LIMIT_MS && delivered >= 0.999 && achieved >= 0.9 * rate;
        const serverCpuPct = cpu0 !== null && cpu1 !== null ? round(((cpu1 - cpu0) / ((rec.windowEnd - rec.windowStart) / 1000)) * 100, 0) : null;
        steps.push({ rate, attempt, achievedRate: round(achieved, 0), p50: s.p50, p99: s.p99, delivered: round(delivered, 4)!, pass: passed, serverCpuPct, server: (await serverSide(target, before)).delta });
        rec.reset();
        log(`${target.name} step ${rate}/s #${attempt}: achieved ${round(achieved, 0)}/s p50 ${s.p50} p99 ${s.p99} delivered ${round(delivered * 100, 2)}% server cpu ${serverCpuPct}% ${JSON.stringify(steps.at(-1)!.server)}`);
        reason =
          achieved < 0.9 * rate
            ? `the load generator reached only ${round(achieved, 0)}/s`
            : delivered < 0.999
              ? `only ${round(delivered * 100, 2)}% delivered within ${STEP_DRAIN_MS} ms`
              : `p99 ${s.p99} ms >= ${STEP_P99_LIMIT_MS} ms`;
        await sleep(300);
      }
      if (!passed) {
        stoppedBecause = `${rate}/s: ${reason} (${STEP_ATTEMPTS} attempts)`;
        break;
      }
      highestPassing = rate;
    }
  } finally {
    recorder = null;
    await closeGroups(opened.groups);
  }
  return { clients: STEP_CLIENTS, writers: STEP_WRITERS, steps, highestPassing, stoppedBecause };
}

interface BigDocResult {
  updates: number;
  writeSeconds: number | null;
  docBytes: number | null;
  coldMs: number[];
  warmMs: number[];
  serverLoadMs: ReturnType<typeof histoDelta>;
  textOk: boolean | null;
  error?: string;
}

/**
 * A document of many small updates (typing: 8 characters per update from 10 writers), then the time
 * a fresh y-websocket client takes to connect and finish its first sync. Troika: after it unloaded the
 * document (so it is read from the database) and while it is loaded; the reference: held in memory.
 */
async function bigDoc(target: Target): Promise<BigDocResult> {
  const result: BigDocResult = { updates: BIG_UPDATES, writeSeconds: null, docBytes: null, coldMs: [], warmMs: [], serverLoadMs: null, textOk: null };
  const [endpoint] = await target.endpoints('bigdoc', 1);
  const word = 'lorem ip'; // 8 characters
  let groups: DocGroup[] = [];
  try {
    const opened = await openGroups([endpoint!], { clients: BIG_WRITERS + 1, writers: BIG_WRITERS, full: false }, currentRecorder);
    groups = opened.groups;
    const { writers, readers } = opened.groups[0]!;
    const reader = readers[0]!;
    const started = performance.now();
    const perWriter = BIG_UPDATES / BIG_WRITERS;
    const interval = 1000 / (BIG_RATE / BIG_WRITERS);
    // Each writer types at the end of its own text; bounded: perWriter edits each.
    let made = 0;
    await new Promise<void>((res) => {
      const timer = setInterval(() => {
        const due = Math.min(perWriter, Math.floor((performance.now() - started) / interval) + 1);
        for (const w of writers) {
          const text = w.doc!.getText('text');
          while (w.sent < due) {
            text.insert(text.length, word);
            made++;
          }
        }
        if (made >= BIG_UPDATES) {
          clearInterval(timer);
          res();
        }
      }, 2);
    });
    // The reader sees each update once the server has taken it (Troika: once durable).
    const until = performance.now() + 60_000;
    while (reader.updatesReceived < BIG_UPDATES && performance.now() < until) await sleep(20);
    result.writeSeconds = round((performance.now() - started) / 1000, 2);
    if (reader.updatesReceived < BIG_UPDATES) throw new Error(`only ${reader.updatesReceived} of ${BIG_UPDATES} updates came back`);
    await closeGroups(groups);
    groups = [];

    const expectedLength = BIG_UPDATES * word.length;
    const timeFresh = async (): Promise<{ ms: number; client: ReturnType<typeof fullClient> }> => {
      const t0 = performance.now();
      const client = fullClient(endpoint!);
      await withTimeout(client.synced, 60_000, 'fresh client sync');
      const ms = performance.now() - t0;
      result.textOk = (result.textOk ?? true) && client.doc.getText('text').length === expectedLength;
      result.docBytes = Y.encodeStateAsUpdate(client.doc).length;
      return { ms, client };
    };
    const beforeMetrics = await target.metrics();
    if (target.persists) {
      for (let i = 0; i < 2; i++) {
        const until2 = performance.now() + UNLOAD_WAIT_MS;
        while ((await target.loadedDocs()) !== 0 && performance.now() < until2) await sleep(250);
        if ((await target.loadedDocs()) !== 0) throw new Error('the document did not unload');
        const cold = await timeFresh();
        result.coldMs.push(round(cold.ms, 1)!);
        if (i === 1) {
          for (let k = 0; k < 3; k++) {
            const warm = await timeFresh();
            result.warmMs.push(round(warm.ms, 1)!);
            warm.client.provider.destroy();
          }
        }
        cold.client.provider.destroy();
        await sleep(200);
      }
      const after = await target.metrics();
      result.serverLoadMs = histoDelta(parseHisto(beforeMetrics, 'troika_sync_load_ms'), parseHisto(after, 'troika_sync_load_ms'));
    } else {
      for (let k = 0; k < 3; k++) {
        const warm = await timeFresh();
        result.warmMs.push(round(warm.ms, 1)!);
        warm.client.provider.destroy();
      }
    }
  } catch (error) {
    result.error = (error as Error).message;
    log(`${target.name} bigdoc: ${result.error}`);
  } finally {
    await closeGroups(groups);
  }
  return result;
}

// ---- the run ------------------------------------------------------------------------------------

const cleanup = stopAll;

function machine() {
  const sh = (cmd: string, argv: string[]) => {
    try {
      return execFileSync(cmd, argv, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    nproc: sh('nproc', []),
    memory: sh('free', ['-h'])?.split('\n')[1]?.replace(/\s+/g, ' ') ?? null,
    node: process.version,
    kernel: sh('uname', ['-r']),
    loadavgAtStart: sh('cat', ['/proc/loadavg']),
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    /** Uncommitted changes under the server's sources when the run started (what dist/ may have been built from). */
    dirtyServerFiles: sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'apps/server/src', 'packages'])?.split('\n').filter(Boolean) ?? null,
  };
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`watchdog: the run passed ${WATCHDOG_MS / 60_000} minutes; stopping`);
    void cleanup().finally(() => process.exit(3));
  }, WATCHDOG_MS);
  watchdog.unref();

  const startedAt = new Date().toISOString();
  const report: Record<string, unknown> = { startedAt, quick: QUICK, machine: machine() };
  const targets: Target[] = [];

  log(`starting servers (phases: ${[...ONLY].join(', ')}${SATURATE ? ', saturate' : ''})`);
  targets.push(await startTroika('troika', 'Troika (embedded PGlite)'));
  targets.push(await startReference());
  if (WITH_PG) {
    try {
      targets.push(await startTroika('troika-pg', 'Troika (PostgreSQL)', { databaseUrl: createPgDatabase() }));
    } catch (error) {
      log(`PostgreSQL variant skipped: ${(error as Error).message}`);
    }
  }
  await sleep(1000);

  const per: Record<string, Record<string, unknown>> = {};
  for (const t of targets) per[t.name] = { label: t.label, rssStartMb: mb(rssKb(t.pid)) };

  // 0. Warm-up (not reported): the first document load, JIT, the database's caches.
  for (const t of targets) {
    log(`${t.name}: warm-up`);
    await latencyPhase(t, 'warmup', { docs: 1, clients: 10, writers: 10, full: false, measureMs: 2000 });
  }

  // 1. One document, 10 / 100 / 500 clients.
  for (const phase of ONLY.has('one') ? ONE_DOC_PHASES : []) {
    for (const t of targets) {
      log(`${t.name}: ${phase.clients} clients on one doc, ${phase.writers} writers x ${RATE_PER_WRITER}/s`);
      const idleBefore = mb(rssKb(t.pid));
      const r = await latencyPhase(t, phaseKey(phase), { docs: 1, clients: phase.clients, writers: phase.writers, full: true, measureMs: MEASURE_MS, memoryAfter: phase.memoryAfter });
      per[t.name]![phaseKey(phase)] = { ...r, rssBeforeMb: idleBefore };
      log(`  p50 ${r.p50} p99 ${r.p99} max ${r.max} received ${r.received}/${r.expected} rate ${r.achievedRate}/s connect ${r.connectMs} ms converged ${r.converged} cpu ${r.serverCpuPct}% rss peak ${r.rssPeakMb} MB server ${JSON.stringify(r.server)}`);
      await sleep(500);
    }
  }

  // 1b. Runs in a row on one growing document (compaction under way), the servers' runs interleaved.
  if (ONLY.has('sustained')) {
    const states = new Map<string, SustainedState>();
    for (const t of targets) {
      try {
        states.set(t.name, await openSustained(t));
      } catch (error) {
        per[t.name]!.sustained = { error: (error as Error).message };
        log(`${t.name} sustained: ${(error as Error).message}`);
      }
    }
    for (let run = 1; run <= SUSTAINED_RUNS; run++) {
      for (const t of targets) {
        const state = states.get(t.name);
        if (!state) continue;
        log(`${t.name}: sustained run ${run}/${SUSTAINED_RUNS}, ${SUSTAINED_WRITERS} writers x ${SUSTAINED_RATE}/s on one growing doc`);
        const r = await sustainedRun(t, state, run);
        state.runs.push(r);
        log(`  p50 ${r.p50} p99 ${r.p99} max ${r.max} slow ${r.slow} received ${r.received}/${r.expected} rate ${r.achievedRate}/s compactions ${r.compactions} cpu ${r.serverCpuPct}% server ${JSON.stringify(r.server)}`);
        await sleep(300);
      }
    }
    for (const t of targets) {
      const state = states.get(t.name);
      if (!state) continue;
      await closeSustained(state);
      per[t.name]!.sustained = { runs: state.runs, docBytes: state.docBytes, converged: state.converged };
      log(`${t.name} sustained: converged ${state.converged}, ${state.docBytes} bytes`);
    }
  }

  // 2. 200 clients over 100 documents.
  for (const t of ONLY.has('multi') ? targets : []) {
    log(`${t.name}: ${MULTI_DOCS * 2} clients over ${MULTI_DOCS} docs (1 writer + 1 reader each)`);
    const r = await latencyPhase(t, 'multi', { docs: MULTI_DOCS, clients: 2, writers: 1, full: false, measureMs: MEASURE_MS });
    per[t.name]!.multi = r;
    log(`  p50 ${r.p50} p99 ${r.p99} max ${r.max} received ${r.received}/${r.expected} rate ${r.achievedRate}/s connect ${r.connectMs} ms cpu ${r.serverCpuPct}% rss peak ${r.rssPeakMb} MB server ${JSON.stringify(r.server)}`);
    await sleep(500);
  }

  // 3. Memory after everyone left: Troika unloads idle documents after SYNC_UNLOAD_AFTER_MS (5 s).
  await sleep(8000);
  for (const t of targets) {
    per[t.name]!.rssAfterLeave8sMb = mb(rssKb(t.pid));
    per[t.name]!.loadedDocsAfterLeave8s = await t.loadedDocs();
  }

  // 4. The highest rate with p99 under 50 ms.
  for (const t of ONLY.has('steps') ? targets : []) {
    log(`${t.name}: rate steps (${STEP_CLIENTS} clients, ${STEP_WRITERS} writers, one doc)`);
    try {
      per[t.name]!.steps = await rateSteps(t);
    } catch (error) {
      per[t.name]!.steps = { error: (error as Error).message };
      log(`  ${(error as Error).message}`);
    }
    await sleep(500);
  }

  // 5. Loading a document of many small updates.
  for (const t of ONLY.has('bigdoc') ? targets : []) {
    log(`${t.name}: a document of ${BIG_UPDATES} updates`);
    const r = await bigDoc(t);
    per[t.name]!.bigDoc = r;
    log(`  write ${r.writeSeconds} s, cold ${r.coldMs.join('/')} ms, warm ${r.warmMs.join('/')} ms, text ok ${r.textOk}, ${r.docBytes} bytes`);
  }

  // 6. Memory at the end, everyone gone for a while.
  await sleep(8000);
  for (const t of targets) {
    per[t.name]!.rssEndMb = mb(rssKb(t.pid));
    per[t.name]!.loadedDocsEnd = await t.loadedDocs();
    const logText = readFileSync(t.logFile, 'utf8');
    per[t.name]!.serverLogLines = logText.split('\n').filter(Boolean).length;
    per[t.name]!.serverLogSample = logText.split('\n').filter(Boolean).slice(0, 5);
  }

  // 7. Memory: each server started afresh, one at a time (see memory-bench.ts).
  if (ONLY.has('memory')) {
    await Promise.all(targets.map((t) => t.stop()));
    log('memory: servers one at a time (reference, Troika on a new and an existing folder, PostgreSQL)');
    report.memory = await memoryRun({ ...DEFAULT_MEMORY_OPTIONS, withPg: WITH_PG });
  }

  report.results = per;
  report.loadavgAtEnd = readFileSync('/proc/loadavg', 'utf8').trim();
  report.finishedAt = new Date().toISOString();
  writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
  log(`raw results: ${OUT}`);
  console.log(summaryMarkdown(per, targets));
  if (report.memory) console.log(`\n${memoryMarkdown(report.memory as MemoryFigures[])}`);
}

function summaryMarkdown(per: Record<string, Record<string, unknown>>, targets: Target[]): string {
  const names = targets.map((t) => t.name);
  const ref = per.reference;
  const get = (name: string, path: string): number | null => {
    let v: unknown = per[name];
    for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return typeof v === 'number' ? v : null;
  };
  const median = (xs: unknown) => {
    if (!Array.isArray(xs) || xs.length === 0) return null;
    const s = [...(xs as number[])].sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)]!;
  };
  const rows: [string, (name: string) => number | null][] = [];
  for (const phase of ONE_DOC_PHASES) {
    const k = phaseKey(phase);
    const label = `${phase.clients} clients / 1 doc / ${phase.writers * RATE_PER_WRITER} edits/s`;
    rows.push([`${label}, p50 ms`, (n) => get(n, `${k}.p50`)]);
    rows.push([`${label}, p99 ms`, (n) => get(n, `${k}.p99`)]);
    rows.push([`${label}, server CPU ms per edit`, (n) => get(n, `${k}.serverCpuMsPerEdit`)]);
    rows.push([`${label}, connect+sync all ms`, (n) => get(n, `${k}.connectMs`)]);
  }
  const sustainedRun = (n: string, run: number) =>
    ((per[n]?.sustained as { runs?: SustainedRun[] } | undefined)?.runs ?? []).find((r) => r.run === run);
  for (let run = 1; run <= SUSTAINED_RUNS; run++) {
    const label = `one growing doc, ${SUSTAINED_WRITERS * SUSTAINED_RATE} edits/s, run ${run}`;
    rows.push([`${label}, p99 ms`, (n) => sustainedRun(n, run)?.p99 ?? null]);
    rows.push([`${label}, max ms`, (n) => sustainedRun(n, run)?.max ?? null]);
    rows.push([`${label}, deliveries over ${SLOW_DELIVERY_MS} ms`, (n) => sustainedRun(n, run)?.slow ?? null]);
  }
  rows.push([`${MULTI_DOCS * 2} clients / ${MULTI_DOCS} docs, p50 ms`, (n) => get(n, 'multi.p50')]);
  rows.push([`${MULTI_DOCS * 2} clients / ${MULTI_DOCS} docs, p99 ms`, (n) => get(n, 'multi.p99')]);
  rows.push([`${MULTI_DOCS * 2} clients / ${MULTI_DOCS} docs, server CPU ms per edit`, (n) => get(n, 'multi.serverCpuMsPerEdit')]);
  rows.push(['highest total edits/s with p99 < 50 ms', (n) => get(n, 'steps.highestPassing')]);
  rows.push(['RSS at start, MB', (n) => get(n, 'rssStartMb')]);
  const last = ONE_DOC_PHASES.at(-1)!;
  const biggest = last.clients;
  const lastKey = phaseKey(last);
  rows.push([`RSS before the ${biggest}-client phase, MB`, (n) => get(n, `${lastKey}.rssBeforeMb`)]);
  rows.push([`RSS peak, ${biggest} clients, MB`, (n) => get(n, `${lastKey}.rssPeakMb`)]);
  rows.push([`RSS peak, ${MULTI_DOCS} docs, MB`, (n) => get(n, 'multi.rssPeakMb')]);
  rows.push([`RSS 8 s after the ${biggest} clients left, MB`, (n) => get(n, `${lastKey}.rssAfterMb`)]);
  rows.push([`RSS 8 s after the ${MULTI_DOCS} docs' clients left, MB`, (n) => get(n, 'rssAfterLeave8sMb')]);
  rows.push(['RSS at the end, MB', (n) => get(n, 'rssEndMb')]);
  rows.push([`first sync, ${BIG_UPDATES} updates, from storage (median) ms`, (n) => median((per[n]!.bigDoc as BigDocResult | undefined)?.coldMs)]);
  rows.push([`first sync, ${BIG_UPDATES} updates, in memory (median) ms`, (n) => median((per[n]!.bigDoc as BigDocResult | undefined)?.warmMs)]);
  const header = `| measure | ${names.join(' | ')} | ${names.filter((n) => n !== 'reference').map((n) => `${n} / reference`).join(' | ')} |`;
  const sep = `|${' --- |'.repeat(1 + names.length + names.length - 1)}`;
  // Phases left out by BENCH_ONLY have no figures: no line for them.
  const lines = rows.filter(([, f]) => names.some((n) => f(n) !== null)).map(([label, f]) => {
    const values = names.map((n) => f(n));
    const r = ref ? f('reference') : null;
    const ratios = names.filter((n) => n !== 'reference').map((n) => {
      const v = f(n);
      return v !== null && r ? `${round(v / r, 2)}` : '-';
    });
    return `| ${label} | ${values.map((v) => (v === null ? '-' : String(v))).join(' | ')} | ${ratios.join(' | ')} |`;
  });
  return [header, sep, ...lines].join('\n');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping servers`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error) => {
    log('benchmark failed:', error);
    await cleanup();
    process.exit(1);
  });
