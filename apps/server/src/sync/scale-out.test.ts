import { createTestDatabase } from '@troika/db/test-database';
import { CLOSE_CODES } from '@troika/model';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  editAtRandom,
  expectConverged,
  metricValue,
  readStored,
  seedFor,
  seededRandom,
  sleep,
  startSyncServer,
  stateVectorOf,
  visibleState,
  waitFor,
  type SyncClient,
  type SyncServer,
} from '../test/sync-harness';

// Several server processes behind a load balancer: two in-process servers on different ports share
// one PostgreSQL database (DATABASE_URL) and one Redis (REDIS_URL), and clients on each converge.
// These need a real PostgreSQL and Redis, so they run only when TEST_DATABASE_URL and TEST_REDIS_URL
// are set (CI sets both) and are skipped otherwise. The Redis at TEST_REDIS_URL is shared with other
// runs, hence a unique REDIS_PREFIX per test; the restart test starts a private redis-server instead.

const DATABASE = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;

const teardown: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of teardown.splice(0).reverse()) await stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A redis-server child process of this test only, without persistence, that can be killed and restarted. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitFor(() => this.ping(), { timeoutMs: 10_000, what: 'the private redis-server answering PING' });
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString().startsWith('+PONG'));
        socket.destroy();
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** A fresh PostgreSQL database and two servers on it (and on `redisUrl`), each opening DATABASE_URL itself. */
async function twoInstances(redisUrl: string): Promise<[SyncServer, SyncServer]> {
  const database = await createTestDatabase();
  teardown.push(() => database.close());
  const env = {
    DATABASE_URL: database.url!,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `troika-test-${process.pid}-${randomBytes(4).toString('hex')}:`,
    SYNC_UNLOAD_AFTER_MS: '200',
    SYNC_COMPACT_AFTER: '100',
  };
  // One after the other: both run the (idempotent) migrations at start.
  const a = await startSyncServer({ env });
  teardown.push(a.stop);
  const b = await startSyncServer({ env });
  teardown.push(b.stop);
  return [a, b];
}

const busUpdates = async (server: SyncServer) =>
  metricValue(await server.running.sync.metricsText(), 'troika_sync_remote_updates_total{via="bus"}');

/** Every client equal; then, once all have left, the database and a newcomer on each instance hold the same. */
async function expectAllEqualAndStored(servers: SyncServer[], clients: SyncClient[], workspaceId: string, who: { session: string }) {
  await expectConverged(clients);
  const final = visibleState(clients[0]!.doc);
  const vector = stateVectorOf(clients[0]!.doc);
  for (const client of clients) client.destroy();
  await waitFor(() => servers.every((s) => s.running.sync.stats().docs === 0), 'documents unloaded');
  const stored = await readStored(servers[0]!.database, { workspaceId, doc: 'board' });
  expect(visibleState(stored)).toEqual(final);
  expect(stateVectorOf(stored)).toEqual(vector);
  for (const server of servers) {
    const newcomer = server.client(who, workspaceId, 'board');
    await newcomer.synced();
    expect(visibleState(newcomer.doc)).toEqual(final);
    newcomer.destroy();
  }
}

// Skipped without TEST_DATABASE_URL and TEST_REDIS_URL: scale-out needs a shared PostgreSQL and a real
// Redis (PGlite serves one process). `.ci/run` sets both, so CI always runs this file.
describe.skipIf(!DATABASE || !REDIS)('scale-out over PostgreSQL and Redis', () => {
  it('clients on two servers sharing PostgreSQL and Redis converge, with updates carried by Redis', async () => {
    const random = seededRandom(seedFor('scale-out'));
    const [a, b] = await twoInstances(REDIS!);
    const owner = await a.signUp();
    const workspaceId = await a.createWorkspace(owner);
    const editor = await b.addMember(owner, workspaceId, 'editor');
    const clients = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).client(i < 3 ? owner : editor, workspaceId, 'board'));

    await Promise.all(clients.map((client, i) => editAtRandom(client, seededRandom(random.int(1e9)), `c${i}`)));
    await expectConverged(clients);
    expect(await busUpdates(a)).toBeGreaterThan(0);
    expect(await busUpdates(b)).toBeGreaterThan(0);
    await expectAllEqualAndStored([a, b], clients, workspaceId, owner);
  }, 90_000);

  it('a member removed through one server is disconnected on the other with 4401', async () => {
    const [a, b] = await twoInstances(REDIS!);
    const owner = await a.signUp();
    const workspaceId = await a.createWorkspace(owner);
    const leaving = await a.addMember(owner, workspaceId, 'editor');
    const client = b.client(leaving, workspaceId, 'board');
    await client.synced();
    expect((await a.request('DELETE', `/api/workspaces/${workspaceId}/members/${leaving.id}`, owner)).status).toBe(204);
    await waitFor(() => client.closes.length > 0, 'the removed member closed on the other server');
    expect(client.closes[0]!.code).toBe(CLOSE_CODES.unauthorized);
  }, 60_000);

  it('a member demoted through one server is closed with 4403 on the other within 2 s', async () => {
    const [a, b] = await twoInstances(REDIS!);
    const owner = await a.signUp();
    const workspaceId = await a.createWorkspace(owner);
    const demoted = await a.addMember(owner, workspaceId, 'editor');
    const client = b.client(demoted, workspaceId, 'board');
    await client.synced();
    expect((await a.request('PATCH', `/api/workspaces/${workspaceId}/members/${demoted.id}`, owner, { role: 'viewer' })).status).toBe(200);
    await waitFor(() => client.closes.length > 0, { timeoutMs: 2_000, what: 'the demoted member closed on the other server' });
    expect(client.closes[0]!.code).toBe(CLOSE_CODES.roleChanged);
  }, 60_000);

  // Skipped only where no redis-server binary exists to start a private Redis we may kill (never the shared one).
  it.skipIf(!HAS_REDIS_SERVER)('clients keep converging and nothing is lost while Redis is killed and restarted mid-run', async () => {
    const random = seededRandom(seedFor('redis restart'));
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    teardown.push(() => redis.kill());
    const [a, b] = await twoInstances(redis.url);
    const owner = await a.signUp();
    const workspaceId = await a.createWorkspace(owner);
    const editor = await a.addMember(owner, workspaceId, 'editor');
    const clients = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).client(i < 3 ? owner : editor, workspaceId, 'board'));
    await Promise.all(clients.map((c) => c.synced()));

    const outage = (async () => {
      await sleep(400);
      await redis.kill();
      await sleep(1000);
      await redis.start();
    })();
    await Promise.all([outage, ...clients.map((client, i) => editAtRandom(client, seededRandom(random.int(1e9)), `c${i}`, 150))]);
    await expectConverged(clients, 30_000);

    // Redis carries updates again once it is back (the servers reconnected and resubscribed).
    const before = [await busUpdates(a), await busUpdates(b)];
    let n = 0;
    await waitFor(
      async () => {
        clients[0]!.doc.getMap('after').set(`a${n}`, n); // on server a
        clients[1]!.doc.getMap('after').set(`b${n}`, n); // on server b
        n++;
        await sleep(100);
        return (await busUpdates(a)) > before[0]! && (await busUpdates(b)) > before[1]!;
      },
      { timeoutMs: 30_000, what: 'updates over the restarted Redis' },
    );
    await expectAllEqualAndStored([a, b], clients, workspaceId, owner);
  }, 120_000);
});
