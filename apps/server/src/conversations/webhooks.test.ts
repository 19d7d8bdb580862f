import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDecision, createMeeting } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFrom } from '../test/harness';
import { ChildServer, ensureBuilt, freePort } from '../test/child-server';
import { httpRequest, startSyncServer, waitFor, type Credentials, type Person, type SyncServer } from '../test/sync-harness';
import { startReceiver } from '../test/webhook-receiver';

/** What a receiver does to check a delivery: the HMAC-SHA256 of the raw body with the secret, compared in constant time. */
function verified(secret: string, rawBody: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhooks: registration', () => {
  let s: SyncServer;
  let owner: Person;
  let ws: string;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    ws = await s.createWorkspace(owner);
  });
  afterAll(() => s.stop());

  it('refuses loopback, private and link-local URLs unless WEBHOOK_ALLOW_PRIVATE=true', async () => {
    for (const url of ['http://127.0.0.1:9/h', 'http://localhost/h', 'http://10.0.0.8/h', 'http://169.254.169.254/latest', 'http://[::1]/h', 'http://192.168.1.20/h']) {
      const res = await s.request('POST', `/api/workspaces/${ws}/webhooks`, owner, { url, events: ['comment'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.field).toBe('url');
    }
    expect((await s.request('GET', `/api/workspaces/${ws}/webhooks`, owner)).body.webhooks).toEqual([]);
  });
});

describe('webhooks: delivery', () => {
  let s: SyncServer;
  let owner: Person;
  let editor: Person;
  let viewer: Person;
  let ws: string;
  let kpiId: string;
  const api = (path: string) => `/api/workspaces/${ws}${path}`;
  const register = (who: Credentials, url: string, events: string[]) => s.request('POST', api('/webhooks'), who, { url, events });

  beforeAll(async () => {
    s = await startSyncServer({ env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_MS: '200', WATCH_POLL_MS: '100' } });
    owner = await s.signUp('Olga Owner');
    ws = (await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true })).body.id;
    editor = await s.addMember(owner, ws, 'editor', 'cmo');
    viewer = await s.addMember(owner, ws, 'viewer', 'business');
    kpiId = (await s.request('GET', api('/kpis'), owner)).body.kpis[0].id;
  });
  afterAll(() => s.stop());

  it('lets owners only register, list and delete webhooks, and checks url and events', async () => {
    const receiver = await startReceiver();
    expect((await register(editor, receiver.url, ['comment'])).status).toBe(403);
    expect((await register(viewer, receiver.url, ['comment'])).status).toBe(403);
    const badEvent = await register(owner, receiver.url, ['comment', 'everything']);
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.error.field).toBe('events.1');
    expect((await register(owner, 'not a url', ['comment'])).body.error.field).toBe('url');
    expect((await register(owner, receiver.url, [])).body.error.field).toBe('events');
    const made = await register(owner, receiver.url, ['decision']);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: expect.any(String), secret: expect.stringMatching(/^whsec_/) });
    expect((await s.request('GET', api('/webhooks'), editor)).status).toBe(403);
    const list = await s.request('GET', api('/webhooks'), owner);
    expect(list.body.webhooks).toEqual([{ id: made.body.id, url: receiver.url, events: ['decision'], createdAt: expect.any(String), lastDelivery: null }]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    expect((await s.request('DELETE', api(`/webhooks/${made.body.id}`), editor)).status).toBe(403);
    expect((await s.request('DELETE', api(`/webhooks/${made.body.id}`), owner)).status).toBe(204);
    expect((await s.request('DELETE', api(`/webhooks/${made.body.id}`), owner)).status).toBe(404);
    await receiver.close();
  });

  it('signs each delivery, sends the documented payload, retries after a 500, and shows the last delivery', async () => {
    let failed = false;
    // The comment's first delivery fails; every other request succeeds.
    const receiver = await startReceiver((_n, r) => (JSON.parse(r.body).event === 'comment' && !failed ? ((failed = true), 500) : 200));
    const hook = (await register(owner, receiver.url, ['comment', 'mention'])).body;
    const other = await startReceiver();
    await register(owner, other.url, ['decision']);

    const res = await s.request('POST', api('/threads'), editor, { target: { kind: 'kpi', id: kpiId }, body: 'Is this\nright?', mentions: [owner.id] });
    expect(res.status).toBe(201);
    await waitFor(() => receiver.received.length >= 3, { what: 'the mention, the failed comment and its retry', timeoutMs: 15_000 });
    await waitFor(async () => (await s.request('GET', api('/webhooks'), owner)).body.webhooks.find((h: { id: string }) => h.id === hook.id).lastDelivery?.status === 200, 'last delivery 200');

    for (const r of receiver.received) {
      expect(verified(hook.secret, r.body, r.headers['x-troika-signature']), 'signature').toBe(true);
      expect(verified('whsec_wrong', r.body, r.headers['x-troika-signature'])).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const comments = receiver.received.filter((r) => JSON.parse(r.body).event === 'comment');
    expect(comments).toHaveLength(2);
    // The retry is the same event, byte for byte (receivers drop repeats by id).
    expect(comments[1]!.body).toBe(comments[0]!.body);
    const payload = JSON.parse(comments[0]!.body);
    expect(Object.keys(payload).sort()).toEqual(['at', 'data', 'event', 'id', 'text', 'workspaceId']);
    expect(payload).toMatchObject({ event: 'comment', workspaceId: ws, data: { threadId: res.body.id, commentId: res.body.commentId, body: 'Is this\nright?' } });
    expect(payload.text).toMatch(/^Person \d+ commented on KPI ".+": "Is this right\?"$/);
    const mention = JSON.parse(receiver.received.find((r) => JSON.parse(r.body).event === 'mention')!.body);
    expect(mention.text).toMatch(/mentioned Olga Owner on KPI/);
    expect(mention.data.recipients).toEqual([owner.id]);
    // Only what it asked for.
    expect(other.received).toEqual([]);
    await Promise.all([receiver.close(), other.close()]);
  });

  it('tells webhooks of decisions and KPI values noticed in the documents', async () => {
    const receiver = await startReceiver();
    await register(owner, receiver.url, ['decision', 'kpi-value', 'kpi-status']);
    const meetings = s.client(owner, ws, 'meetings');
    await meetings.synced();
    const meetingId = createMeeting(meetings.doc, { title: 'Weekly', date: '2026-12-10' });
    await waitFor(async () => await s.running.sync.read({ workspaceId: ws, doc: 'meetings' }, (d) => d.getMap('meetings').has(meetingId)), 'meeting stored');
    await s.running.conversations.watcher.runNow();
    addDecision(meetings.doc, meetingId, { text: 'Ship the new checkout', itemId: null }, { id: owner.id });
    await s.request('POST', api(`/kpis/${kpiId}/values`), editor, { at: '2026-11-01', value: 2 });
    await waitFor(() => ['decision', 'kpi-value'].every((e) => receiver.received.some((r) => JSON.parse(r.body).event === e)), { what: 'decision and kpi-value', timeoutMs: 15_000 });
    const byEvent = (e: string) => JSON.parse(receiver.received.find((r) => JSON.parse(r.body).event === e)!.body);
    expect(byEvent('decision').text).toBe('Decision in meeting "Weekly": "Ship the new checkout"');
    expect(byEvent('kpi-value')).toMatchObject({ data: { kpiId, at: '2026-11-01', value: 2 } });
    await receiver.close();
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS and keeps the last status', async () => {
    const receiver = await startReceiver(() => 503);
    const hook = (await register(owner, receiver.url, ['comment'])).body;
    await s.request('POST', api('/threads'), owner, { target: { kind: 'kpi', id: kpiId }, body: 'x' });
    // 8 tries 200 ms apart growing (1, 3, 6, 12, 30, 60, 120 units): about 46 s; the test sees the first ones only.
    await waitFor(() => receiver.received.length >= 3, { what: 'three tries', timeoutMs: 20_000 });
    const gaps = receiver.received.slice(1, 3).map((r, i) => r.at - receiver.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    const last = (await s.request('GET', api('/webhooks'), owner)).body.webhooks.find((h: { id: string }) => h.id === hook.id).lastDelivery;
    expect(last).toMatchObject({ status: 503, delivered: false });
    await receiver.close();
  });
});

describe('webhooks: a server killed mid-delivery', () => {
  let child: ChildServer;
  let dataDir: string;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'troika-webhook-kill-'));
    child = new ChildServer(await freePort(), dataDir, { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_MS: '200' });
    await child.start();
  }, 240_000);
  afterAll(async () => {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers after a restart what it was sending when killed with SIGKILL', async () => {
    // The first request is held open; the server is killed while waiting for it.
    const receiver = await startReceiver((n) => (n === 0 ? 'hang' : 200));
    const signup = await httpRequest(child.url, 'POST', '/api/auth/signup', {}, { email: `kill-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Kim' });
    const owner = { session: sessionFrom(signup)! };
    const ws = (await httpRequest(child.url, 'POST', '/api/workspaces', owner, { name: 'Acme', starter: true })).body.id;
    const kpiId = (await httpRequest(child.url, 'GET', `/api/workspaces/${ws}/kpis`, owner)).body.kpis[0].id;
    const hook = (await httpRequest(child.url, 'POST', `/api/workspaces/${ws}/webhooks`, owner, { url: receiver.url, events: ['comment'] })).body;
    const posted = await httpRequest(child.url, 'POST', `/api/workspaces/${ws}/threads`, owner, { target: { kind: 'kpi', id: kpiId }, body: 'deliver me' });
    expect(posted.status).toBe(201);
    await waitFor(() => receiver.received.length === 1, 'the delivery under way');
    expect((await child.kill('SIGKILL')).signal).toBe('SIGKILL');

    await child.start();
    await waitFor(() => receiver.received.length >= 2, { what: 'the delivery after the restart', timeoutMs: 60_000 });
    const [first, second] = receiver.received;
    expect(second!.body).toBe(first!.body);
    expect(verified(hook.secret, second!.body, second!.headers['x-troika-signature'])).toBe(true);
    expect(JSON.parse(second!.body).data.threadId).toBe(posted.body.id);
    await waitFor(async () => (await httpRequest(child.url, 'GET', `/api/workspaces/${ws}/webhooks`, owner)).body.webhooks[0].lastDelivery?.delivered === true, 'marked delivered');
    await receiver.close();
  }, 180_000);
});
