/**
 * Reads the deliveries a sustained run wrote (BENCH_DELIVERIES=<folder>) and tells when the slow
 * ones came: one edit late to every receiver is one cluster, a stall of the server or of the
 * benchmark's own process shows as many edits late together, at the same moment in each server's run.
 *
 *   pnpm --filter @troika/tests exec tsx load/deliveries-report.ts <folder> [slower-than-ms]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: deliveries-report.ts <folder> [slower-than-ms]');
const threshold = Number(process.argv[3] ?? 1.5);
/** Slow deliveries of edits sent less than this apart belong to one cluster. */
const CLUSTER_GAP_MS = 30;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const rows = JSON.parse(readFileSync(join(dir, file), 'utf8')) as [number, number, number, number][];
  rows.sort((a, b) => a[0] - b[0]);
  const latencies = rows.map((r) => r[1]).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
  const clusters: [number, number, number][] = []; // [start ms, deliveries, max ms]
  let lastSent = -Infinity;
  for (const [sent, latency] of rows) {
    if (latency <= threshold) continue;
    const current = clusters.at(-1);
    if (current && sent - lastSent < CLUSTER_GAP_MS) {
      current[1]++;
      current[2] = Math.max(current[2], latency);
    } else clusters.push([sent, 1, latency]);
    lastSent = sent;
  }
  const slow = clusters.reduce((n, c) => n + c[1], 0);
  const biggest = [...clusters].sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(
    `${file}: ${rows.length} deliveries, p50 ${at(0.5).toFixed(2)} p99 ${at(0.99).toFixed(2)} ms; ${slow} over ${threshold} ms in ${clusters.length} clusters;`,
    `largest (at s, deliveries, max ms): ${biggest.map(([s, n, m]) => `${(s / 1000).toFixed(2)}/${n}/${m.toFixed(1)}`).join(' ')}`,
  );
}
