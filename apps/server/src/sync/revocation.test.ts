import { CLOSE_CODES } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccepted, startSyncServer, type Person, type SyncServer } from '../test/sync-harness';

describe('sockets of ended sessions and revoked tokens', () => {
  let s: SyncServer;
  let owner: Person;
  let workspaceId: string;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    workspaceId = await s.createWorkspace(owner);
  });
  afterAll(() => s.stop());

  it('closes the sockets of a session when its person signs out, and only those', async () => {
    const other = await s.signUp('Other Session');
    const accepted = await s.request('POST', `/api/workspaces/${workspaceId}/invites`, owner, { role: 'editor', seat: 'cmo' });
    await s.request('POST', `/api/invites/${accepted.body.token}/accept`, other);
    const mine = await openAccepted(s.syncUrl, `${workspaceId}/board`, other);
    const owners = await openAccepted(s.syncUrl, `${workspaceId}/board`, owner);
    const out = await s.request('POST', '/api/auth/logout', other);
    expect(out.status).toBe(204);
    expect((await mine.closed).code).toBe(CLOSE_CODES.unauthorized);
    // The owner's socket stays open.
    expect(owners.ws.readyState).toBe(owners.ws.OPEN);
    owners.ws.close();
  });

  it('closes the sockets of an API token when it is revoked', async () => {
    const created = await s.request('POST', `/api/workspaces/${workspaceId}/tokens`, owner, { name: 'bot', role: 'editor' });
    const socket = await openAccepted(s.syncUrl, `${workspaceId}/board`, { token: created.body.token });
    const revoked = await s.request('DELETE', `/api/workspaces/${workspaceId}/tokens/${created.body.id}`, owner);
    expect(revoked.status).toBe(204);
    expect((await socket.closed).code).toBe(CLOSE_CODES.unauthorized);
  });
});
