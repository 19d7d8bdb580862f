import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ChildServer, ensureBuilt, freePort } from '../test/child-server';
import { sessionFrom } from '../test/harness';
import { SyncClient, httpRequest, sleep, type Credentials } from '../test/sync-harness';

// The promise: an update that the server has sent to any other client is in the database, so a
// `kill -9` loses none of it; a SIGTERM stops cleanly and loses nothing the clients had sent.
// The real built server runs as a child process on its own PGlite folder and is killed mid-write.

/** Someone writing a key every few milliseconds, and what they wrote while their socket was open. */
class Writer {
  readonly sent = new Set<string>();
  private running = true;
  readonly done: Promise<void>;

  constructor(
    readonly client: SyncClient,
    readonly prefix: string,
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    const items = this.client.doc.getMap<number>('items');
    const text = this.client.doc.getText('log');
    for (let n = 0; this.running; n++) {
      const key = `${this.prefix}${n}`;
      // y-websocket sends an update at once, in the same call, when its socket is open.
      const open = this.client.provider.wsconnected && this.client.provider.ws?.readyState === WebSocket.OPEN;
      this.client.doc.transact(() => {
        items.set(key, n);
        text.insert(text.length, `${key};`);
      });
      if (open) this.sent.add(key);
      await sleep(2 + Math.floor(Math.random() * 6));
    }
  }

  stop(): Promise<void> {
    this.running = false;
    return this.done;
  }
}

/** The keys a client received from others (everything not written under its own prefix). */
const receivedBy = (client: SyncClient, ownPrefix: string | null) =>
  [...client.doc.getMap('items').keys()].filter((key) => ownPrefix === null || !key.startsWith(ownPrefix));

describe('durability of the built server', () => {
  let server: ChildServer;
  let dataDir: string;
  let owner: Credentials & { id: string };
  let workspaceId: string;
  const team: Credentials[] = [];
  let viewer: Credentials;
  let admin: postgres.Sql | null = null;
  let pgName: string | null = null;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'troika-durability-'));
    // With TEST_DATABASE_URL, on a PostgreSQL database of its own; else on PGlite in dataDir.
    const adminUrl = process.env.TEST_DATABASE_URL;
    const env: Record<string, string> = {};
    if (adminUrl) {
      pgName = `troika_durability_${Date.now().toString(36)}`;
      admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${pgName}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${pgName}`;
      env.DATABASE_URL = url.toString();
    }
    // A short log before compaction: the rounds then compact while writing, and a kill can land in one.
    server = new ChildServer(await freePort(), dataDir, { ...env, SYNC_COMPACT_AFTER: '25' });
    await server.start();
    const signUp = async (name: string) => {
      const email = `${name.toLowerCase()}-${Date.now().toString(36)}@example.com`;
      const res = await httpRequest(server.url, 'POST', '/api/auth/signup', {}, { email, name, password: 'correct horse battery' });
      expect(res.status).toBe(201);
      return { id: res.body.user.id as string, session: sessionFrom(res)! };
    };
    owner = await signUp('Olga');
    workspaceId = (await httpRequest(server.url, 'POST', '/api/workspaces', owner, { name: 'Durable' })).body.id;
    const addMember = async (name: string, role: string) => {
      const person = await signUp(name);
      const invite = await httpRequest(server.url, 'POST', `/api/workspaces/${workspaceId}/invites`, owner, { role, seat: 'it' });
      expect((await httpRequest(server.url, 'POST', `/api/invites/${invite.body.token}/accept`, person)).status).toBe(200);
      return person;
    };
    team.push(owner, await addMember('Eddie', 'editor'), await addMember('Erin', 'editor'));
    viewer = await addMember('Vera', 'viewer');
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (admin && pgName) await admin.unsafe(`drop database if exists "${pgName}" with (force)`);
    await admin?.end({ timeout: 5 });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  let compactionsSeen = 0;
  const compactions = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^troika_sync_compactions_total (\d+)/m.exec(text)?.[1] ?? 0);
  };

  const connect = (who: Credentials) => new SyncClient(`ws://127.0.0.1:${server.port}/sync/${workspaceId}`, 'board', who);

  /** Writers and watchers on the board until `signal` hits the server; returns what must have survived. */
  async function writeUntilKilled(round: number, signal: NodeJS.Signals): Promise<{ mustSurvive: Set<string>; exit: { code: number | null } }> {
    const watchers = [connect(viewer), connect(owner)];
    const writers = team.map((who, i) => new Writer(connect(who), `r${round}w${i}-`));
    const clients = [...watchers, ...writers.map((w) => w.client)];
    await Promise.all(clients.map((c) => c.synced()));
    await sleep(200 + Math.floor(Math.random() * 300));
    // A late joiner gets the writes so far in its sync step 2, which must be durable by then too.
    const late = connect(viewer);
    watchers.push(late);
    clients.push(late);
    await sleep(100 + Math.floor(Math.random() * 300));
    compactionsSeen += await compactions();
    const exit = await server.kill(signal);
    await Promise.all(writers.map((w) => w.stop()));

    const mustSurvive = new Set<string>();
    for (const watcher of watchers) for (const key of receivedBy(watcher, null)) mustSurvive.add(key);
    for (const writer of writers) for (const key of receivedBy(writer.client, writer.prefix)) mustSurvive.add(key);
    // A graceful stop also keeps what each writer had sent before its socket was closed.
    if (signal === 'SIGTERM') for (const writer of writers) for (const key of writer.sent) mustSurvive.add(key);
    for (const client of clients) client.destroy();
    return { mustSurvive, exit };
  }

  /** What a newcomer loads from the restarted server. */
  async function restartAndLoad(): Promise<Set<string>> {
    await server.start();
    const reader = connect(owner);
    await reader.synced();
    const keys = new Set(reader.doc.getMap('items').keys());
    reader.destroy();
    return keys;
  }

  it('loses nothing that any client had received when the server is killed with SIGKILL mid-write, round after round', async () => {
    const survivors = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const { mustSurvive, exit } = await writeUntilKilled(round, 'SIGKILL');
      expect(exit).toMatchObject({ signal: 'SIGKILL' });
      // The writers were really writing to each other when the server died.
      expect(mustSurvive.size).toBeGreaterThan(20);
      for (const key of mustSurvive) survivors.add(key);
      const loaded = await restartAndLoad();
      const lost = [...survivors].filter((key) => !loaded.has(key));
      expect(lost, `round ${round}: received by a client, then lost by the kill`).toEqual([]);
    }
    expect(compactionsSeen, 'compactions while the rounds wrote').toBeGreaterThan(0);
  }, 400_000);

  it('stops on SIGTERM with exit code 0 and keeps everything the clients had sent', async () => {
    const { mustSurvive, exit } = await writeUntilKilled(10, 'SIGTERM');
    expect(exit.code).toBe(0);
    expect(mustSurvive.size).toBeGreaterThan(20);
    const loaded = await restartAndLoad();
    expect([...mustSurvive].filter((key) => !loaded.has(key))).toEqual([]);
    expect(await server.kill('SIGTERM')).toMatchObject({ code: 0 });
  }, 240_000);
});
