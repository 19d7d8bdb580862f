import { users } from '@troika/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test/harness';

const signup = (email: string) => ({ email, name: 'Origin Test', password: 'long enough' });

let t: TestApp;
let ada: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signUp();
});
afterAll(() => t.close());

const userExists = async (email: string) =>
  (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email))).length > 0;

describe('Origin check without ORIGIN', () => {
  it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])(
    'refuses a POST from %s with 403 forbidden_origin and changes nothing',
    async (origin) => {
      const res = await t.client().post('/api/auth/signup', signup('csrf@example.com'), { origin });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden_origin');
      expect(await userExists('csrf@example.com')).toBe(false);
    },
  );

  it("refuses a foreign page's POST even with the victim's cookie", async () => {
    const res = await ada.post('/api/workspaces', { name: 'Planted' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden_origin');
    expect((await ada.get('/api/me')).body.workspaces).toEqual([]);
  });

  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'accepts a POST from the loopback origin %s',
    async (origin) => {
      const res = await ada.post('/api/workspaces', { name: `From ${origin}` }, { origin });
      expect(res.status).toBe(201);
    },
  );

  it('accepts requests without an Origin header (programs) and reads with a foreign Origin', async () => {
    expect((await ada.post('/api/workspaces', { name: 'No origin' })).status).toBe(201);
    expect((await ada.get('/api/me', { origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('Origin check with ORIGIN set', () => {
  let pinned: TestApp;
  beforeAll(async () => {
    pinned = await createTestApp({ env: { ORIGIN: 'https://troika.example.com' }, database: t.database });
  });
  afterAll(() => pinned.close());

  it('accepts exactly the configured origin', async () => {
    const res = await pinned.client().post('/api/auth/signup', signup('pinned@example.com'), { origin: 'https://troika.example.com' });
    expect(res.status).toBe(201);
  });

  it.each(['http://localhost:3000', 'http://troika.example.com', 'https://troika.example.com:8443', 'https://evil.example'])(
    'refuses %s with 403 forbidden_origin',
    async (origin) => {
      const res = await pinned.client().post('/api/auth/signup', signup('other-origin@example.com'), { origin });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden_origin');
      expect(await userExists('other-origin@example.com')).toBe(false);
    },
  );
});
