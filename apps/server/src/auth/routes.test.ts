import { sessions, users } from '@troika/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieHeader, sessionFrom, type TestApp, type TestUser } from '../test/harness';
import { hashSecret } from './tokens';

let t: TestApp;
let ada: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signUp({ email: 'ada@example.com', name: 'Ada Lovelace', password: 'analytical engine' });
});
afterAll(() => t.close());

const countUsers = async () => (await t.database.db.select({ id: users.id }).from(users)).length;

describe('POST /api/auth/signup', () => {
  it('answers 201 with the user and an HttpOnly, SameSite=Lax session cookie without Secure on http', async () => {
    const res = await t.client().post('/api/auth/signup', { email: ' Grace@Example.com ', name: 'Grace', password: 'cobol-rules!' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'grace@example.com', name: 'Grace' });
    const cookie = sessionCookieHeader(res)!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Secure/i);
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('marks the cookie Secure when ORIGIN is https', async () => {
    const secure = await createTestApp({ env: { ORIGIN: 'https://troika.example.com' }, database: t.database });
    try {
      const res = await secure.client().post('/api/auth/signup', { email: 'sec@example.com', name: 'S', password: 'long enough' });
      expect(res.status).toBe(201);
      expect(sessionCookieHeader(res)).toMatch(/; Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('refuses an email that exists in any letter case with 409 email_taken and keeps the first account', async () => {
    const before = await countUsers();
    const res = await t.client().post('/api/auth/signup', { email: 'ADA@example.COM', name: 'Impostor', password: 'another password' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
    expect(sessionFrom(res)).toBeNull();
    expect(await countUsers()).toBe(before);
    const login = await t.client().post('/api/auth/login', { email: 'ada@example.com', password: 'analytical engine' });
    expect(login.status).toBe(200);
    expect(login.body.user.name).toBe('Ada Lovelace');
  });

  it('lets exactly one of two simultaneous sign-ups with one email through', async () => {
    const body = { email: 'twin@example.com', name: 'Twin', password: 'long enough' };
    const results = await Promise.all([
      t.client().post('/api/auth/signup', body),
      t.client().post('/api/auth/signup', { ...body, email: 'TWIN@example.com' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('email_taken');
    expect(await t.database.db.select().from(users).where(eq(users.email, 'twin@example.com'))).toHaveLength(1);
    expect(t.errorLogs()).toEqual([]);
  });

  it.each([
    ['too short', 'seven77'],
    ['too long', 'x'.repeat(257)],
  ])('refuses a %s password with 400 naming the field, creating nobody', async (_, password) => {
    const before = await countUsers();
    const res = await t.client().post('/api/auth/signup', { email: 'short@example.com', name: 'S', password });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'password' });
    expect(await countUsers()).toBe(before);
  });

  it('accepts a password of exactly 256 characters, untrimmed', async () => {
    const password = ` ${'p'.repeat(254)} `;
    const res = await t.client().post('/api/auth/signup', { email: 'long@example.com', name: 'L', password });
    expect(res.status).toBe(201);
    expect((await t.client().post('/api/auth/login', { email: 'long@example.com', password })).status).toBe(200);
    expect((await t.client().post('/api/auth/login', { email: 'long@example.com', password: password.trim() })).status).toBe(401);
  });

  it('refuses a malformed email and a missing name with 400 naming the field', async () => {
    const bad = await t.client().post('/api/auth/signup', { email: 'not-an-email', name: 'N', password: 'long enough' });
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'email' });
    const noName = await t.client().post('/api/auth/signup', { email: 'noname@example.com', password: 'long enough' });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ code: 'invalid_field', field: 'name' });
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the right password (any letter case of the email) and sets a new session cookie', async () => {
    const res = await t.client().post('/api/auth/login', { email: 'Ada@Example.com', password: 'analytical engine' });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: ada.id, email: 'ada@example.com', name: 'Ada Lovelace' });
    const session = sessionFrom(res)!;
    expect(session).toBeTruthy();
    expect(session).not.toBe(ada.session);
    const me = await t.client({ session }).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(ada.id);
  });

  it('answers a wrong password and an unknown email with the same 401 body and no cookie', async () => {
    const wrong = await t.client().post('/api/auth/login', { email: 'ada@example.com', password: 'difference engine' });
    const unknown = await t.client().post('/api/auth/login', { email: 'nobody@example.com', password: 'difference engine' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(unknown.text).toBe(wrong.text);
    expect(sessionFrom(wrong)).toBeNull();
    expect(sessionFrom(unknown)).toBeNull();
  });
});

describe('sessions', () => {
  it('keeps only the SHA-256 of the cookie token in the sessions table', async () => {
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, ada.id));
    expect(rows.map((r) => r.id)).toContain(hashSecret(ada.session));
    const dump = JSON.stringify(await t.database.db.execute(sql`select * from sessions`));
    expect(dump).not.toContain(ada.session);
  });

  it('answers a forged cookie with 401', async () => {
    const forged = 'A'.repeat(43);
    const res = await t.client({ session: forged }).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    // Presenting the stored hash as the cookie must not work either: the hash is not the token.
    expect((await t.client({ session: hashSecret(ada.session) }).get('/api/me')).status).toBe(401);
  });

  it('answers an expired session with 401', async () => {
    const user = await t.signUp();
    expect((await user.get('/api/me')).status).toBe(200);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, hashSecret(user.session)));
    const res = await user.get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('extends a session past half its life and sends the browser the new expiry', async () => {
    const user = await t.signUp();
    const id = hashSecret(user.session);
    const soon = new Date(Date.now() + 24 * 3600 * 1000);
    await t.database.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id));
    const res = await user.get('/api/me');
    expect(res.status).toBe(200);
    // Same token, later expiry: the browser keeps its cookie, the server its hash.
    expect(sessionFrom(res)).toBe(user.session);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    // A session in the first half of its life is not rewritten.
    expect(sessionFrom(await user.get('/api/me'))).toBeNull();
  });

  it('keeps the cookie session when a proxy adds Basic credentials, but never falls back from a bad Bearer', async () => {
    const basic = await ada.get('/api/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(200);
    expect(basic.body.user.id).toBe(ada.id);
    for (const authorization of ['Bearer', 'Bearer ', 'Bearer trk_unknown', 'bearer two words']) {
      expect((await ada.get('/api/me', { headers: { authorization } })).status, authorization).toBe(401);
    }
  });

  it('logout answers 204, clears the cookie and deletes the session server-side', async () => {
    const user = await t.signUp();
    const res = await user.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(sessionCookieHeader(res)).toMatch(/Max-Age=0/i);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.id, hashSecret(user.session)));
    expect(rows).toEqual([]);
    // A copy of the old cookie (kept by an attacker or another tab) opens nothing.
    const me = await user.get('/api/me');
    expect(me.status).toBe(401);
  });

  it('logout without a session answers 204 too', async () => {
    expect((await t.client().post('/api/auth/logout')).status).toBe(204);
  });
});

describe('GET /api/me', () => {
  it('answers 401 without a session', async () => {
    const res = await t.client().get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it("lists the caller's workspaces with role and seat, and only theirs", async () => {
    const grace = await t.signUp();
    const board = await t.createWorkspace(ada, 'Board', 'cmo');
    await t.createWorkspace(grace, 'Not Ada');
    const invited = await t.createWorkspace(grace, 'Alpha');
    await t.addMember(grace, invited.id, 'editor', 'business', ada);
    const res = await ada.get('/api/me');
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: ada.id, email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(res.body.workspaces).toEqual([
      { id: invited.id, name: 'Alpha', role: 'editor', seat: 'business' },
      { id: board.id, name: 'Board', role: 'owner', seat: 'cmo' },
    ]);
  });
});

describe('GET /api/session', () => {
  it('answers 200 with no user when signed out (the screens probe it without a 401 in the console)', async () => {
    const res = await t.client().get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: null, workspaces: [] });
  });

  it('answers what GET /api/me answers when signed in, and no user for a forged session', async () => {
    const me = await ada.get('/api/me');
    const res = await ada.get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(me.body);
    const forged = await t.client({ session: 'not-a-session' }).get('/api/session');
    expect(forged.body).toEqual({ user: null, workspaces: [] });
  });
});
