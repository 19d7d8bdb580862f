/** Troika's /metrics, read by the benchmarks: what the server says about appends, fan-out, errors. */
import { round } from './bench-util';
import type { Target } from './bench-servers';

export type Histo = { buckets: [number, number][]; sum: number; count: number };

export function parseHisto(text: string | null, name: string): Histo | null {
  if (!text) return null;
  const buckets: [number, number][] = [];
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const m = /le="([^"]+)"\}\s+(\S+)/.exec(line);
      if (m) buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
    } else if (line.startsWith(`${name}_sum`)) sum = Number(line.split(/\s+/)[1]);
    else if (line.startsWith(`${name}_count`)) count = Number(line.split(/\s+/)[1]);
  }
  return { buckets, sum, count };
}

export function counterSum(text: string | null, name: string): number {
  if (!text) return 0;
  let total = 0;
  for (const line of text.split('\n')) if (line.startsWith(name) && !line.startsWith('#')) total += Number(line.split(/\s+/).pop());
  return total;
}

function gaugeMs(text: string, name: string): number | null {
  const m = new RegExp(`^${name} (\\S+)`, 'm').exec(text);
  return m ? round(Number(m[1]) * 1000, 1) : null;
}

/** Mean and bucket-bound p50/p99 of the difference between two scrapes of one histogram. */
export function histoDelta(before: Histo | null, after: Histo | null) {
  if (!before || !after) return null;
  const count = after.count - before.count;
  if (count <= 0) return { count: 0 };
  const sum = after.sum - before.sum;
  const bound = (p: number) => {
    const need = (p / 100) * count;
    for (let i = 0; i < after.buckets.length; i++) {
      const c = after.buckets[i]![1] - (before.buckets[i]?.[1] ?? 0);
      if (c >= need) return after.buckets[i]![0];
    }
    return Infinity;
  };
  return { count, mean: round(sum / count), p50le: bound(50), p99le: bound(99) };
}

export interface ServerSide {
  appendMs: ReturnType<typeof histoDelta>;
  commitBatch: ReturnType<typeof histoDelta>;
  fanoutMs: ReturnType<typeof histoDelta>;
  errors: number;
  closes: number;
  /** Event-loop delay since the previous scrape (prom-client; 10 ms resolution), ms. */
  eventLoopLagP99Ms: number | null;
  eventLoopLagMaxMs: number | null;
}

export async function serverSide(target: Target, before: string | null): Promise<{ after: string | null; delta: ServerSide | null }> {
  const after = await target.metrics();
  if (!after || !before) return { after, delta: null };
  return {
    after,
    delta: {
      appendMs: histoDelta(parseHisto(before, 'troika_sync_append_ms'), parseHisto(after, 'troika_sync_append_ms')),
      commitBatch: histoDelta(parseHisto(before, 'troika_sync_commit_batch_size'), parseHisto(after, 'troika_sync_commit_batch_size')),
      fanoutMs: histoDelta(parseHisto(before, 'troika_sync_fanout_ms'), parseHisto(after, 'troika_sync_fanout_ms')),
      errors: counterSum(after, 'troika_sync_errors_total') - counterSum(before, 'troika_sync_errors_total'),
      closes: counterSum(after, 'troika_sync_closes_total') - counterSum(before, 'troika_sync_closes_total'),
      eventLoopLagP99Ms: gaugeMs(after, 'troika_nodejs_eventloop_lag_p99_seconds'),
      eventLoopLagMaxMs: gaugeMs(after, 'troika_nodejs_eventloop_lag_max_seconds'),
    },
  };
}
