import { createTestDatabase } from '@troika/db/test-database';
import type { DatabaseHandle } from '@troika/db';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse } from '../test/sse';
import { startSyncServer, waitFor, type SyncServer } from '../test/sync-harness';

// Two instances on one database and one Redis: a notification raised on one reaches a stream held by
// the other, and a sign-out on one closes the stream on the other. Needs a real Redis, so it runs
// only when TEST_REDIS_URL is set (CI sets it), and is skipped otherwise.
const REDIS = process.env.TEST_REDIS_URL;

describe.skipIf(!REDIS)('notification streams across instances (Redis)', () => {
  let database: DatabaseHandle;
  let a: SyncServer;
  let b: SyncServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL: REDIS!, REDIS_PREFIX: `troika-test-${process.pid}-${randomBytes(4).toString('hex')}:`, WATCH_POLL_MS: '60000' };
    a = await startSyncServer({ database, env });
    b = await startSyncServer({ database, env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.close();
  });

  it('streams on one instance what was posted on the other, and closes it on a sign-out made elsewhere', async () => {
    const owner = await a.signUp('Olga Owner');
    const ws = (await a.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true })).body.id;
    const cmo = await a.addMember(owner, ws, 'editor', 'cmo');
    const kpiId = (await a.request('GET', `/api/workspaces/${ws}/kpis`, owner)).body.kpis[0].id;

    const stream = await openSse(`${b.httpUrl}/api/notifications/stream`, cmo);
    await stream.next('ready');
    const posted = await a.request('POST', `/api/workspaces/${ws}/threads`, owner, { target: { kind: 'kpi', id: kpiId }, body: 'across', mentions: [cmo.id] });
    expect(posted.status).toBe(201);
    const n = JSON.parse((await stream.next('notification')).data);
    expect(n).toMatchObject({ kind: 'mention', threadId: posted.body.id });

    expect((await a.request('POST', '/api/auth/logout', cmo)).status).toBe(204);
    await waitFor(() => stream.ended, 'the stream on the other instance to end');
  });
});
