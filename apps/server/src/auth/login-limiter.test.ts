import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionFrom, type TestApp, type TestUser } from '../test/harness';

// Small limits so that a few requests reach them. Every test uses its own addresses and accounts,
// because the limiter's counters live as long as the app.
let t: TestApp;
let victim: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '5', LOGIN_WINDOW_SECONDS: '600' } });
  victim = await t.signUp();
  other = await t.signUp();
});
afterAll(() => t.close());

const login = (email: string, password: string, ip: string) => t.client({ ip }).post('/api/auth/login', { email, password });

function expectRateLimited(res: Awaited<ReturnType<typeof login>>) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  expect(sessionFrom(res)).toBeNull();
}

describe('login rate limiting', () => {
  it('locks an account after 3 failures, from any address and even with the right password', async () => {
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect((await login(victim.email, 'wrong password', ip)).status).toBe(401);
    }
    expectRateLimited(await login(victim.email, victim.password, '10.0.0.4'));
    expectRateLimited(await login(victim.email.toUpperCase(), victim.password, '10.0.0.5'));
    // Another account is not affected.
    expect((await login(other.email, other.password, '10.0.0.4')).status).toBe(200);
  });

  it('counts failures per account and clears them on success', async () => {
    const user = await t.signUp();
    expect((await login(user.email, 'wrong password', '10.1.0.1')).status).toBe(401);
    expect((await login(user.email, 'wrong password', '10.1.0.2')).status).toBe(401);
    expect((await login(user.email, user.password, '10.1.0.3')).status).toBe(200);
    // Three more failures are allowed again before the lock.
    for (const ip of ['10.1.0.4', '10.1.0.5', '10.1.0.6']) expect((await login(user.email, 'wrong password', ip)).status).toBe(401);
    expectRateLimited(await login(user.email, user.password, '10.1.0.7'));
  });

  it('locks unknown emails too, so the limit reveals nothing about which accounts exist', async () => {
    for (const ip of ['10.2.0.1', '10.2.0.2', '10.2.0.3']) {
      expect((await login('ghost@example.com', 'wrong password', ip)).status).toBe(401);
    }
    expectRateLimited(await login('ghost@example.com', 'wrong password', '10.2.0.4'));
  });

  it('limits one address to 5 attempts across accounts; other addresses are unaffected', async () => {
    const ip = '192.0.2.7';
    for (let i = 0; i < 5; i++) {
      expect((await login(`spray${i}@example.com`, 'wrong password', ip)).status).toBe(401);
    }
    expectRateLimited(await login(other.email, other.password, ip));
    expect((await login(other.email, other.password, '192.0.2.8')).status).toBe(200);
  });

  it('does not count other API calls against the login limit', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 6; i++) expect((await t.client({ ip }).get('/api/me')).status).toBe(401);
    expect((await login(other.email, other.password, ip)).status).toBe(200);
  });
});
