/**
 * Glossary merge-chain benchmark (issue 11, finding 1; on demand, never in CI). Against the built
 * server: a glossary of N terms written by a y-websocket client, once unchained and once each term
 * `mergedInto` the next; then, for each, the server's time for the JSON and Markdown exports, the CSV
 * export, a search, the full list and a small CSV import, and the worst `/healthz` answer while the
 * chained export runs. The fix's promise: chained no slower than 3x unchained.
 *
 *   pnpm build && pnpm --filter @troika/tests exec tsx load/glossary-chain-bench.ts
 *
 * Prints a markdown table; BENCH_TERMS sets N (default 2,000).
 */
import { addTerm, termsOf } from '@troika/model';
import { loadavg } from 'node:os';
import { startServer, stopServer } from '../e2e/support/server-process';
import { DocClient, waitForServer } from '../e2e/support/journey-seed';

const N = Number(process.env.BENCH_TERMS ?? 2000);
const idOf = (i: number) => `t${String(i).padStart(6, '0')}`;
const log = (message: string) => process.stderr.write(`${message}\n`);

const server = await startServer();
try {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const signup = await post('/api/auth/signup', { email: `chain-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Bench' });
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;

  async function glossary(chained: boolean): Promise<string> {
    const workspace = ((await (await post('/api/workspaces', { name: chained ? 'Chained' : 'Flat' }, cookie)).json()) as { id: string }).id;
    const client = new DocClient(server.url, cookie, workspace, 'glossary');
    await client.synced();
    client.doc.transact(() => {
      for (let i = 0; i < N; i++) addTerm(client.doc, { term: `Term ${i}`, definition: `Meaning ${i}` }, undefined, idOf(i));
      if (chained) for (let i = 0; i < N - 1; i++) termsOf(client.doc).get(idOf(i))!.set('mergedInto', idOf(i + 1));
    });
    await waitForServer(server.url, cookie, workspace, 'glossary', (doc) => termsOf(doc).size === N, 120_000);
    client.destroy();
    return workspace;
  }

  /** Best of three, in ms: the shared machine's preemption inflates single samples. */
  async function timed(path: string, init: RequestInit = {}): Promise<number> {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${path}`, { ...init, headers: { cookie, ...init.headers } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  async function measure(workspace: string) {
    const w = `/api/workspaces/${workspace}`;
    return {
      exportJson: await timed(`${w}/export?format=json`),
      exportMd: await timed(`${w}/export?format=md`),
      csv: await timed(`${w}/glossary.csv`),
      search: await timed(`${w}/glossary?q=${encodeURIComponent(`Term ${N - 1}`)}`),
      list: await timed(`${w}/glossary`),
      importCsv: await timed(`${w}/glossary/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'term,definition\nBrand new,New meaning\n' }),
    };
  }

  const flat = await measure(await glossary(false));
  const chainedWorkspace = await glossary(true);
  const chained = await measure(chainedWorkspace);

  // /healthz while a chained export runs: before the fix it did not answer for seconds.
  let worstHealth = 0;
  const exporting = fetch(`${server.url}/api/workspaces/${chainedWorkspace}/export?format=json`, { headers: { cookie } }).then((r) => r.arrayBuffer());
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await (await fetch(`${server.url}/healthz`)).arrayBuffer();
    worstHealth = Math.max(worstHealth, performance.now() - t0);
  }
  await exporting;

  const rows = Object.keys(flat) as (keyof typeof flat)[];
  console.log(`Glossary of ${N} terms, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  console.log('| request | unchained ms | chained ms | ratio |\n| --- | --- | --- | --- |');
  for (const key of rows) console.log(`| ${key} | ${flat[key].toFixed(1)} | ${chained[key].toFixed(1)} | ${(chained[key] / flat[key]).toFixed(2)} |`);
  console.log(`\nworst /healthz during a chained export: ${worstHealth.toFixed(1)} ms`);
  log('done');
} finally {
  await stopServer(server.pid, server.dataDir);
}
