/**
 * Small pieces shared by the load benchmarks: timing, statistics, bounded concurrency, and what
 * /proc says about a process (RSS, CPU time).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const HOST = '127.0.0.1';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const log = (...parts: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, HOST, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

export function rssKb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export class Samples {
  private data = new Float64Array(1 << 16);
  n = 0;
  push(v: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = v;
  }
  /** How many samples exceed `limit`. */
  countAbove(limit: number): number {
    let n = 0;
    for (let i = 0; i < this.n; i++) if (this.data[i]! > limit) n++;
    return n;
  }
  summary() {
    const sorted = this.data.slice(0, this.n).sort();
    return {
      count: this.n,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(this.n ? sorted[this.n - 1]! : NaN),
    };
  }
}

export const round = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, rej) => (timer = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms))),
  ]);
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (100 ticks a second). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// ---- memory

export class RssSampler {
  peakKb = 0;
  private timer: NodeJS.Timeout;
  constructor(pid: number) {
    const sample = () => {
      const kb = rssKb(pid);
      if (kb && kb > this.peakKb) this.peakKb = kb;
    };
    sample();
    this.timer = setInterval(sample, 200);
  }
  stop(): number {
    clearInterval(this.timer);
    return this.peakKb;
  }
}

export const mb = (kb: number | null) => (kb === null ? null : round(kb / 1024, 1));
