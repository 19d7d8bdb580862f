import { apiTokens, invites, memberships, workspaces } from '@troika/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../auth/tokens';
import { createTestApp, type TestApp, type TestUser } from '../test/harness';

let t: TestApp;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  [owner, editor, viewer] = await Promise.all([t.signUp({ name: 'Owner' }), t.signUp(), t.signUp()]);
});
afterAll(() => t.close());

async function workspace(name = 'Tokens') {
  const ws = await t.createWorkspace(owner, name);
  await t.addMember(owner, ws.id, 'editor', 'cmo', editor);
  await t.addMember(owner, ws.id, 'viewer', 'it', viewer);
  return ws.id;
}

const tokenRows = (workspaceId: string) => t.database.db.select().from(apiTokens).where(eq(apiTokens.workspaceId, workspaceId));

describe('POST /api/workspaces/:id/tokens', () => {
  it('answers an owner 201 with a trk_ token that is stored only as its SHA-256', async () => {
    const id = await workspace();
    const res = await owner.post(`/api/workspaces/${id}/tokens`, { name: 'BI export', role: 'viewer' });
    expect(res.status).toBe(201);
    const token = expect.stringMatching(/^trk_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toEqual({ id: expect.any(String), name: 'BI export', role: 'viewer', token });
    const [row] = await tokenRows(id);
    expect(row).toMatchObject({ id: res.body.id, role: 'viewer', tokenHash: hashSecret(res.body.token) });
    expect(JSON.stringify(await t.database.db.execute(sql`select * from api_tokens`))).not.toContain(res.body.token);
    // The listing never shows the secret again.
    const list = await owner.get(`/api/workspaces/${id}/tokens`);
    expect(list.body.tokens).toEqual([
      { id: res.body.id, name: 'BI export', role: 'viewer', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect(list.text).not.toContain(res.body.token);
  });

  it('refuses editors and viewers with 403 and a role other than editor or viewer with 400', async () => {
    const id = await workspace();
    for (const caller of [editor, viewer]) {
      const res = await caller.post(`/api/workspaces/${id}/tokens`, { name: 'mine', role: 'editor' });
      expect(res.status).toBe(403);
    }
    const ownerRole = await owner.post(`/api/workspaces/${id}/tokens`, { name: 'root', role: 'owner' });
    expect(ownerRole.status).toBe(400);
    expect(ownerRole.body.error).toMatchObject({ code: 'invalid_field', field: 'role' });
    expect(await tokenRows(id)).toEqual([]);
  });
});

describe('Authorization: Bearer', () => {
  it('reads its own workspace', async () => {
    const id = await workspace();
    const token = await t.createToken(owner, id, 'viewer');
    const res = await token.get(`/api/workspaces/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'Tokens', role: 'viewer' });
    expect(res.body.members).toHaveLength(3);
    // The owner can see that the token is in use (recorded in the background).
    await vi.waitFor(async () => {
      const list = await owner.get(`/api/workspaces/${id}/tokens`);
      expect(list.body.tokens[0].lastUsedAt).not.toBeNull();
    });
  });

  it('is scoped to its workspace: another one, even of the same owner, answers 404', async () => {
    const id = await workspace();
    const other = await t.createWorkspace(owner, 'Other');
    const token = await t.createToken(owner, id, 'editor');
    const res = await token.get(`/api/workspaces/${other.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('never manages: an editor token gets 403 for invites, members and tokens; a viewer token 403 for any write', async () => {
    const id = await workspace();
    const before = await t.database.db.select().from(memberships).where(eq(memberships.workspaceId, id));
    for (const role of ['editor', 'viewer'] as const) {
      const token = await t.createToken(owner, id, role);
      const attempts = [
        await token.post(`/api/workspaces/${id}/invites`, { role: 'owner', seat: 'cio' }),
        await token.post(`/api/workspaces/${id}/tokens`, { name: 'escalate', role: 'editor' }),
        await token.patch(`/api/workspaces/${id}/members/${viewer.id}`, { role: 'owner' }),
        await token.delete(`/api/workspaces/${id}/members/${editor.id}`),
        await token.delete(`/api/workspaces/${id}/tokens/${token.tokenId}`),
      ];
      for (const res of attempts) expect(res.status).toBe(403);
    }
    expect(await t.database.db.select().from(memberships).where(eq(memberships.workspaceId, id))).toEqual(before);
    expect((await tokenRows(id)).map((r) => r.name).sort()).toEqual(['editor integration', 'viewer integration']);
    expect((await t.database.db.select().from(invites).where(eq(invites.workspaceId, id))).filter((i) => !i.acceptedBy)).toEqual([]);
  });

  it('is not a person: /api/me, creating a workspace and accepting invites answer 401', async () => {
    const id = await workspace();
    const token = await t.createToken(owner, id, 'editor');
    const me = await token.get('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
    const before = (await t.database.db.select().from(workspaces)).length;
    expect((await token.post('/api/workspaces', { name: 'By token' })).status).toBe(401);
    expect((await t.database.db.select().from(workspaces)).length).toBe(before);
  });

  it('stops working once revoked: 404 on its workspace, 401 on /api/me', async () => {
    const id = await workspace();
    const token = await t.createToken(owner, id, 'editor');
    expect((await token.get(`/api/workspaces/${id}`)).status).toBe(200);
    expect((await owner.delete(`/api/workspaces/${id}/tokens/${token.tokenId}`)).status).toBe(204);
    expect(await tokenRows(id)).toEqual([]);
    expect((await token.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await token.get('/api/me')).status).toBe(401);
  });

  it('answers an unknown token 404 without falling back to a valid cookie sent alongside', async () => {
    const id = await workspace();
    const forged = t.client({ token: 'trk_forged', session: owner.session });
    expect((await forged.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await forged.get('/api/me')).status).toBe(401);
  });

  it('refuses revoking a token of another workspace with 404', async () => {
    const id = await workspace();
    const other = await t.createWorkspace(owner, 'Other');
    const token = await t.createToken(owner, other.id, 'viewer');
    expect((await owner.delete(`/api/workspaces/${id}/tokens/${token.tokenId}`)).status).toBe(404);
    expect((await token.get(`/api/workspaces/${other.id}`)).status).toBe(200);
  });
});
