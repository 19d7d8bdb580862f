import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocketCaps } from './socket-caps';
import { openAccepted, openRaw, startSyncServer, waitFor, type RawSocket, type SyncServer } from '../test/sync-harness';

// One session or one machine cannot hold thousands of sync sockets (issue 11.6): past
// SYNC_MAX_SOCKETS_PER_MEMBER or SYNC_MAX_SOCKETS_PER_ADDRESS the upgrade is refused with 429.

describe('SocketCaps', () => {
  it('counts per member and per address, and gives a slot back once', () => {
    const caps = new SocketCaps({ perMember: 2, perAddress: 3 });
    const first = caps.take('u1', 'a');
    expect(first.ok).toBe(true);
    expect(caps.take('u1', 'a').ok).toBe(true);
    expect(caps.take('u1', 'b')).toEqual({ ok: false, cap: 'member' });
    expect(caps.take('u2', 'a').ok).toBe(true);
    expect(caps.take('u3', 'a')).toEqual({ ok: false, cap: 'address' });
    if (first.ok) {
      first.release();
      first.release();
    }
    expect(caps.take('u3', 'a').ok).toBe(true);
    expect(caps.take('u3', 'a')).toEqual({ ok: false, cap: 'address' });
  });
});

describe('socket caps on the sync endpoint', () => {
  let s: SyncServer;
  beforeAll(async () => {
    s = await startSyncServer({ env: { SYNC_MAX_SOCKETS_PER_MEMBER: '3', SYNC_MAX_SOCKETS_PER_ADDRESS: '5' } });
  });
  afterAll(() => s?.stop());

  it('refuses a member past their cap with 429, and takes them again once one closes', async () => {
    const owner = await s.signUp();
    const workspaceId = await s.createWorkspace(owner);
    const open: RawSocket[] = [];
    for (let i = 0; i < 3; i++) open.push(await openAccepted(s.syncUrl, `${workspaceId}/board`, owner));
    const refused = await openRaw(s.syncUrl, `${workspaceId}/glossary`, owner);
    expect(refused).toMatchObject({ refused: true, status: 429 });
    if (refused.refused) expect(JSON.parse(refused.body).error.message).toMatch(/SYNC_MAX_SOCKETS_PER_MEMBER/);

    // Someone else from the same address still gets in, up to the address's cap (5).
    const editor = await s.addMember(owner, workspaceId, 'editor');
    for (let i = 0; i < 2; i++) open.push(await openAccepted(s.syncUrl, `${workspaceId}/board`, editor));
    const full = await openRaw(s.syncUrl, `${workspaceId}/board`, editor);
    expect(full).toMatchObject({ refused: true, status: 429 });
    if (full.refused) expect(JSON.parse(full.body).error.message).toMatch(/SYNC_MAX_SOCKETS_PER_ADDRESS/);

    open.shift()!.ws.close();
    await waitFor(async () => {
      const again = await openRaw(s.syncUrl, `${workspaceId}/board`, owner);
      if (!again.refused) open.push(again.socket);
      return !again.refused;
    }, 'a slot given back');
    for (const socket of open) socket.ws.close();
  });

  it('refused upgrades take no slot (a refused member does not fill the address)', async () => {
    const stranger = await s.signUp();
    const owner = await s.signUp();
    const workspaceId = await s.createWorkspace(owner);
    for (let i = 0; i < 10; i++) expect(await openRaw(s.syncUrl, `${workspaceId}/board`, stranger)).toMatchObject({ refused: true, status: 404 });
    const accepted = await openAccepted(s.syncUrl, `${workspaceId}/board`, owner);
    accepted.ws.close();
  });
});
