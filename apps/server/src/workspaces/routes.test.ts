import { memberships, workspaces } from '@troika/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test/harness';

// Four people signed up once (argon2 is slow); every test builds its own workspace from them.
let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let cy: TestUser;
let dee: TestUser;
const membershipChanges: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp({ deps: { onMembershipChanged: (w, u) => void membershipChanges.push([w, u]) } });
  ada = await t.signUp({ name: 'Ada' });
  bob = await t.signUp({ name: 'Bob' });
  cy = await t.signUp({ name: 'Cy' });
  dee = await t.signUp({ name: 'Dee' });
});
afterAll(() => t.close());
beforeEach(() => {
  membershipChanges.length = 0;
});

/** A workspace owned by Ada with Bob as editor (cmo) and Cy as viewer (it). */
async function team() {
  const ws = await t.createWorkspace(ada, 'Team', 'cio');
  await t.addMember(ada, ws.id, 'editor', 'cmo', bob);
  await t.addMember(ada, ws.id, 'viewer', 'it', cy);
  return ws.id;
}

async function rolesOf(workspaceId: string) {
  const rows = await t.database.db.select().from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return Object.fromEntries(rows.map((r) => [r.userId, `${r.role}/${r.seat}`]));
}

describe('POST /api/workspaces', () => {
  it('answers 201 {id, name} and makes the caller its owner at the cio seat by default', async () => {
    const res = await ada.post('/api/workspaces', { name: '  Q3 Troika  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Q3 Troika' });
    const detail = await ada.get(`/api/workspaces/${res.body.id}`);
    expect(detail.body.members).toEqual([{ userId: ada.id, name: 'Ada', email: ada.email, role: 'owner', seat: 'cio' }]);
  });

  it('takes the creator’s seat', async () => {
    const res = await bob.post('/api/workspaces', { name: 'Marketing', seat: 'cmo' });
    expect((await rolesOf(res.body.id))[bob.id]).toBe('owner/cmo');
  });

  it('answers 401 without a session and 400 naming a bad field, creating nothing', async () => {
    const before = (await t.database.db.select().from(workspaces)).length;
    expect((await t.client().post('/api/workspaces', { name: 'Anon' })).status).toBe(401);
    const empty = await ada.post('/api/workspaces', { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'invalid_field', field: 'name' });
    const seat = await ada.post('/api/workspaces', { name: 'X', seat: 'ceo' });
    expect(seat.body.error).toMatchObject({ code: 'invalid_field', field: 'seat' });
    expect((await t.database.db.select().from(workspaces)).length).toBe(before);
  });
});

describe('GET /api/workspaces/:id', () => {
  it('lists the members with name, email, role and seat', async () => {
    const id = await team();
    const res = await cy.get(`/api/workspaces/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'Team' });
    expect(res.body.members).toEqual([
      { userId: ada.id, name: 'Ada', email: ada.email, role: 'owner', seat: 'cio' },
      { userId: bob.id, name: 'Bob', email: bob.email, role: 'editor', seat: 'cmo' },
      { userId: cy.id, name: 'Cy', email: cy.email, role: 'viewer', seat: 'it' },
    ]);
  });

  it('answers a non-member, an anonymous caller and an unknown id with the same 404', async () => {
    const id = await team();
    const outsider = await dee.get(`/api/workspaces/${id}`);
    const anonymous = await t.client().get(`/api/workspaces/${id}`);
    const unknown = await dee.get('/api/workspaces/doesnotexist123');
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('not_found');
    expect(anonymous.text).toBe(outsider.text);
    expect(unknown.text).toBe(outsider.text);
  });
});

describe('viewers', () => {
  it('get 403 for every write and change nothing', async () => {
    const id = await team();
    const before = await rolesOf(id);
    const attempts = [
      await cy.post(`/api/workspaces/${id}/invites`, { role: 'viewer', seat: 'it' }),
      await cy.post(`/api/workspaces/${id}/tokens`, { name: 'mine', role: 'viewer' }),
      await cy.patch(`/api/workspaces/${id}/members/${cy.id}`, { role: 'owner' }),
      await cy.delete(`/api/workspaces/${id}/members/${bob.id}`),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await rolesOf(id)).toEqual(before);
  });
});

describe('PATCH /api/workspaces/:id/members/:userId', () => {
  it('lets an owner change a member’s role and seat, and tells the sync engine', async () => {
    const id = await team();
    const res = await ada.patch(`/api/workspaces/${id}/members/${cy.id}`, { role: 'editor', seat: 'marketing' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: cy.id, role: 'editor', seat: 'marketing' });
    expect((await rolesOf(id))[cy.id]).toBe('editor/marketing');
    expect((await cy.get('/api/me')).body.workspaces).toContainEqual({ id, name: 'Team', role: 'editor', seat: 'marketing' });
    expect(membershipChanges).toEqual([[id, cy.id]]);
  });

  it('changes only the seat when only the seat is given', async () => {
    const id = await team();
    expect((await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { seat: 'business' })).status).toBe(200);
    expect((await rolesOf(id))[bob.id]).toBe('editor/business');
  });

  it('refuses editors and viewers with 403 and changes nothing', async () => {
    const id = await team();
    const before = await rolesOf(id);
    for (const [who, target] of [[bob, cy], [bob, bob], [cy, cy], [cy, ada]] as const) {
      const res = await who.patch(`/api/workspaces/${id}/members/${target.id}`, { role: 'owner' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await rolesOf(id)).toEqual(before);
    expect(membershipChanges).toEqual([]);
  });

  it('answers 400 naming the field for a bad role or an empty change, 404 for a non-member', async () => {
    const id = await team();
    const badRole = await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'admin' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error).toMatchObject({ code: 'invalid_field', field: 'role' });
    expect((await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, {})).status).toBe(400);
    const stranger = await ada.patch(`/api/workspaces/${id}/members/${dee.id}`, { role: 'viewer' });
    expect(stranger.status).toBe(404);
    expect((await ada.patch(`/api/workspaces/${id}/members/${dee.id}`, { seat: 'it' })).status).toBe(404);
    expect(await rolesOf(id)).not.toHaveProperty(dee.id);
  });

  it('refuses to demote the last owner with 409 last_owner', async () => {
    const id = await team();
    const res = await ada.patch(`/api/workspaces/${id}/members/${ada.id}`, { role: 'editor' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_owner');
    expect((await rolesOf(id))[ada.id]).toBe('owner/cio');
  });

  it('lets an owner step down once another owner exists', async () => {
    const id = await team();
    expect((await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'owner' })).status).toBe(200);
    expect((await ada.patch(`/api/workspaces/${id}/members/${ada.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await rolesOf(id))[ada.id]).toBe('viewer/cio');
    // Bob is now the only owner and cannot step down in turn.
    expect((await bob.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'editor' })).body.error.code).toBe('last_owner');
  });

  it('keeps an owner when two owners demote each other at the same moment', async () => {
    const id = await team();
    await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'owner' });
    const results = await Promise.all([
      ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'editor' }),
      bob.patch(`/api/workspaces/${id}/members/${ada.id}`, { role: 'editor' }),
    ]);
    // One wins; the other is refused, as the last owner (409) or, when it arrives after the first
    // committed, as someone who is no longer an owner (403).
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200)).toSatisfy(([s]: number[]) => s === 409 || s === 403);
    const owners = Object.values(await rolesOf(id)).filter((r) => r.startsWith('owner/'));
    expect(owners).toHaveLength(1);
  });
});

describe('DELETE /api/workspaces/:id/members/:userId', () => {
  it('lets an owner remove a member, who then no longer sees the workspace', async () => {
    const id = await team();
    const res = await ada.delete(`/api/workspaces/${id}/members/${bob.id}`);
    expect(res.status).toBe(204);
    expect(await rolesOf(id)).not.toHaveProperty(bob.id);
    expect((await bob.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await bob.get('/api/me')).body.workspaces.map((w: { id: string }) => w.id)).not.toContain(id);
    expect(membershipChanges).toEqual([[id, bob.id]]);
  });

  it('refuses an editor removing someone else with 403', async () => {
    const id = await team();
    const res = await bob.delete(`/api/workspaces/${id}/members/${cy.id}`);
    expect(res.status).toBe(403);
    expect(await rolesOf(id)).toHaveProperty(cy.id);
  });

  it('lets an editor and a viewer leave on their own', async () => {
    const id = await team();
    expect((await bob.delete(`/api/workspaces/${id}/members/${bob.id}`)).status).toBe(204);
    expect((await cy.delete(`/api/workspaces/${id}/members/${cy.id}`)).status).toBe(204);
    expect(Object.keys(await rolesOf(id))).toEqual([ada.id]);
  });

  it('refuses to remove the last owner with 409 last_owner', async () => {
    const id = await team();
    const res = await ada.delete(`/api/workspaces/${id}/members/${ada.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_owner');
    expect((await rolesOf(id))[ada.id]).toBe('owner/cio');
  });

  it('keeps an owner when two owners leave at the same moment', async () => {
    const id = await team();
    await ada.patch(`/api/workspaces/${id}/members/${bob.id}`, { role: 'owner' });
    const results = await Promise.all([
      ada.delete(`/api/workspaces/${id}/members/${ada.id}`),
      bob.delete(`/api/workspaces/${id}/members/${bob.id}`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    const owners = Object.values(await rolesOf(id)).filter((r) => r.startsWith('owner/'));
    expect(owners).toHaveLength(1);
  });

  it('answers 404 for someone who is not a member', async () => {
    const id = await team();
    expect((await ada.delete(`/api/workspaces/${id}/members/${dee.id}`)).status).toBe(404);
  });
});
