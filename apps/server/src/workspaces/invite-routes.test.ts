import { invites, memberships } from '@troika/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/tokens';
import { createTestApp, type TestApp, type TestUser } from '../test/harness';

// People signed up once (argon2 is slow); each test makes its own workspace and invites.
let t: TestApp;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let joiner: TestUser;
let second: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { ORIGIN: 'https://troika.example.com' } });
  [owner, editor, viewer, joiner, second] = await Promise.all([t.signUp(), t.signUp(), t.signUp(), t.signUp(), t.signUp()]);
});
afterAll(() => t.close());

async function workspace() {
  const ws = await t.createWorkspace(owner, 'Invites');
  await t.addMember(owner, ws.id, 'editor', 'cmo', editor);
  await t.addMember(owner, ws.id, 'viewer', 'it', viewer);
  return ws.id;
}

async function invite(workspaceId: string, role = 'editor', seat = 'business'): Promise<string> {
  const res = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role, seat });
  expect(res.status).toBe(201);
  return res.body.token;
}

async function membership(workspaceId: string, userId: string) {
  const [row] = await t.database.db
    .select({ role: memberships.role, seat: memberships.seat })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

describe('POST /api/workspaces/:id/invites', () => {
  it('answers an owner 201 with a token, a link on the public origin and an expiry; stores only the hash', async () => {
    const id = await workspace();
    const res = await owner.post(`/api/workspaces/${id}/invites`, { role: 'viewer', seat: 'marketing' });
    expect(res.status).toBe(201);
    const { token, url, expiresAt } = res.body;
    expect(url).toBe(`https://troika.example.com/invite/${token}`);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    const [row] = await t.database.db.select().from(invites).where(eq(invites.tokenHash, hashSecret(token)));
    expect(row).toMatchObject({ workspaceId: id, role: 'viewer', seat: 'marketing', acceptedBy: null });
    expect(JSON.stringify(await t.database.db.execute(sql`select * from invites`))).not.toContain(token);
  });

  it('refuses editors, viewers and API tokens with 403, creating no invite', async () => {
    const id = await workspace();
    const token = await t.createToken(owner, id, 'editor');
    for (const caller of [editor, viewer, token]) {
      const res = await caller.post(`/api/workspaces/${id}/invites`, { role: 'owner', seat: 'cio' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // Only the two invites that brought the editor and the viewer in exist, both used.
    const rows = await t.database.db.select().from(invites).where(eq(invites.workspaceId, id));
    expect(rows.map((r) => r.acceptedBy).sort()).toEqual([editor.id, viewer.id].sort());
  });

  it('answers 400 naming a bad role or seat', async () => {
    const id = await workspace();
    const role = await owner.post(`/api/workspaces/${id}/invites`, { role: 'admin', seat: 'cio' });
    expect(role.body.error).toMatchObject({ code: 'invalid_field', field: 'role' });
    const seat = await owner.post(`/api/workspaces/${id}/invites`, { role: 'editor' });
    expect(seat.body.error).toMatchObject({ code: 'invalid_field', field: 'seat' });
  });

  it('answers a non-member 404, as if the workspace did not exist', async () => {
    const id = await workspace();
    expect((await joiner.post(`/api/workspaces/${id}/invites`, { role: 'owner', seat: 'cio' })).status).toBe(404);
  });
});

describe('GET /api/invites/:token', () => {
  it('tells anyone holding the link what they would join', async () => {
    const id = await workspace();
    const token = await invite(id, 'viewer', 'cmo');
    const res = await t.client().get(`/api/invites/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workspaceName: 'Invites', role: 'viewer', seat: 'cmo', expiresAt: expect.any(String) });
  });

  it('answers an unknown token with 404 invite_invalid', async () => {
    const res = await t.client().get('/api/invites/not-a-real-token');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('invite_invalid');
  });
});

describe('POST /api/invites/:token/accept', () => {
  it('joins the caller with the invite’s role and seat', async () => {
    const id = await workspace();
    const token = await invite(id, 'editor', 'business');
    const res = await joiner.post(`/api/invites/${token}/accept`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workspaceId: id });
    expect(await membership(id, joiner.id)).toEqual({ role: 'editor', seat: 'business' });
    expect((await joiner.get('/api/me')).body.workspaces).toContainEqual({ id, name: 'Invites', role: 'editor', seat: 'business' });
    expect((await joiner.get(`/api/workspaces/${id}`)).status).toBe(200);
  });

  it('answers a used invite with 404 invite_invalid and lets nobody else in', async () => {
    const id = await workspace();
    const token = await invite(id);
    expect((await joiner.post(`/api/invites/${token}/accept`)).status).toBe(200);
    const again = await second.post(`/api/invites/${token}/accept`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('invite_invalid');
    expect(await membership(id, second.id)).toBeNull();
    expect((await t.client().get(`/api/invites/${token}`)).status).toBe(404);
  });

  it('answers an expired invite with 404 invite_invalid and adds nobody', async () => {
    const id = await workspace();
    const token = await invite(id);
    await t.database.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.tokenHash, hashSecret(token)));
    const res = await joiner.post(`/api/invites/${token}/accept`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('invite_invalid');
    expect(await membership(id, joiner.id)).toBeNull();
  });

  it('keeps the role of someone already inside, and leaves the link for its intended person', async () => {
    const id = await workspace();
    const token = await invite(id, 'viewer', 'it');
    const res = await owner.post(`/api/invites/${token}/accept`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workspaceId: id });
    expect(await membership(id, owner.id)).toEqual({ role: 'owner', seat: 'cio' });
    expect((await joiner.post(`/api/invites/${token}/accept`)).status).toBe(200);
    expect(await membership(id, joiner.id)).toEqual({ role: 'viewer', seat: 'it' });
  });

  it('answers 401 without a session and leaves the invite open', async () => {
    const id = await workspace();
    const token = await invite(id);
    const res = await t.client().post(`/api/invites/${token}/accept`);
    expect(res.status).toBe(401);
    expect((await t.client().get(`/api/invites/${token}`)).status).toBe(200);
  });

  it('refuses an API token: invites are accepted by people', async () => {
    const id = await workspace();
    const other = await t.createWorkspace(owner, 'Other');
    const apiToken = await t.createToken(owner, other.id, 'editor');
    const token = await invite(id);
    expect((await apiToken.post(`/api/invites/${token}/accept`)).status).toBe(401);
    expect((await t.client().get(`/api/invites/${token}`)).status).toBe(200);
  });

  it('lets exactly one of two people racing for one link in', async () => {
    const id = await workspace();
    const token = await invite(id);
    const results = await Promise.all([joiner.post(`/api/invites/${token}/accept`), second.post(`/api/invites/${token}/accept`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const joined = [await membership(id, joiner.id), await membership(id, second.id)].filter(Boolean);
    expect(joined).toHaveLength(1);
  });
});
