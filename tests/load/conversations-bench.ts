/**
 * The conversations benchmark (issue 15, "Speed and scale"), against the built server:
 *
 *  1. comment latency: 100 members each hold a live y-websocket client on the `comments` document;
 *     comments are posted over HTTP one after another by rotating members; for each, the time from
 *     sending the POST to its arrival in every other member's Y.Doc (p50/p99 over all receipts).
 *  2. mention fan-out: the POST's duration with 20 mentions (20 notifications stored, streamed to the 20
 *     open notification streams, webhook queue checked) against the same POST with none, interleaved.
 *  3. 1,000 notification streams: the server's RSS before and after opening 1,000 SSE streams (10 per
 *     member), and a notification sent to every member arriving on all 1,000.
 *
 * Run on demand, never in CI:  pnpm --filter @troika/server build && pnpm --filter @troika/tests bench:conversations
 * Writes tests/load/conversations-last-run.json; the figures are copied by hand into RESULTS.md.
 * Traffic goes to 127.0.0.1 only; every wait is bounded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 200);
const FANOUT_ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 100);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const OUT = process.env.BENCH_OUT ?? join(HERE, 'conversations-last-run.json');
const HOST = '127.0.0.1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const probe = createServer();
    probe.once('error', rej);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => res(port));
    });
  });
}

// ---- the server -----------------------------------------------------------------------------------

const port = await freePort();
const base = `http://${HOST}:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'troika-conv-bench-'));
const child = spawn(process.execPath, [join(ROOT, 'apps/server/dist/main.js')], {
  cwd: join(ROOT, 'apps/server'),
  env: { PATH: process.env.PATH, PORT: String(port), HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOGIN_MAX_PER_IP: '100000', LOGIN_MAX_PER_ACCOUNT: '100000', SIGNUP_MAX_PER_IP: '100000' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const watchdog = setTimeout(() => {
  console.error('watchdog: the run took too long');
  child.kill('SIGKILL');
  process.exit(2);
}, 20 * 60_000);
/** CPU time the server process used so far (every thread: PGlite runs on one of its own), ms. */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const rssMiB = () => {
  const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
};

async function api(method: string, path: string, session: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(session ? { cookie: `troika_session=${session}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200, 'the server', 120_000);
const loadStart = loadavg();
console.log(`server up on ${base} (load ${loadStart.map((x) => x.toFixed(1)).join(' ')})`);

// ---- people ----------------------------------------------------------------------------------------

interface Member {
  id: string;
  session: string;
}
async function signUp(n: number): Promise<Member> {
  const res = await api('POST', '/api/auth/signup', null, { email: `bench${n}@example.com`, password: 'correct horse battery', name: `Member ${n}` });
  if (res.status !== 201) throw new Error(`signup ${res.status}`);
  const session = /troika_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  return { id: res.body.user.id, session };
}
const owner = await signUp(0);
const ws = (await api('POST', '/api/workspaces', owner.session, { name: 'Bench', starter: true })).body.id as string;
const members: Member[] = [owner];
for (let i = 1; i < MEMBERS; i++) {
  const m = await signUp(i);
  const invite = await api('POST', `/api/workspaces/${ws}/invites`, owner.session, { role: i % 3 === 0 ? 'viewer' : 'editor', seat: 'it' });
  await api('POST', `/api/invites/${invite.body.token}/accept`, m.session);
  members.push(m);
}
const kpiId = (await api('GET', `/api/workspaces/${ws}/kpis`, owner.session)).body.kpis[0].id as string;
const thread = await api('POST', `/api/workspaces/${ws}/threads`, owner.session, { target: { kind: 'kpi', id: kpiId }, body: 'bench thread' });
const threadId = thread.body.id as string;
console.log(`${members.length} members in workspace ${ws}`);

// ---- 1. comment latency with every member connected ----------------------------------------------------

const sent = new Map<number, number>();
const latencies: number[] = [];
const providers: WebsocketProvider[] = [];
members.forEach((m, index) => {
  const doc = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: `troika_session=${m.session}`, origin: base } });
    }
  }
  const provider = new WebsocketProvider(`ws://${HOST}:${port}/sync/${ws}`, 'comments', doc, { WebSocketPolyfill: CookieSocket as never, disableBc: true });
  providers.push(provider);
  const seen = new Set<number>();
  doc.on('update', () => {
    const comments = (doc.getMap('threads').get(threadId) as Y.Map<unknown> | undefined)?.get('comments') as Y.Map<Y.Map<unknown>> | undefined;
    if (!comments) return;
    const now = performance.now();
    for (const c of comments.values()) {
      const match = /^bench (\d+) from (\d+)$/.exec(String(c.get('body')));
      if (!match) continue;
      const n = Number(match[1]);
      if (seen.has(n)) continue;
      seen.add(n);
      // Only other people's screens count.
      if (Number(match[2]) !== index && sent.has(n)) latencies.push(now - sent.get(n)!);
    }
  });
});
await until(() => providers.every((p) => p.synced), 'every member synced', 120_000);
console.log('all members connected to the comments document');
const rssWithClients = rssMiB();
const postTimes: number[] = [];
const commentCpu0 = cpuMs();
for (let n = 0; n < COMMENTS; n++) {
  const from = n % members.length;
  const t0 = performance.now();
  sent.set(n, t0);
  const res = await api('POST', `/api/workspaces/${ws}/threads/${threadId}/comments`, members[from]!.session, { body: `bench ${n} from ${from}` });
  postTimes.push(performance.now() - t0);
  if (res.status !== 201) throw new Error(`comment ${res.status}`);
  await sleep(50);
}
await until(() => latencies.length >= COMMENTS * (members.length - 1), 'every receipt', 30_000).catch((e) => console.warn(String(e)));
const commentPhase = {
  members: members.length,
  comments: COMMENTS,
  receipts: latencies.length,
  expectedReceipts: COMMENTS * (members.length - 1),
  p50ms: round(quantile(latencies, 0.5)),
  p99ms: round(quantile(latencies, 0.99)),
  maxMs: round(Math.max(...latencies)),
  serverCpuMsPerComment: round((cpuMs() - commentCpu0) / COMMENTS),
  postP50ms: round(quantile(postTimes, 0.5)),
  postP99ms: round(quantile(postTimes, 0.99)),
};
console.log('comment latency', commentPhase);
for (const p of providers) p.destroy();

// ---- 2. mention fan-out of 20 --------------------------------------------------------------------------------

function openStream(session: string, onEvent: (event: string, data: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolveStream, reject) => {
    const req = http.get(`${base}/api/notifications/stream`, { headers: { cookie: `troika_session=${session}`, accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
          if (event) onEvent(event, data);
        }
      });
      res.on('error', () => {});
      resolveStream(req);
    });
    req.on('error', reject);
  });
}

const mentioned = members.slice(1, 21);
let fanoutArrivals = 0;
const fanoutStreams = await Promise.all(mentioned.map((m) => openStream(m.session, (e) => e === 'notification' && fanoutArrivals++)));
const poster = members[21]!;
// A thread of its own, so that the only notifications are the mentions (in the first thread, every
// member has written and would be told of each reply).
const fanoutThread = (await api('POST', `/api/workspaces/${ws}/threads`, poster.session, { target: { kind: 'kpi', id: kpiId }, body: 'fan-out thread' })).body.id as string;
const withMentions: number[] = [];
const without: number[] = [];
// Wall-clock time on a shared machine is mostly waiting for a core; the server's CPU time per request
// (all its threads, from /proc, the fan-out after the answer included) says what the work costs.
// Batches of 10 alternate.
const cpu = { with: 0, without: 0 };
const BATCH = 10;
for (let i = 0; i < FANOUT_ROUNDS / BATCH; i++) {
  for (const mentions of i % 2 === 0 ? [[], mentioned.map((m) => m.id)] : [mentioned.map((m) => m.id), []]) {
    await sleep(200);
    const cpu0 = cpuMs();
    for (let j = 0; j < BATCH; j++) {
      const t0 = performance.now();
      const res = await api('POST', `/api/workspaces/${ws}/threads/${fanoutThread}/comments`, poster.session, { body: `fan-out ${i}.${j}`, mentions });
      if (res.status !== 201) throw new Error(`fan-out comment ${res.status}`);
      (mentions.length ? withMentions : without).push(performance.now() - t0);
      // The fan-out runs after the answer: let it finish, so that the next request's time is its own.
      await sleep(60);
    }
    cpu[mentions.length ? 'with' : 'without'] += cpuMs() - cpu0;
  }
}
await until(() => fanoutArrivals >= FANOUT_ROUNDS * 20, 'every mention streamed', 30_000).catch((e) => console.warn(String(e)));
for (const s of fanoutStreams) s.destroy();
const fanoutPhase = {
  rounds: FANOUT_ROUNDS,
  withoutP50ms: round(quantile(without, 0.5)),
  with20P50ms: round(quantile(withMentions, 0.5)),
  addedP50ms: round(quantile(withMentions, 0.5) - quantile(without, 0.5)),
  withoutCpuMsPerRequest: round(cpu.without / without.length),
  with20CpuMsPerRequest: round(cpu.with / withMentions.length),
  addedCpuMsPerRequest: round((cpu.with - cpu.without) / withMentions.length),
  streamedNotifications: fanoutArrivals,
};
console.log('mention fan-out', fanoutPhase);

// ---- 3. 1,000 open notification streams ------------------------------------------------------------------------

await sleep(2000);
const rssBefore = rssMiB();
let ready = 0;
let arrivals = 0;
const streams: http.ClientRequest[] = [];
for (let i = 0; i < STREAMS; i++) {
  streams.push(await openStream(members[i % members.length]!.session, (e) => (e === 'ready' ? ready++ : e === 'notification' ? arrivals++ : 0)));
}
await until(() => ready >= STREAMS, 'every stream ready', 60_000);
await sleep(3000);
const rssAfter = rssMiB();
// A comment in the first thread, where everyone has written: each member but the poster is told (a
// reply, or a mention for the first 50), on each of their streams.
const everyone = members.slice(1).map((m) => m.id);
const broadcastStart = performance.now();
await api('POST', `/api/workspaces/${ws}/threads/${threadId}/comments`, owner.session, { body: 'to everyone', mentions: everyone.slice(0, 50) });
const expected = STREAMS - STREAMS / members.length;
await until(() => arrivals >= expected, 'the mention on every stream', 30_000).catch((e) => console.warn(String(e)));
const broadcastMs = performance.now() - broadcastStart;
const streamPhase = {
  streams: STREAMS,
  rssBeforeMiB: round(rssBefore, 1),
  rssAfterMiB: round(rssAfter, 1),
  rssGrowthMiB: round(rssAfter - rssBefore, 1),
  rssWithSyncClientsMiB: round(rssWithClients, 1),
  notificationsArrived: arrivals,
  expected,
  allArrivedInMs: round(broadcastMs, 0),
};
console.log('1,000 streams', streamPhase);
for (const s of streams) s.destroy();

const loadEnd = loadavg();
const result = {
  at: new Date().toISOString(),
  node: process.version,
  loadAverageStart: loadStart.map((x) => round(x, 1)),
  loadAverageEnd: loadEnd.map((x) => round(x, 1)),
  commentLatency: commentPhase,
  mentionFanout: fanoutPhase,
  notificationStreams: streamPhase,
};
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${OUT}`);
clearTimeout(watchdog);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
