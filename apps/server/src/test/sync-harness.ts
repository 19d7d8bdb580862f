import { docSnapshots, docUpdates, type DatabaseHandle } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import type { Role, Seat } from '@troika/model';
import { and, asc, count, eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import { expect, onTestFailed } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Random } from '@troika/model/testing';
import { SESSION_COOKIE } from '../auth/lucia';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../logger';
import { startServer, type RunningServer } from '../server';
import type { Bus } from '../sync/bus';
import { captureLogger, readResponse, sessionFrom, type ApiResponse, type LogEntry } from './harness';

/**
 * Tests of the sync engine over real sockets: the whole server started in-process on a free port,
 * real y-websocket clients and raw `ws` sockets, and the stored log read back from the database.
 *
 *   const s = await startSyncServer({ env: { SYNC_UNLOAD_AFTER_MS: '100' } });
 *   const ada = await s.signUp();
 *   const ws = await s.createWorkspace(ada);
 *   const c = s.client(ada, ws, 'board');      // a y-websocket provider with its own Y.Doc
 *   await c.synced();
 *   c.doc.getMap('kpis').set('k1', 1);
 *   await waitFor(async () => (await readStored(s.database, { workspaceId: ws, doc: 'board' })).getMap('kpis').has('k1'));
 *   const raw = await openRaw(s.syncUrl, `${ws}/board`, {});   // { refused: true, status: 401, body }
 *   await s.stop();                              // destroys its clients, stops, drops the database
 *
 * Set TEST_LOG_LEVEL (e.g. `warn`) to see the servers' logs.
 */

/** How a socket authenticates: a session (cookie), an API token (bearer), and the Origin it claims. */
export interface Credentials {
  session?: string;
  token?: string;
  origin?: string;
  /** A raw Cookie header, sent as is (forged or foreign cookies). */
  cookie?: string;
}

/** Someone who signed up over HTTP and holds their session. */
export interface Person extends Credentials {
  id: string;
  email: string;
  session: string;
}

export interface SyncServerOptions {
  /** Environment for loadConfig (PORT, HOST and LOG_LEVEL have test defaults); DATABASE_URL makes the server open that database. */
  env?: Record<string, string>;
  /** A shared database (two instances); the caller closes it. Otherwise a fresh one is made and closed by stop(). */
  database?: DatabaseHandle;
  bus?: Bus;
  /** Records every line the server logs here (through the server's own logger), instead of TEST_LOG_LEVEL. */
  logs?: LogEntry[];
}

export interface SyncServer {
  running: RunningServer;
  config: Config;
  database: DatabaseHandle;
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** ws://127.0.0.1:PORT/sync */
  syncUrl: string;
  /** A JSON request over real HTTP. */
  request<T = any>(method: string, path: string, who?: Credentials, body?: unknown): Promise<ApiResponse<T>>;
  signUp(name?: string): Promise<Person>;
  createWorkspace(owner: Person, name?: string): Promise<string>;
  /** Invites a new person with this role (and seat) and has them accept. */
  addMember(owner: Person, workspaceId: string, role: Role, seat?: Seat): Promise<Person>;
  /** An API token of the workspace, as credentials. */
  createToken(owner: Person, workspaceId: string, role: 'editor' | 'viewer'): Promise<Credentials>;
  /** A y-websocket client on one document (connects at once unless `connect: false`). */
  client(who: Credentials, workspaceId: string, doc: string, options?: ClientOptions): SyncClient;
  /** Stops the server; closes the database when it owns it. Safe to call twice. */
  stop(): Promise<void>;
}

let people = 0;

/** Starts the full server (HTTP API, /sync, metrics) on a free loopback port. */
export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  // Tests sign everyone up from one address: the sign-up limit is lifted unless a test sets it.
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', SIGNUP_MAX_PER_IP: '1000000', ...options.env }, { webDir: '/nonexistent' });
  // With DATABASE_URL in env the server opens (and closes) that database itself, like in production.
  const opensItsOwn = !options.database && config.DATABASE_URL !== undefined;
  const ownDatabase = !options.database && !opensItsOwn;
  const given = options.database ?? (opensItsOwn ? undefined : await createTestDatabase());
  const logger = options.logs ? captureLogger(options.logs) : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const running = await startServer(config, logger, { database: given, bus: options.bus });
  const database = running.database;
  const httpUrl = `http://127.0.0.1:${running.port}`;
  const syncUrl = `ws://127.0.0.1:${running.port}/sync`;
  const clients = new Set<SyncClient>();
  let stopped = false;

  const server: SyncServer = {
    running,
    config,
    database,
    httpUrl,
    syncUrl,
    request: (method, path, who, body) => httpRequest(httpUrl, method, path, who, body),

    async signUp(name = `Person ${++people}`) {
      const email = `p${people}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;
      const res = await server.request('POST', '/api/auth/signup', {}, { email, name, password: 'correct horse battery' });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
      return { id: res.body.user.id, email, session: sessionFrom(res)! };
    },

    async createWorkspace(owner, name = 'Troika HQ') {
      const res = await server.request('POST', '/api/workspaces', owner, { name });
      if (res.status !== 201) throw new Error(`create workspace failed: ${res.status} ${res.text}`);
      return res.body.id;
    },

    async addMember(owner, workspaceId, role, seat = 'it') {
      const member = await server.signUp();
      const invite = await server.request('POST', `/api/workspaces/${workspaceId}/invites`, owner, { role, seat });
      if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
      const accepted = await server.request('POST', `/api/invites/${invite.body.token}/accept`, member);
      if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
      return member;
    },

    async createToken(owner, workspaceId, role) {
      const res = await server.request('POST', `/api/workspaces/${workspaceId}/tokens`, owner, { name: `${role} bot`, role });
      if (res.status !== 201) throw new Error(`create token failed: ${res.status} ${res.text}`);
      return { token: res.body.token };
    },

    client(who, workspaceId, doc, clientOptions) {
      const client = new SyncClient(`${syncUrl}/${workspaceId}`, doc, who, clientOptions);
      clients.add(client);
      return client;
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      for (const client of clients) client.destroy();
      await running.stop();
      if (ownDatabase) await database.close();
    },
  };
  return server;
}

/** One JSON request over real HTTP, carrying the caller's cookie or token. */
export async function httpRequest<T = any>(base: string, method: string, path: string, who: Credentials = {}, body?: unknown): Promise<ApiResponse<T>> {
  const headers = headersFor(who);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  return readResponse<T>(response);
}

/** The upgrade request's headers for these credentials. */
export function headersFor(who: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (who.cookie !== undefined) headers.cookie = who.cookie;
  else if (who.session !== undefined) headers.cookie = `${SESSION_COOKIE}=${who.session}`;
  if (who.token !== undefined) headers.authorization = `Bearer ${who.token}`;
  if (who.origin !== undefined) headers.origin = who.origin;
  return headers;
}

/** A `ws` WebSocket class that sends these headers with its upgrade, for y-websocket's WebSocketPolyfill. */
export function socketWith(headers: Record<string, string>): new (address: string | URL, protocols?: string | string[]) => WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export interface ClientOptions {
  /** Connect now (default true). */
  connect?: boolean;
  doc?: Y.Doc;
}

/** A y-websocket client with its own Y.Doc, and the close codes the server sent it. */
export class SyncClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close frames received from the server, oldest first. */
  readonly closes: { code: number; reason: string }[] = [];
  /** Reasons of the "permission denied" messages received (updates the server refused), oldest first. */
  readonly denials: string[] = [];

  constructor(base: string, room: string, who: Credentials, options: ClientOptions = {}) {
    this.doc = options.doc ?? new Y.Doc();
    this.provider = new WebsocketProvider(base, room, this.doc, {
      WebSocketPolyfill: socketWith(headersFor(who)) as never,
      connect: options.connect ?? true,
      // Clients in one process must talk through the server only, never through a BroadcastChannel.
      disableBc: true,
      maxBackoffTime: 300,
    });
    this.provider.on('connection-close', (event) => {
      if (event) this.closes.push({ code: event.code, reason: event.reason });
    });
    // y-websocket only logs "permission denied" (y-protocols/auth: [2, 0, reason]); keep it instead.
    this.provider.messageHandlers[2] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) === 0) this.denials.push(decoding.readVarString(decoder));
    };
  }

  get connected(): boolean {
    return this.provider.wsconnected;
  }

  /** Resolves once connected and the server's state (sync step 2) has arrived. */
  synced(timeoutMs = 15_000): Promise<void> {
    return waitFor(() => this.provider.synced && this.provider.wsconnected, { timeoutMs, what: 'client synced' });
  }

  disconnect(): void {
    this.provider.disconnect();
  }

  connect(): void {
    this.provider.connect();
  }

  destroy(): void {
    this.provider.destroy();
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the error on timeout. */
  what?: string;
}

/** Polls until `check` returns true (or a promise of true); throws naming `what` after the timeout (15 s by default). */
export async function waitFor(check: () => boolean | Promise<boolean>, options: WaitOptions | string = {}): Promise<void> {
  const { timeoutMs = 15_000, intervalMs = 20, what = 'condition' } = typeof options === 'string' ? { what: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- raw sockets ------------------------------------------------------------------------------------

/** How an upgrade ended: an HTTP status (refused, with the body), or an open socket. */
export type UpgradeResult = { refused: true; status: number; body: string } | { refused: false; socket: RawSocket };

/** A plain `ws` client: every frame it received, and a promise of how it closed. */
export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received, in order. */
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a raw socket to /sync/:workspaceId/:doc; resolves refused with the HTTP status or with the open socket. */
export function openRaw(syncUrl: string, path: string, who: Credentials): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${syncUrl}/${path}`, { headers: headersFor(who) });
    const received: Uint8Array[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ refused: true, status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    ws.on('error', (error) => reject(error));
    ws.on('open', () => resolve({ refused: false, socket: { ws, received, closed } }));
  });
}

/** Opens a raw socket that must be accepted. */
export async function openAccepted(syncUrl: string, path: string, who: Credentials): Promise<RawSocket> {
  const result = await openRaw(syncUrl, path, who);
  if (result.refused) throw new Error(`upgrade refused with ${result.status}: ${result.body}`);
  return result.socket;
}

// ---- what the database holds ------------------------------------------------------------------------

export interface DocAddress {
  workspaceId: string;
  doc: string;
}

/** A Y.Doc built from the stored snapshot and log rows alone (not through the engine). */
export async function readStored(database: DatabaseHandle, key: DocAddress): Promise<Y.Doc> {
  const { db } = database;
  const doc = new Y.Doc();
  const [snapshot] = await db
    .select()
    .from(docSnapshots)
    .where(and(eq(docSnapshots.workspaceId, key.workspaceId), eq(docSnapshots.doc, key.doc)));
  if (snapshot) Y.applyUpdate(doc, snapshot.bytes);
  const rows = await db
    .select({ bytes: docUpdates.bytes })
    .from(docUpdates)
    .where(and(eq(docUpdates.workspaceId, key.workspaceId), eq(docUpdates.doc, key.doc)))
    .orderBy(asc(docUpdates.seq));
  for (const row of rows) Y.applyUpdate(doc, row.bytes);
  return doc;
}

/** How many log rows a document has (its snapshot not counted). */
export async function countUpdates(database: DatabaseHandle, key: DocAddress): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(docUpdates)
    .where(and(eq(docUpdates.workspaceId, key.workspaceId), eq(docUpdates.doc, key.doc)));
  return row?.n ?? 0;
}

/** Whether the document has a snapshot row. */
export async function hasSnapshot(database: DatabaseHandle, key: DocAddress): Promise<boolean> {
  const rows = await database.db
    .select({ seq: docSnapshots.seq })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.workspaceId, key.workspaceId), eq(docSnapshots.doc, key.doc)));
  return rows.length > 0;
}

// ---- random edits, as people make them ----------------------------------------------------------------

// A failing random run is replayed from the seed its test prints.
export { seededRandom } from '@troika/model/testing';

const KPI_IDS = ['k1', 'k2', 'k3', 'k4', 'k5'];

/**
 * One random edit in the shapes the product uses: `kpis` (a Y.Map of Y.Maps holding a string, a
 * Y.Text and a Y.Array), `list` (a Y.Array) and `notes` (a Y.Text with formatting). Ids come from a
 * small pool, so replicas create, edit and delete the same entries concurrently.
 */
export function randomEdit(doc: Y.Doc, random: Random, tag: string): void {
  const kpis = doc.getMap<Y.Map<unknown>>('kpis');
  const list = doc.getArray<string>('list');
  const notes = doc.getText('notes');
  const id = random.pick(KPI_IDS);
  const kpi = kpis.get(id);
  switch (random.int(8)) {
    case 0: {
      const entry = new Y.Map<unknown>();
      entry.set('name', `KPI ${tag}`);
      entry.set('description', new Y.Text(`about ${tag}`));
      entry.set('values', Y.Array.from([{ at: '2025-01-01', value: random.int(100) }]));
      kpis.set(id, entry);
      return;
    }
    case 1:
      if (kpi) kpi.set('name', `renamed by ${tag}`);
      else if (random.chance(0.1)) kpis.delete(id);
      return;
    case 2: {
      const text = kpi?.get('description');
      if (text instanceof Y.Text) text.insert(random.int(text.length + 1), `<${tag}>`);
      return;
    }
    case 3: {
      const values = kpi?.get('values');
      if (values instanceof Y.Array) values.push([{ at: `2025-02-${10 + random.int(18)}`, value: random.int(1000) }]);
      return;
    }
    case 4:
      list.insert(random.int(list.length + 1), [`${tag}`]);
      return;
    case 5:
      if (list.length > 0) {
        const at = random.int(list.length);
        list.delete(at, 1 + random.int(Math.min(2, list.length - at)));
      } else list.push([tag]);
      return;
    case 6:
      notes.insert(random.int(notes.length + 1), `${tag} `, random.chance(0.3) ? { bold: true } : undefined);
      return;
    default:
      if (notes.length > 2) {
        const at = random.int(notes.length - 1);
        if (random.chance(0.5)) notes.delete(at, 1 + random.int(Math.min(3, notes.length - at)));
        else notes.format(at, 2, { italic: true });
      } else notes.insert(0, tag);
  }
}

/** What a person sees of a document written by randomEdit: comparable with toEqual. */
export function visibleState(doc: Y.Doc) {
  return {
    kpis: doc.getMap('kpis').toJSON(),
    list: doc.getArray('list').toJSON(),
    notes: doc.getText('notes').toDelta(),
  };
}

/** JSON with object keys sorted: replicas may hold a map's keys in different orders. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The document's state vector as sorted [client, clock] pairs: equal when two replicas hold the same updates. */
export function stateVectorOf(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]);
}

/** A sample of a Prometheus text exposition (`name` or `name{labels}`), or 0 when absent. */
export function metricValue(text: string, sample: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    if (line.slice(0, space) === sample) return Number(line.slice(space + 1));
  }
  return 0;
}

/** A fresh seed per run (or TEST_SEED to replay one), printed when the test fails. Call inside a test. */
export function seedFor(name: string): number {
  const seed = Number(process.env.TEST_SEED) || Date.now() % 1_000_000;
  onTestFailed(() => console.info(`${name}: replay with TEST_SEED=${seed}`));
  return seed;
}

/** One person's session: random edits at random intervals, with offline spells (editing meanwhile) and dropped sockets. */
export async function editAtRandom(client: SyncClient, random: Random, name: string, steps = 60): Promise<void> {
  await client.synced();
  for (let step = 0; step < steps; step++) {
    await sleep(random.int(12));
    if (random.chance(0.06)) {
      // Offline: edits pile up locally and go out on reconnect (sync step 2 from the client).
      client.disconnect();
      for (let k = random.int(6); k > 0; k--) randomEdit(client.doc, random, `${name}.off${step}.${k}`);
      await sleep(20 + random.int(120));
      client.connect();
    } else if (random.chance(0.04)) {
      // The network drops the socket without a close frame; y-websocket reconnects by itself.
      (client.provider.ws as unknown as WebSocket | null)?.terminate();
    }
    randomEdit(client.doc, random, `${name}.${step}`);
  }
}

/** Waits until every client is online, synced and equal to the first one; fails with a diff otherwise. */
export async function expectConverged(clients: SyncClient[], timeoutMs = 20_000): Promise<void> {
  for (const client of clients) await client.synced(timeoutMs);
  const states = () => clients.map((c) => canonicalJson([visibleState(c.doc), stateVectorOf(c.doc)]));
  await waitFor(() => new Set(states()).size === 1, { timeoutMs, what: 'all clients equal' }).catch(() => {});
  const [first, ...rest] = states();
  for (const state of rest) expect(JSON.parse(state)).toEqual(JSON.parse(first!));
}
