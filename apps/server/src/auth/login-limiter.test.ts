import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResponse, sessionFrom, type ApiResponse } from '../test/harness';
import { startSyncServer, type Person, type SyncServer } from '../test/sync-harness';

// Over real HTTP, behind a trusted proxy: the address the limiter counts is the X-Forwarded-For entry
// the proxy appended, so one test can speak from many addresses. Small limits so that a few requests
// reach them; every test uses its own addresses and accounts, since counters live as long as the server.
let s: SyncServer;
let victim: Person;
let other: Person;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  s = await startSyncServer({
    env: { TRUST_PROXY: 'true', LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '5', LOGIN_WINDOW_SECONDS: '600', SIGNUP_MAX_PER_IP: '3', SIGNUP_WINDOW_SECONDS: '600' },
  });
  // The harness signs up from 127.0.0.1 (no X-Forwarded-For); the limit of 3 is per address.
  victim = await s.signUp('Vera Victim');
  other = await s.signUp('Otto Other');
});
afterAll(() => s.stop());

async function post(path: string, body: unknown, ip: string): Promise<ApiResponse> {
  const response = await fetch(`${s.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.0.1, ${ip}` },
    body: JSON.stringify(body),
  });
  return readResponse(response);
}
const login = (email: string, password: string, ip: string) => post('/api/auth/login', { email, password }, ip);

function expectRateLimited(res: ApiResponse) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  expect(sessionFrom(res)).toBeNull();
}

describe('login rate limiting', () => {
  it('locks the account at the guessing address only: the owner signs in from elsewhere', async () => {
    for (let i = 0; i < 3; i++) expect((await login(victim.email, 'wrong password', '203.0.113.9')).status).toBe(401);
    expectRateLimited(await login(victim.email, PASSWORD, '203.0.113.9'));
    expectRateLimited(await login(victim.email.toUpperCase(), PASSWORD, '203.0.113.9'));
    // Before, ten failures from anywhere locked the owner out everywhere.
    expect((await login(victim.email, PASSWORD, '198.51.100.20')).status).toBe(200);
    expect((await login(other.email, PASSWORD, '203.0.113.10')).status).toBe(200);
  });

  it('counts failures per account and address, and clears them on success', async () => {
    const ip = '10.1.0.1';
    expect((await login(other.email, 'wrong password', ip)).status).toBe(401);
    expect((await login(other.email, 'wrong password', ip)).status).toBe(401);
    expect((await login(other.email, PASSWORD, ip)).status).toBe(200);
    // Three more failures are allowed again before the lock (the address's own limit is 5 attempts).
    const fresh = '10.1.0.2';
    for (let i = 0; i < 3; i++) expect((await login(other.email, 'wrong password', fresh)).status).toBe(401);
    expectRateLimited(await login(other.email, PASSWORD, fresh));
  });

  it('locks unknown emails too, so the limit reveals nothing about which accounts exist', async () => {
    for (let i = 0; i < 3; i++) expect((await login('ghost@example.com', 'wrong password', '10.2.0.1')).status).toBe(401);
    expectRateLimited(await login('ghost@example.com', 'wrong password', '10.2.0.1'));
  });

  it('still limits one address to 5 attempts across accounts; other addresses are unaffected', async () => {
    const ip = '192.0.2.7';
    for (let i = 0; i < 5; i++) expect((await login(`spray${i}@example.com`, 'wrong password', ip)).status).toBe(401);
    expectRateLimited(await login(other.email, PASSWORD, ip));
    expect((await login(other.email, PASSWORD, '192.0.2.8')).status).toBe(200);
  });

  it('does not count other API calls against the login limit', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${s.httpUrl}/api/me`, { headers: { 'x-forwarded-for': ip } });
      expect(res.status).toBe(401);
    }
    expect((await login(other.email, PASSWORD, ip)).status).toBe(200);
  });
});

describe('sign-up rate limiting', () => {
  it('limits sign-ups per address (3 here), answering 429 with Retry-After; other addresses still sign up', async () => {
    const signUp = (n: number, ip: string) => post('/api/auth/signup', { email: `mass${n}-${Date.now()}@example.com`, password: PASSWORD, name: `Mass ${n}` }, ip);
    for (let i = 0; i < 3; i++) expect((await signUp(i, '203.0.113.50')).status).toBe(201);
    expectRateLimited(await signUp(3, '203.0.113.50'));
    expect((await signUp(4, '203.0.113.51')).status).toBe(201);
  });
});
