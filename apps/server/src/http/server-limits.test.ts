import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../test/sync-harness';

/** Opens a TCP connection, sends `data`, and resolves with what came back and when the server closed it. */
function trickle(port: number, data: string): Promise<{ reply: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('close', () => resolve({ reply, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
    // Never longer than Node's old default of 60 s, so a failing run ends.
    setTimeout(() => socket.destroy(), 65_000).unref();
  });
}

describe('slow requests', () => {
  let s: SyncServer;
  beforeAll(async () => {
    s = await startSyncServer({ env: { HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' } });
  });
  afterAll(() => s.stop());

  it('cuts off a client whose headers never end after HTTP_HEADERS_TIMEOUT_MS (Node held it about 60 s)', async () => {
    const { reply, closedAfterMs } = await trickle(s.running.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    // The timeout is checked once a second: 1 s, plus up to 1 s, plus a loaded machine's slack.
    expect(closedAfterMs).toBeLessThan(10_000);
  }, 70_000);

  it('cuts off a body that never completes after HTTP_REQUEST_TIMEOUT_MS', async () => {
    const head = 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":';
    const { reply, closedAfterMs } = await trickle(s.running.port, head);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(12_000);
  }, 70_000);
});

describe('/metrics', () => {
  const token = 'scrape-me-0123456789abcdef';
  let open: SyncServer;
  let guarded: SyncServer;
  beforeAll(async () => {
    [open, guarded] = await Promise.all([startSyncServer(), startSyncServer({ env: { METRICS_TOKEN: token } })]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), guarded?.stop()]);
  });

  it('is open when METRICS_TOKEN is unset', async () => {
    const res = await fetch(`${open.httpUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE');
  });

  it('wants the token as a Bearer when METRICS_TOKEN is set', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`, `Bearer ${token}x`]) {
      const res = await fetch(`${guarded.httpUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    const ok = await fetch(`${guarded.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE');
    // Health stays open to load balancers.
    expect((await fetch(`${guarded.httpUrl}/healthz`)).status).toBe(200);
  });
});
