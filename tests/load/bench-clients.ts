/**
 * Benchmark clients speaking the y-websocket protocol: light `ws` clients (so that one process can
 * drive 500 of them) and a real y-websocket `WebsocketProvider` that applies everything it receives.
 * All live in the benchmark's process, so the timestamp a writer puts in its edit
 * (`performance.now()`) and the receipt share one clock.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Samples, pool, sleep, withTimeout } from './bench-util';

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_SYNC);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export interface Stamp {
  w: number; // writer id (global)
  n: number; // the writer's edit counter
  t: number; // performance.now() when the edit was made
}

/**
 * Receipt bookkeeping for one phase. Every receiver of an edit gets the same bytes, so the first
 * receiver decodes the update (Y.decodeUpdate, no document) and the others find it in a cache.
 */
export class Recorder {
  readonly samples = new Samples();
  received = 0;
  expected = 0;
  windowStart = Infinity;
  windowEnd = Infinity;
  private cache = new Map<string, Stamp | null>();

  stampOf(payload: Uint8Array): Stamp | null {
    const key = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1');
    let stamp = this.cache.get(key);
    if (stamp === undefined) {
      stamp = null;
      try {
        for (const s of Y.decodeUpdate(payload).structs) {
          if (s instanceof Y.Item) {
            const v = s.content.getContent()[0] as Partial<Stamp> | undefined;
            if (v && typeof v.t === 'number' && typeof v.w === 'number' && typeof v.n === 'number') {
              stamp = { w: v.w, n: v.n, t: v.t };
              break;
            }
          }
        }
      } catch {
        stamp = null;
      }
      this.cache.set(key, stamp);
    }
    return stamp;
  }

  onUpdate(receiverWriterId: number, payload: Uint8Array, now: number): void {
    const stamp = this.stampOf(payload);
    if (!stamp || stamp.w === receiverWriterId) return; // the reference echoes an edit to its writer
    if (stamp.t < this.windowStart || stamp.t >= this.windowEnd) return;
    this.received++;
    this.samples.push(now - stamp.t);
    this.deliveries?.push([stamp.t - this.windowStart, now - stamp.t, stamp.w, receiverWriterId]);
  }

  /** Every delivery as [sent ms into the window, latency ms, writer, receiver], when asked for (BENCH_DELIVERIES). */
  deliveries: [number, number, number, number][] | null = null;

  reset(): void {
    this.cache.clear();
  }
}

export interface Endpoint {
  /** ws://host:port/sync/<workspace> : y-websocket's serverUrl. */
  serverUrl: string;
  /** The document name (y-websocket's roomname). */
  room: string;
  headers: Record<string, string>;
}

/**
 * A light y-websocket client. A writer keeps a Y.Doc of its own edits; a reader keeps nothing.
 * Neither applies what it receives (that is what keeps 500 of them in one process cheap).
 */
export class LightClient {
  ws!: WebSocket;
  readonly doc: Y.Doc | null;
  synced = false;
  closed = false;
  closeCode: number | null = null;
  private syncedResolve!: () => void;
  readonly whenSynced: Promise<void>;
  sent = 0;
  /** Update messages received (for phases that carry no timestamps). */
  updatesReceived = 0;
  /** Characters a writer also types with each latency edit (0: the edit only sets its stamp). */
  typeChars = 0;

  constructor(
    readonly endpoint: Endpoint,
    readonly writerId: number, // -1 for a reader
    readonly recorder: () => Recorder | null,
  ) {
    this.doc = writerId >= 0 ? new Y.Doc() : null;
    this.whenSynced = new Promise((r) => (this.syncedResolve = r));
    this.doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote' && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(syncFrame(SYNC_UPDATE, update));
        this.sent++;
      }
    });
  }

  connect(): Promise<void> {
    const url = `${this.endpoint.serverUrl}/${this.endpoint.room}`;
    this.ws = new WebSocket(url, { headers: this.endpoint.headers, perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    return new Promise((res, rej) => {
      this.ws.once('open', () => {
        this.ws.send(syncFrame(SYNC_STEP1, this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR));
        res();
      });
      this.ws.once('unexpected-response', (_req, response) => rej(new Error(`upgrade refused: HTTP ${response.statusCode}`)));
      this.ws.once('error', rej);
      this.ws.on('error', () => {}); // a later error ends in 'close', which is recorded
      this.ws.on('close', (code) => {
        this.closed = true;
        this.closeCode = code;
      });
      this.ws.on('message', (data: Buffer) => this.onMessage(data));
    });
  }

  private onMessage(data: Buffer): void {
    const now = performance.now();
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(d);
    if (type !== MSG_SYNC) return; // awareness and keep-alives
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === SYNC_STEP1) {
      const reply = this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : EMPTY_UPDATE;
      this.ws.send(syncFrame(SYNC_STEP2, reply));
    } else if (sub === SYNC_STEP2) {
      if (!this.synced) {
        this.synced = true;
        this.syncedResolve();
      }
    } else if (sub === SYNC_UPDATE) {
      this.updatesReceived++;
      this.recorder()?.onUpdate(this.writerId, payload, now);
    }
  }

  /** One latency edit: the writer's own key in the shared map, holding the timestamp. */
  edit(n: number): void {
    const doc = this.doc!;
    const t = performance.now();
    doc.transact(() => {
      doc.getMap('bench').set(`w${this.writerId}`, { w: this.writerId, n, t });
      // Typing as well: the document grows with every edit, as a real one does.
      if (this.typeChars > 0) doc.getText('typed').insert(doc.getText('typed').length, 'abcdefghijklmnopqrstuvwxyz'.slice(0, this.typeChars));
    });
  }

  close(): Promise<void> {
    if (this.closed || !this.ws) return Promise.resolve();
    return new Promise((res) => {
      const done = () => res();
      this.ws.once('close', done);
      setTimeout(done, 2000).unref();
      this.ws.close();
    });
  }
}

/** A real y-websocket client (WebsocketProvider) that applies everything it receives. */
export function fullClient(endpoint: Endpoint, doc = new Y.Doc()): { provider: WebsocketProvider; doc: Y.Doc; synced: Promise<void> } {
  const headers = endpoint.headers;
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  }
  const provider = new WebsocketProvider(endpoint.serverUrl, endpoint.room, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const synced = new Promise<void>((res) => {
    if (provider.synced) return res();
    const on = (isSynced: boolean) => {
      if (isSynced) {
        provider.off('sync', on);
        res();
      }
    };
    provider.on('sync', on);
  });
  return { provider, doc, synced };
}
// ---- groups of clients on documents --------------------------------------------------------------

export interface DocGroup {
  endpoint: Endpoint;
  writers: LightClient[];
  readers: LightClient[];
  full: ReturnType<typeof fullClient> | null;
}

let nextWriterId = 0;

/**
 * Opens the clients of several documents (a few connections at a time) and waits for each to sync.
 * Their receipts go to whatever `recorder()` returns at the time.
 */
export async function openGroups(
  endpoints: Endpoint[],
  perDoc: { clients: number; writers: number; full: boolean },
  recorder: () => Recorder | null,
): Promise<{ groups: DocGroup[]; connectMs: number }> {
  const started = performance.now();
  const groups: DocGroup[] = endpoints.map((endpoint) => {
    const light = perDoc.clients;
    const writers = Array.from({ length: perDoc.writers }, () => new LightClient(endpoint, nextWriterId++, recorder));
    const readers = Array.from({ length: light - perDoc.writers }, () => new LightClient(endpoint, -1, recorder));
    return { endpoint, writers, readers, full: null };
  });
  const all = groups.flatMap((g) => [...g.writers, ...g.readers]);
  await withTimeout(
    pool(all, 32, async (c) => {
      await c.connect();
      await withTimeout(c.whenSynced, 60_000, 'first sync');
    }),
    120_000,
    `connecting ${all.length} clients`,
  );
  if (perDoc.full) {
    for (const g of groups) g.full = fullClient(g.endpoint);
    await withTimeout(Promise.all(groups.map((g) => g.full!.synced)), 60_000, 'y-websocket provider sync');
  }
  return { groups, connectMs: performance.now() - started };
}

export async function closeGroups(groups: DocGroup[]): Promise<void> {
  for (const g of groups) {
    g.full?.provider.destroy();
    g.full?.doc.destroy();
  }
  await pool(
    groups.flatMap((g) => [...g.writers, ...g.readers]),
    64,
    (c) => c.close(),
  );
}

/**
 * Drives every writer at `ratePerWriter` edits/s (evenly staggered) for `ms`, from one ticker.
 * Returns the edits made and the rate achieved.
 */
export async function drive(writers: LightClient[], ratePerWriter: number, ms: number, counters: Map<LightClient, number>) {
  const interval = 1000 / ratePerWriter;
  const start = performance.now();
  const due = writers.map((_, i) => start + (i / writers.length) * interval);
  let made = 0;
  let late = 0;
  await new Promise<void>((res) => {
    const tick = () => {
      const now = performance.now();
      if (now - start >= ms) {
        clearInterval(timer);
        res();
        return;
      }
      for (let i = 0; i < writers.length; i++) {
        let burst = 0;
        while (due[i]! <= now && burst < 20) {
          const w = writers[i]!;
          const n = (counters.get(w) ?? 0) + 1;
          counters.set(w, n);
          w.edit(n);
          made++;
          burst++;
          due[i]! += interval;
        }
        if (due[i]! <= now) {
          // The generator fell behind: skip what it could not send rather than bursting.
          late += Math.floor((now - due[i]!) / interval) + 1;
          due[i] = now + interval;
        }
      }
    };
    const timer = setInterval(tick, 1);
  });
  const elapsed = performance.now() - start;
  return { made, late, achievedRate: (made / elapsed) * 1000 };
}

/** Waits until every expected receipt has arrived or `ms` passed. */
export async function drain(rec: Recorder, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (rec.received < rec.expected && performance.now() < until) await sleep(20);
}

