import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

function appWith(trustProxy: boolean) {
  const app = new Hono();
  app.get('/', (c) => c.text(clientIp(c, trustProxy)));
  return app;
}

describe('clientIp', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const res = await appWith(false).request('/', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await res.text()).toBe('local');
  });
  it('takes the entry our proxy appended, not what the client claimed before it', async () => {
    const res = await appWith(true).request('/', { headers: { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' } });
    expect(await res.text()).toBe('203.0.113.9');
  });
});
