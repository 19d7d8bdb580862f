/**
 * The history benchmark (on demand, never in CI), issue 16's "Speed":
 *
 *   pnpm --filter @troika/server build
 *   pnpm --filter @troika/tests bench:history            # about 3 minutes on a quiet machine
 *   BENCH_UPDATES=2000 pnpm --filter @troika/tests bench:history   # a smoke run
 *
 * Starts the built server on a fresh PostgreSQL database (created on BENCH_PG_URL's server and dropped
 * at the end; PostgreSQL so that the stored sizes can be read with psql), signs up 5 people, seeds a
 * board of 120 KPIs and makes a named version ("start"). Then 10,000 updates by the 5 people (real
 * y-websocket clients in this process), a simulated month: new values (60 %), target changes (20 %),
 * description edits (10 %), renames and owner changes (10 %). The updates run in 10 blocks of 1,000;
 * in every other block a version is made every 10 updates (through POST .../versions, the same code
 * as automatic ones), so delivery latency with versions being made and without is measured in one run,
 * block by block. Latency: from the writer's transaction to an observer's provider applying it, for
 * values and targets. Then, server-side (the `Server-Timing` header of each call): the version list,
 * a version's state (the longest chain), the month's changes (since "start"), a restore of one KPI;
 * and the stored size of the history against the document's own size. Markdown on stdout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createKpi, kpisOf, setValue, updateKpi, type Seat } from '@troika/model';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 10_000);
const BLOCKS = 10;
const VERSION_EVERY = 10;
const KPIS = 120;
const PEOPLE = 5;
const RATE = Number(process.env.BENCH_RATE ?? 100); // updates a second, all people together
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SEATS: Seat[] = ['cio', 'cmo', 'business', 'it', 'marketing'];

const log = (...parts: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (v: number) => Math.round(v * 10) / 10;

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1) ?? NaN) };
}

function psql(database: string, sql: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  return execFileSync('psql', [url.toString(), '-At', '-c', sql], { encoding: 'utf8' }).trim();
}

async function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'troika-hbench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', HISTORY_AUTO_MINUTES: '600' };
  for (const name of ['REDIS_URL', 'ORIGIN', 'WEB_DIR']) delete env[name];
  const child = spawn(process.execPath, [join(repoRoot, 'apps/server/dist/main.js')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the server printed no URL within 120 s')), 120_000);
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; level?: number; msg?: string };
        if (typeof entry.url === 'string') {
          clearTimeout(timer);
          ok(entry.url.replace('localhost', '127.0.0.1'));
        } else if ((entry.level ?? 0) >= 40) log('server:', entry.msg);
      } catch {
        // not a JSON line
      }
    });
  });
  return { url, child, dataDir };
}

interface Person {
  id: string;
  cookie: string;
}

async function call(base: string, method: string, path: string, who: Person, body?: unknown) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: who.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const wall = performance.now() - started;
  const text = await res.text();
  const server = Number(/app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { body: JSON.parse(text) as any, server, wall, bytes: text.length };
}

function client(base: string, workspaceId: string, who: Person): { doc: Y.Doc; provider: WebsocketProvider } {
  const headers = { cookie: who.cookie };
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/sync/${workspaceId}`, 'board', doc, {
    WebSocketPolyfill: CookieSocket as never,
    disableBc: true,
    maxBackoffTime: 500,
  });
  return { doc, provider };
}

async function synced(provider: WebsocketProvider): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(provider.synced && provider.wsconnected)) {
    if (Date.now() > deadline) throw new Error('a client did not sync');
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const load = { before: loadavg().map(round) };
  const dbName = `troika_hbench_${process.pid}`;
  psql('postgres', `create database ${dbName}`);
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${dbName}`;
  const server = await startServer(dbUrl.toString());
  log('server at', server.url);
  const clients: { doc: Y.Doc; provider: WebsocketProvider }[] = [];
  try {
    const base = server.url;
    const signUp = async (n: number): Promise<Person> => {
      const res = await fetch(`${base}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `hbench-${n}-${Date.now()}@example.test`, password: 'correct horse battery', name: `Person ${n}` }),
      });
      const body = (await res.json()) as { user: { id: string } };
      return { id: body.user.id, cookie: res.headers.get('set-cookie')!.split(';')[0]! };
    };
    const owner = await signUp(0);
    const workspaceId = (await call(base, 'POST', '/api/workspaces', owner, { name: 'History bench', seat: 'cio' })).body.id as string;
    const people = [owner];
    for (let i = 1; i < PEOPLE; i++) {
      const person = await signUp(i);
      const invite = await call(base, 'POST', `/api/workspaces/${workspaceId}/invites`, owner, { role: 'editor', seat: SEATS[i] });
      await call(base, 'POST', `/api/invites/${invite.body.token}/accept`, person);
      people.push(person);
    }
    const ws = `/api/workspaces/${workspaceId}`;
    for (const p of people) clients.push(client(base, workspaceId, p));
    const observer = client(base, workspaceId, owner);
    clients.push(observer);
    await Promise.all(clients.map((c) => synced(c.provider)));

    const ids = Array.from({ length: KPIS }, (_, i) => `kpi${String(i).padStart(3, '0')}`);
    clients[0]!.doc.transact(() => {
      ids.forEach((id, i) =>
        createKpi(
          clients[0]!.doc,
          { name: `KPI ${i}`, description: `What KPI ${i} measures.`, kind: i % 2 ? 'output' : 'outcome', category: 'other', owners: [SEATS[i % 5]!], unit: '%', direction: 'up', target: 50 },
          id,
        ),
      );
    });
    while (kpisOf(observer.doc).size < KPIS) await sleep(50);
    const start = await call(base, 'POST', `${ws}/docs/board/versions`, owner, { name: 'start' });
    log('seeded', KPIS, 'KPIs; start version', start.body.id);

    // Latency: the observer notes when each tagged value or target arrives.
    const sentAt = new Map<number, number>();
    const latency: { block: number; ms: number }[] = [];
    const blockOf = new Map<number, number>();
    const seen = (tag: number) => {
      const t = sentAt.get(tag);
      if (t === undefined) return;
      sentAt.delete(tag);
      latency.push({ block: blockOf.get(tag)!, ms: performance.now() - t });
    };
    kpisOf(observer.doc).observeDeep((events) => {
      for (const event of events) {
        if (event.target instanceof Y.Array) {
          for (const item of event.changes.added) for (const v of item.content.getContent() as { value?: number }[]) if (typeof v?.value === 'number') seen(v.value);
        } else if (event.target instanceof Y.Map && event.keysChanged.has('target')) {
          const target = (event.target as Y.Map<unknown>).get('target');
          if (typeof target === 'number') seen(target);
        }
      }
    });

    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const versionServerMs: number[] = [];
    const month = Array.from({ length: 30 }, (_, d) => `2026-11-${String(d + 1).padStart(2, '0')}`);
    const perBlock = Math.floor(UPDATES / BLOCKS);
    let n = 0;
    const started = performance.now();
    for (let block = 0; block < BLOCKS; block++) {
      const withVersions = block % 2 === 1;
      const versioning: Promise<unknown>[] = [];
      for (let i = 0; i < perBlock; i++, n++) {
        const writer = clients[n % PEOPLE]!;
        const id = ids[Math.floor(random() * KPIS)]!;
        const roll = random();
        const tag = 1_000_000 + n;
        if (roll < 0.6) {
          sentAt.set(tag, performance.now());
          blockOf.set(tag, block);
          setValue(writer.doc, id, { at: month[Math.floor((n / UPDATES) * 30)]!, value: tag });
        } else if (roll < 0.8) {
          sentAt.set(tag, performance.now());
          blockOf.set(tag, block);
          updateKpi(writer.doc, id, { target: tag });
        } else if (roll < 0.9) {
          updateKpi(writer.doc, id, { description: `What KPI ${id} measures, revision ${n}.` });
        } else {
          updateKpi(writer.doc, id, { name: `KPI ${id} (${n})`, owners: [SEATS[n % 5]!, SEATS[(n + 1) % 5]!] });
        }
        if (withVersions && i % VERSION_EVERY === VERSION_EVERY - 1) {
          versioning.push(call(base, 'POST', `${ws}/docs/board/versions`, people[n % PEOPLE]!, { name: `v${n}` }).then((r) => versionServerMs.push(r.server)));
        }
        // Paced: the month's updates at RATE a second.
        const due = started + ((n + 1) * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all(versioning);
      log(`block ${block + 1}/${BLOCKS} done (${withVersions ? 'with' : 'without'} versions), ${n} updates`);
    }
    const deadline = Date.now() + 30_000;
    while (sentAt.size > 0 && Date.now() < deadline) await sleep(100);
    const lost = sentAt.size;

    const measure = async (what: string, times: number, run: () => Promise<{ server: number; wall: number }>) => {
      const server: number[] = [];
      const wall: number[] = [];
      for (let i = 0; i < times; i++) {
        const r = await run();
        server.push(r.server);
        wall.push(r.wall);
      }
      log(what, summary(server));
      return { server: summary(server), wall: summary(wall) };
    };
    const list = await call(base, 'GET', `${ws}/docs/board/versions`, owner);
    const versions = list.body.versions as { id: string; name: string }[];
    // The 20 newest versions hold every chain length (a keyframe every 20): each is read once.
    const newest = versions.slice(0, 20);
    const timings = {
      list: await measure('version list', 20, () => call(base, 'GET', `${ws}/docs/board/versions`, owner)),
      state: await measure('version state', newest.length, (() => {
        let i = 0;
        return () => call(base, 'GET', `${ws}/docs/board/versions/${newest[i++]!.id}`, owner);
      })()),
      stateStart: await measure('version state (start)', 5, () => call(base, 'GET', `${ws}/docs/board/versions/${start.body.id}`, owner)),
      changes: await measure('month of changes', 5, () => call(base, 'GET', `${ws}/changes?since=${start.body.id}&doc=board`, owner)),
      restore: await measure('restore one KPI', 5, (() => {
        let i = 0;
        return () => call(base, 'POST', `${ws}/docs/board/versions/${start.body.id}/restore`, owner, { ids: [ids[i++ * 7]!] });
      })()),
    };
    const changes = await call(base, 'GET', `${ws}/changes?since=${start.body.id}&doc=board`, owner);
    await sleep(1000);

    const docBytes = Y.encodeStateAsUpdate(observer.doc).length;
    // As autovacuum would in time: dead row versions (every append rewrites its row) are not history.
    psql(dbName, 'vacuum full doc_edits, doc_versions');
    const versionBytes = Number(psql(dbName, `select coalesce(sum(octet_length(state) + octet_length(state_vector)), 0) from doc_versions where doc = 'board'`));
    const keyframes = Number(psql(dbName, `select count(*) from doc_versions where doc = 'board' and chain = 0`));
    const editRows = Number(psql(dbName, `select count(*) from doc_edits`));
    const editLive = Number(psql(dbName, `select coalesce(sum(octet_length(edits) + octet_length(users::text)), 0) from doc_edits`));
    const editBytes = Number(psql(dbName, `select pg_total_relation_size('doc_edits')`));
    const versionTable = Number(psql(dbName, `select pg_total_relation_size('doc_versions')`));
    const logBytes = Number(psql(dbName, `select coalesce((select sum(octet_length(bytes)) from doc_updates where doc = 'board'), 0) + coalesce((select sum(octet_length(bytes)) from doc_snapshots where doc = 'board'), 0)`));

    const byBlock = (withVersions: boolean) => summary(latency.filter((l) => (l.block % 2 === 1) === withVersions).map((l) => l.ms));
    const without = byBlock(false);
    const withV = byBlock(true);
    load.before = load.before ?? [];
    const after = loadavg().map(round);
    const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
    const lines = [
      `### History benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `Built server on PostgreSQL, ${KPIS} KPIs, ${n.toLocaleString('en-US')} updates by ${PEOPLE} people at ${RATE}/s, ${versions.length} versions of the board (${keyframes} keyframes). Load average before ${load.before.join(' / ')}, after ${after.join(' / ')} (2 cores shared).`,
      '',
      '| measure (server-side, `Server-Timing`) | p50 | p99 | max | budget |',
      '| --- | --- | --- | --- | --- |',
      `| version list (${versions.length} versions) | ${timings.list.server.p50} ms | ${timings.list.server.p99} ms | ${timings.list.server.max} ms | < 50 ms |`,
      `| a version's state (the 20 newest: every chain length) | ${timings.state.server.p50} ms | ${timings.state.server.p99} ms | ${timings.state.server.max} ms | < 200 ms |`,
      `| a version's state (the start keyframe) | ${timings.stateStart.server.p50} ms | ${timings.stateStart.server.p99} ms | ${timings.stateStart.server.max} ms | < 200 ms |`,
      `| the month's changes (${changes.body.changes.length} KPIs changed) | ${timings.changes.server.p50} ms | ${timings.changes.server.p99} ms | ${timings.changes.server.max} ms | < 500 ms |`,
      `| restore of one KPI | ${timings.restore.server.p50} ms | ${timings.restore.server.p99} ms | ${timings.restore.server.max} ms | < 100 ms |`,
      `| making a version (POST, during the edits) | ${summary(versionServerMs).p50} ms | ${summary(versionServerMs).p99} ms | ${summary(versionServerMs).max} ms | |`,
      '',
      '| delivery latency (writer -> observer) | count | p50 | p99 | max |',
      '| --- | --- | --- | --- | --- |',
      `| blocks without versions | ${without.count} | ${without.p50} ms | ${without.p99} ms | ${without.max} ms |`,
      `| blocks with a version every ${VERSION_EVERY} updates | ${withV.count} | ${withV.p50} ms | ${withV.p99} ms | ${withV.max} ms |`,
      '',
      `Lost (never seen by the observer): ${lost}. p50 with versions / without: ${round((withV.p50 / without.p50) * 100)} %; p99: ${round((withV.p99 / without.p99) * 100)} %.`,
      '',
      `Stored: the document's own state ${kb(docBytes)} (its log and snapshot ${kb(logBytes)}); versions ${kb(versionBytes)} of state = ${round(versionBytes / docBytes)} x the document (the table after VACUUM FULL, with its index and row headers: ${kb(versionTable)}); attribution ${kb(editLive)} packed in ${editRows} rows (the table: ${kb(editBytes)}); history in all ${round((versionTable + editBytes) / docBytes)} x the document, tables counted whole (budget < 5 x).`,
    ];
    console.log(lines.join('\n'));
  } finally {
    for (const c of clients) c.provider.destroy();
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(server.dataDir, { recursive: true, force: true });
    psql('postgres', `drop database if exists ${dbName} with (force)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
