/**
 * The journey map benchmark (on demand, never in CI):
 *
 *   pnpm --filter @troika/web build && pnpm --filter @troika/server build
 *   pnpm --filter @troika/tests bench:journeys
 *
 * Starts the built server (embedded PGlite, temporary DATA_DIR), seeds a journey of 12 stages, 60
 * touchpoints, 300 pain points and 300 sticky notes through a y-websocket client, opens its map in
 * Chromium (/usr/bin/chromium through Playwright) and connects 20 more y-websocket connections, "people"
 * whose cursors move over the map at 10 Hz (awareness, as the screen sends it; see `Person`). Then, 10 s each:
 *   1. idle: frames per second of the map with the 20 people connected but still;
 *   2. cursors: the same with all 20 cursors moving;
 *   3. cursors + edits: one of them also renames a pain point 10 times a second; we record when
 *      each edit reaches the 19 other clients and when the browser has it on screen.
 * Frames are counted with requestAnimationFrame in the page. Latency to the browser uses the wall
 * clock of both processes (same machine); between node clients, performance.now() of this process.
 * Prints a Markdown section for RESULTS.md on stdout, progress on stderr.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { journeysOf, type Seat } from '@troika/model';
import * as Y from 'yjs';
import { DocClient, seedLargeJourney, waitForServer } from '../e2e/support/journey-seed';
import { startServer, stopServer } from '../e2e/support/server-process';

const SIZE = { stages: 12, touchpoints: 60, painPoints: 300, notes: 300 };
const PEOPLE = 20;
const CURSOR_HZ = 10;
const EDITS_PER_SECOND = 10;
const PHASE_MS = 10_000;
const SEATS: Seat[] = ['cio', 'cmo', 'business', 'it', 'marketing'];
const COLORS = ['#2f55d4', '#b8336f', '#a15c07', '#0b7b7d', '#6d44c6'];

const log = (...parts: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { count: sorted.length, p50: r(at(50)), p99: r(at(99)), max: r(sorted.at(-1) ?? NaN) };
}

/** p50 and p99 (as bucket upper bounds, ms) of what a Prometheus histogram recorded between two scrapes. */
function histogramBetween(before: string, after: string, name: string) {
  const read = (text: string) => {
    const buckets: [number, number][] = [];
    for (const line of text.split('\n')) {
      const m = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}\\s+(\\S+)`).exec(line);
      if (m) buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
    }
    return buckets;
  };
  const a = read(before);
  const b = read(after);
  const count = (b.at(-1)?.[1] ?? 0) - (a.at(-1)?.[1] ?? 0);
  const bound = (p: number) => b.find(([, c], i) => c - (a[i]?.[1] ?? 0) >= (p / 100) * count)?.[0] ?? NaN;
  return { count, p50: bound(50), p99: bound(99) };
}

/** CPU seconds (user + system) a process has used, from /proc (100 ticks a second). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function post(url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

/**
 * A simulated person: a raw y-websocket connection that syncs the document and sends its cursor
 * (awareness) like the screen does, but skips the awareness of the 19 others without decoding it
 * (the screen draws them; here 20 people in one process would otherwise spend the event loop on
 * ~4,000 awareness messages a second and distort the latency they measure).
 */
class Person {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly ws: WebSocket;
  synced = false;

  constructor(url: string, cookie: string, state: Record<string, unknown>) {
    this.awareness.setLocalState(state);
    this.ws = new WebSocket(url, { headers: { cookie } });
    this.ws.binaryType = 'arraybuffer';
    this.ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.ws.send(encoding.toUint8Array(encoder));
      this.sendAwareness();
    });
    this.ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return; // awareness and the rest: not decoded
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || this.ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.ws.send(encoding.toUint8Array(encoder));
    });
  }

  moveCursor(cursor: { x: number; y: number }): void {
    this.awareness.setLocalStateField('cursor', cursor);
    this.sendAwareness();
  }

  private sendAwareness(): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.ws.send(encoding.toUint8Array(encoder));
  }

  destroy(): void {
    this.ws.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

const watchdog = setTimeout(() => {
  log('watchdog: the benchmark took more than 8 minutes; stopping');
  process.exit(2);
}, 8 * 60_000);

const server = await startServer();
log('server', server.url);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const people: Person[] = [];
try {
  // ---- a person, a workspace, the journey --------------------------------------------------------
  const signup = await post(`${server.url}/api/auth/signup`, { email: `bench-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Bench Owner' });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  const workspaceId = ((await (await post(`${server.url}/api/workspaces`, { name: 'Bench', seat: 'cio' }, cookie)).json()) as { id: string }).id;
  const seeder = new DocClient(server.url, cookie, workspaceId, 'journeys');
  await seeder.synced();
  const seedStart = performance.now();
  const { journeyId } = seedLargeJourney(seeder.doc, SIZE);
  const seedBytes = Y.encodeStateAsUpdate(seeder.doc).byteLength;
  await waitForServer(server.url, cookie, workspaceId, 'journeys', (doc) => (journeysOf(doc).get(journeyId)?.get('painPoints') as Y.Map<unknown> | undefined)?.size === SIZE.painPoints);
  log(`seeded ${SIZE.painPoints} pain points and ${SIZE.notes} notes (${(seedBytes / 1024).toFixed(0)} KiB) in ${(performance.now() - seedStart).toFixed(0)} ms`);
  seeder.destroy();

  // ---- the browser on the map --------------------------------------------------------------------
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'troika_session', value: cookie.split('=')[1]!, url: server.url }]);
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  const openStart = performance.now();
  await page.goto(`/w/${workspaceId}/journeys/${journeyId}`);
  await page.locator('article[data-pain-id]').nth(SIZE.painPoints - 1).waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator('[data-note-id]').nth(SIZE.notes - 1).waitFor({ state: 'attached', timeout: 60_000 });
  const openMs = performance.now() - openStart;
  log(`map open with every card and note in ${openMs.toFixed(0)} ms`);
  const target = await page.locator('article[data-pain-id]').first().getAttribute('data-pain-id');

  // ---- 20 people, their cursors ------------------------------------------------------------------
  const syncUrl = `${server.url.replace(/^http/, 'ws')}/sync/${workspaceId}/journeys`;
  for (let i = 0; i < PEOPLE; i++) {
    people.push(
      new Person(syncUrl, cookie, {
        user: { id: `sim-${i}`, name: `Person ${i + 1}`, seat: SEATS[i % SEATS.length], color: COLORS[i % COLORS.length] },
        journey: journeyId,
        cursor: null,
      }),
    );
  }
  const syncDeadline = Date.now() + 60_000;
  while (!people.every((p) => p.synced) && Date.now() < syncDeadline) await sleep(50);
  if (!people.every((p) => p.synced)) throw new Error('the simulated people did not sync');
  await page.getByRole('list', { name: 'People on this map' }).getByText(`+${PEOPLE - 5}`).waitFor({ timeout: 30_000 });
  log(`${PEOPLE} people connected`);

  let moving = false;
  let tick = 0;
  const mover = setInterval(() => {
    if (!moving) return;
    tick++;
    people.forEach((p, i) => {
      const t = (tick + i * 7) / CURSOR_HZ;
      p.moveCursor({ x: Math.round(1600 + 1400 * Math.sin(t * 0.7 + i)), y: Math.round(700 + 550 * Math.cos(t * 0.9 + i * 2)) });
    });
  }, 1000 / CURSOR_HZ);

  // ---- measuring in the page ---------------------------------------------------------------------
  await page.evaluate(`(() => {
    window.__lat = [];
    const seen = new Set();
    const title = document.querySelector('article[data-pain-id="${target}"] .title');
    new MutationObserver(() => {
      const m = /#(\\d+) @(\\d+)/.exec(title.textContent || '');
      if (!m || seen.has(Number(m[1]))) return;
      seen.add(Number(m[1]));
      const sent = Number(m[2]);
      requestAnimationFrame(() => window.__lat.push(Date.now() - sent));
    }).observe(title, { characterData: true, childList: true, subtree: true });
  })()`);

  // In-page code as text: tsx would wrap named functions in a helper the page does not have.
  const FPS_SOURCE = `(duration) => new Promise((resolve) => {
    const intervals = [];
    let longTasks = 0;
    const observer = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    try { observer.observe({ type: 'longtask', buffered: false }); } catch {}
    let frames = 0;
    const start = performance.now();
    let last = start;
    const step = (now) => {
      frames++;
      intervals.push(now - last);
      last = now;
      if (now - start < duration) requestAnimationFrame(step);
      else { observer.disconnect(); resolve({ frames, seconds: (now - start) / 1000, intervals, longTasks }); }
    };
    requestAnimationFrame(step);
  })`;
  type FpsRun = { frames: number; seconds: number; intervals: number[]; longTasks: number; busy: Record<string, number> };
  // The CPU time of the page's main thread, from a Chromium trace of the phase: how heavy the map
  // is, whatever else the machine runs (wall-clock task times grow when other processes take the CPU).
  const BUSY = ['total', 'script', 'layout', 'paint'] as const;
  const CATEGORY: Record<string, (typeof BUSY)[number]> = {
    FunctionCall: 'script',
    EvaluateScript: 'script',
    'v8.run': 'script',
    TimerFire: 'script',
    FireAnimationFrame: 'script',
    EventDispatch: 'script',
    Layout: 'layout',
    UpdateLayoutTree: 'layout',
    Paint: 'paint',
    PrePaint: 'paint',
    Layerize: 'paint',
    Commit: 'paint',
  };
  const fps = async (ms: number): Promise<FpsRun> => {
    const tracePath = join(tmpdir(), `journey-bench-${process.pid}.json`);
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const run = (await page.evaluate(`(${FPS_SOURCE})(${ms})`)) as Omit<FpsRun, 'busy'>;
    await browser.stopTracing();
    const trace = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: { name: string; ph: string; pid: number; tid: number; ts: number; tdur?: number; args?: { name?: string } }[] };
    rmSync(tracePath, { force: true });
    const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const cpu = { total: 0, script: 0, layout: 0, paint: 0 };
    // Top-level tasks give the total; the named events below them give the split (nested ones of a kind are counted once).
    const open: { end: number; kind: string }[] = [];
    for (const e of trace.traceEvents.filter((x) => x.ph === 'X' && main && x.pid === main.pid && x.tid === main.tid).sort((a, b) => a.ts - b.ts)) {
      const tdur = (e.tdur ?? 0) / 1000;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') cpu.total += tdur;
      const kind = CATEGORY[e.name];
      if (!kind) continue;
      while (open.length > 0 && open.at(-1)!.end <= e.ts) open.pop();
      if (!open.some((o) => o.kind === kind)) cpu[kind] += tdur;
      open.push({ end: e.ts + ((e as { dur?: number }).dur ?? 0), kind });
    }
    // Milliseconds of main-thread CPU per second of the phase.
    const busy = Object.fromEntries(BUSY.map((k) => [k, Math.round(cpu[k] / run.seconds)]));
    return { ...run, busy };
  };
  const describeFps = (r: FpsRun) => ({
    fps: Math.round((r.frames / r.seconds) * 10) / 10,
    frameMs: summary(r.intervals),
    over33ms: r.intervals.filter((v) => v > 33.4).length,
    longTasks: r.longTasks,
    busy: r.busy,
  });

  log('phase 1: idle');
  const idle = describeFps(await fps(PHASE_MS));
  log('idle', JSON.stringify(idle));

  log('phase 2: 20 cursors at 10 Hz');
  moving = true;
  await sleep(1000);
  const cursorsOnly = describeFps(await fps(PHASE_MS));
  log('cursors', JSON.stringify(cursorsOnly));

  log('phase 3: cursors and 10 edits/s');
  const writer = people[0]!;
  const observers = people.slice(1);
  const nodeLatency: number[] = [];
  const sentAt = new Map<number, number>();
  for (const o of observers) {
    const seen = new Set<number>();
    o.doc.on('update', () => {
      const pain = (journeysOf(o.doc).get(journeyId)?.get('painPoints') as Y.Map<Y.Map<unknown>> | undefined)?.get(target!);
      const m = /#(\d+) @/.exec(String(pain?.get('title') ?? ''));
      if (!m) return;
      const seq = Number(m[1]);
      if (seen.has(seq) || !sentAt.has(seq)) return;
      seen.add(seq);
      nodeLatency.push(performance.now() - sentAt.get(seq)!);
    });
  }
  const metricsBefore = await (await fetch(`${server.url}/metrics`)).text();
  const serverCpuBefore = cpuSeconds(server.pid);
  const phaseStart = performance.now();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let seq = 0;
  const editor = setInterval(() => {
    seq++;
    sentAt.set(seq, performance.now());
    const pain = (journeysOf(writer.doc).get(journeyId)!.get('painPoints') as Y.Map<Y.Map<unknown>>).get(target!)!;
    pain.set('title', `Bench edit #${seq} @${Date.now()}`);
  }, 1000 / EDITS_PER_SECOND);
  const withEdits = describeFps(await fps(PHASE_MS));
  clearInterval(editor);
  lag.disable();
  const serverCpu = Math.round(((cpuSeconds(server.pid) - serverCpuBefore) / ((performance.now() - phaseStart) / 1000)) * 100);
  const metricsAfter = await (await fetch(`${server.url}/metrics`)).text();
  const append = histogramBetween(metricsBefore, metricsAfter, 'troika_sync_append_ms');
  const fanout = histogramBetween(metricsBefore, metricsAfter, 'troika_sync_fanout_ms');
  const counter = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0);
  const compactions = counter(metricsAfter, 'troika_sync_compactions_total') - counter(metricsBefore, 'troika_sync_compactions_total');
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  await sleep(2000);
  moving = false;
  clearInterval(mover);
  const browserLatency = (await page.evaluate('window.__lat')) as number[];
  log('edits', JSON.stringify(withEdits));

  // ---- report ------------------------------------------------------------------------------------
  const node = process.version;
  const cores = execFileSync('nproc').toString().trim();
  const free = execFileSync('free', ['-h']).toString().trim();
  const chromeVersion = browser.version();
  const nodeLat = summary(nodeLatency);
  const browserLat = summary(browserLatency);
  const expectedNode = seq * observers.length;
  const row = (name: string, r: ReturnType<typeof describeFps>) =>
    `| ${name} | ${r.fps} | ${r.frameMs.p50} / ${r.frameMs.p99} / ${r.frameMs.max} | ${r.over33ms} | ${r.longTasks} | ${r.busy.total} (${r.busy.script} / ${r.busy.layout} / ${r.busy.paint}) |`;
  const md = [
    '## Journeys',
    '',
    `Run on 2026-11-22 by \`pnpm --filter @troika/tests bench:journeys\` (\`tests/load/journey-bench.ts\`): the built server`,
    `(embedded PGlite) and Chromium ${chromeVersion} (headless, \`--disable-gpu\`, 1440×900) on one machine: ${cores} cores`,
    `(\`nproc\`), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end), Node ${node};`,
    'other engineers\' tests were running on the same machine at the time.',
    '',
    '```',
    free,
    '```',
    '',
    `A journey of ${SIZE.stages} stages, ${SIZE.touchpoints} touchpoints, ${SIZE.painPoints} pain points and ${SIZE.notes} sticky notes`,
    `(${(seedBytes / 1024).toFixed(0)} KiB as a Yjs update); the map showed every card and note ${(openMs / 1000).toFixed(1)} s after navigation`,
    `(load, sync, first render). ${PEOPLE} simulated people (y-websocket clients in node) on the map, their cursors moving at`,
    `${CURSOR_HZ} Hz each (${PEOPLE * CURSOR_HZ} awareness updates/s in, ${PEOPLE * CURSOR_HZ * (PEOPLE + 1)} out of the server).`,
    '',
    '| phase (10 s each) | frames/s | frame interval p50 / p99 / max (ms) | frames > 33 ms | long tasks | main thread CPU, ms per s (script / style+layout / paint+layers) |',
    '| --- | --- | --- | --- | --- | --- |',
    row('idle (20 people connected, still)', idle),
    row(`${PEOPLE} cursors moving at ${CURSOR_HZ} Hz`, cursorsOnly),
    row(`cursors + ${EDITS_PER_SECOND} edits/s`, withEdits),
    '',
    `An edit (a pain point renamed by one of the ${PEOPLE}, ${EDITS_PER_SECOND}/s for 10 s, ${seq} edits) reached:`,
    '',
    '| who | p50 (ms) | p99 (ms) | max (ms) | received |',
    '| --- | --- | --- | --- | --- |',
    `| the ${observers.length} other people (node) | ${nodeLat.p50} | ${nodeLat.p99} | ${nodeLat.max} | ${nodeLat.count} of ${expectedNode} |`,
    `| the browser, on screen (next animation frame) | ${browserLat.p50} | ${browserLat.p99} | ${browserLat.max} | ${browserLat.count} of ${seq} |`,
    '',
    `Over 100 ms: ${nodeLatency.filter((v) => v > 100).length} of ${nodeLatency.length} receipts in node, ${browserLatency.filter((v) => v > 100).length} of ${browserLatency.length} in the browser.`,
    '',
    `Meanwhile: the server stored each update before sending it on in p50 ≤ ${append.p50} ms, p99 ≤ ${append.p99} ms`,
    `(\`troika_sync_append_ms\`, ${append.count} appends, cursors are not stored), handed it to every client in p99 ≤ ${fanout.p99} ms,`,
    `compacted the document's log ${compactions} time(s) and used ${serverCpu} % of a core; this`,
    `benchmark's own event loop (the ${PEOPLE} people) lagged p99`,
    `${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms; load average at the end ${loadAverage}.`,
    '',
  ].join('\n');
  console.log(md);
} finally {
  clearTimeout(watchdog);
  for (const p of people) p.destroy();
  await browser.close();
  await stopServer(server.pid, server.dataDir);
}
