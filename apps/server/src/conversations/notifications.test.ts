import { addAction, addDecision, createMeeting, readBoard, setOwners, summariseKpi } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse } from '../test/sse';
import { startSyncServer, waitFor, type Credentials, type Person, type SyncServer } from '../test/sync-harness';

// The inbox, marking read, the live stream over real HTTP, and the notifications the server raises by
// itself (a KPI's status, a meeting action, a glossary approval), on a real database.

describe('notifications', () => {
  let s: SyncServer;
  let owner: Person; // cio
  let cmo: Person;
  let business: Person; // a viewer
  let ws: string;
  let kpiId: string;
  const api = (path: string) => `/api/workspaces/${ws}${path}`;
  // Notifications are written just after a comment's answer: wait for that work before reading the inbox.
  const inbox = async (who: Credentials, query = '') => {
    await s.running.conversations.settled();
    return (await s.request('GET', `/api/notifications${query}`, who)).body;
  };
  const mention = (by: Credentials, who: Person, body = 'look') =>
    s.request('POST', api('/threads'), by, { target: { kind: 'kpi', id: kpiId }, body, mentions: [who.id] });

  beforeAll(async () => {
    s = await startSyncServer({ env: { WATCH_POLL_MS: '100', NOTIFY_HEARTBEAT_MS: '300' } });
    owner = await s.signUp('Olga Owner');
    ws = (await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true, seat: 'cio' })).body.id;
    cmo = await s.addMember(owner, ws, 'editor', 'cmo');
    business = await s.addMember(owner, ws, 'viewer', 'business');
    kpiId = (await s.request('GET', api('/kpis'), owner)).body.kpis[0].id;
  });
  afterAll(() => s.stop());

  it('lists the newest first with the unread count, pages with before, and marks read', async () => {
    for (const body of ['one', 'two', 'three']) expect((await mention(owner, cmo, body)).status).toBe(201);
    const all = await inbox(cmo);
    expect(all.unread).toBe(3);
    expect(all.unreadByWorkspace).toEqual({ [ws]: 3 });
    expect(all.notifications.map((n: { text: string }) => n.text.match(/"(\w+)"$/)?.[1])).toEqual(['three', 'two', 'one']);
    expect(all.notifications[0]).toMatchObject({ workspaceId: ws, kind: 'mention', actor: { id: owner.id, name: 'Olga Owner' }, target: { kind: 'kpi', id: kpiId }, read: false });
    const page = await inbox(cmo, `?limit=2`);
    expect(page.notifications).toHaveLength(2);
    const rest = await inbox(cmo, `?before=${page.notifications[1].id}`);
    expect(rest.notifications.map((n: { id: string }) => n.id)).toEqual([all.notifications[2].id]);

    expect((await s.request('POST', '/api/notifications/read', cmo, { ids: [all.notifications[0].id] })).status).toBe(204);
    expect((await inbox(cmo, '?unread=true')).notifications).toHaveLength(2);
    // Someone else's ids change nothing of theirs.
    await s.request('POST', '/api/notifications/read', owner, { ids: [all.notifications[1].id] });
    expect((await inbox(cmo)).unread).toBe(2);
    expect((await s.request('POST', '/api/notifications/read', cmo, { all: true })).status).toBe(204);
    expect(await inbox(cmo)).toMatchObject({ unread: 0, unreadByWorkspace: {} });
  });

  it('counts unread per workspace, for each workspace\'s bell and the workspaces list', async () => {
    await s.request('POST', '/api/notifications/read', cmo, { all: true });
    const other = (await s.request('POST', '/api/workspaces', business, { name: 'Second', starter: true, seat: 'business' })).body.id;
    const otherKpi = (await s.request('GET', `/api/workspaces/${other}/kpis`, business)).body.kpis[0].id;
    const invite = (await s.request('POST', `/api/workspaces/${other}/invites`, business, { role: 'editor', seat: 'cmo' })).body.token;
    expect((await s.request('POST', `/api/invites/${invite}/accept`, cmo)).status).toBe(200);
    await mention(owner, cmo, 'here');
    for (const body of ['there', 'and there']) {
      const res = await s.request('POST', `/api/workspaces/${other}/threads`, business, { target: { kind: 'kpi', id: otherKpi }, body, mentions: [cmo.id] });
      expect(res.status).toBe(201);
    }
    expect(await inbox(cmo, '?limit=1')).toMatchObject({ unread: 3, unreadByWorkspace: { [ws]: 1, [other]: 2 } });
    // Leaving a workspace takes its count away.
    expect((await s.request('DELETE', `/api/workspaces/${other}/members/${cmo.id}`, business)).status).toBe(204);
    expect(await inbox(cmo)).toMatchObject({ unread: 1, unreadByWorkspace: { [ws]: 1 } });
    await s.request('POST', '/api/notifications/read', cmo, { all: true });
  });

  it('refuses bad queries and bodies naming the field, and answers 401 without a session', async () => {
    for (const [query, field] of [['?limit=0', 'limit'], ['?limit=abc', 'limit'], ['?unread=maybe', 'unread'], ['?before=a%20b', 'before']]) {
      const res = await s.request('GET', `/api/notifications${query}`, cmo);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await s.request('POST', '/api/notifications/read', cmo, { ids: 'x' })).status).toBe(400);
    expect((await s.request('POST', '/api/notifications/read', cmo, {})).status).toBe(400);
    expect((await s.request('GET', '/api/notifications')).status).toBe(401);
    expect((await openSse(`${s.httpUrl}/api/notifications/stream`, {})).status).toBe(401);
  });

  it('streams a mention live over SSE, with heartbeats, and replays what was missed after Last-Event-ID', async () => {
    const stream = await openSse(`${s.httpUrl}/api/notifications/stream`, cmo);
    expect(stream.status).toBe(200);
    expect(JSON.parse((await stream.next('ready')).data)).toEqual({ unread: expect.any(Number) });
    const started = Date.now();
    await mention(business, cmo, 'live one');
    const event = await stream.next('notification');
    expect(Date.now() - started).toBeLessThan(2000);
    const n = JSON.parse(event.data);
    expect(n).toMatchObject({ kind: 'mention', actor: { id: business.id }, read: false });
    expect(n.text).toContain('"live one"');
    expect(event.id).toBe(n.id);
    await waitFor(() => stream.comments.includes('heartbeat'), 'a heartbeat');
    stream.close();

    await mention(owner, cmo, 'while away');
    const again = await openSse(`${s.httpUrl}/api/notifications/stream`, cmo, { 'last-event-id': n.id });
    const missed = JSON.parse((await again.next('notification')).data);
    expect(missed.text).toContain('"while away"');
    again.close();
  });

  it('never streams someone their own doing or another person\'s notifications', async () => {
    const mine = await openSse(`${s.httpUrl}/api/notifications/stream`, owner);
    await mine.next('ready');
    await mention(owner, cmo, 'not for owner');
    await mention(cmo, business, 'not for owner either');
    const marker = await mention(cmo, owner, 'for owner');
    expect(marker.status).toBe(201);
    const got = JSON.parse((await mine.next('notification')).data);
    expect(got.text).toContain('"for owner"');
    expect(mine.events.filter((e) => e.event === 'notification')).toHaveLength(1);
    mine.close();
  });

  it('closes the stream when its session signs out, and when the member leaves the workspace', async () => {
    const stream = await openSse(`${s.httpUrl}/api/notifications/stream`, business);
    await stream.next('ready');
    expect((await s.request('POST', '/api/auth/logout', business)).status).toBe(204);
    await waitFor(() => stream.ended, 'the stream to end after sign-out');
    expect(JSON.parse((await stream.next('close')).data)).toEqual({ reason: 'signed out' });

    const leaver = await s.addMember(owner, ws, 'editor', 'it');
    const second = await openSse(`${s.httpUrl}/api/notifications/stream`, leaver);
    await second.next('ready');
    expect((await s.request('DELETE', api(`/members/${leaver.id}`), owner)).status).toBe(204);
    await waitFor(() => second.ended, 'the stream to end after leaving');
  });

  it('tells the members seated among a KPI\'s owners when its status changes, not the one who changed it', async () => {
    const board = s.client(owner, ws, 'board');
    await board.synced();
    const kpi = readBoard(board.doc).find((k) => k.id === kpiId)!;
    // Owned by the CMO's seat; the CIO (owner) records values.
    setOwners(board.doc, kpiId, ['cmo']);
    await s.request('POST', api(`/kpis/${kpiId}/values`), owner, { at: '2026-10-01', value: kpi.target ?? 1 });
    await waitFor(async () => (await inbox(cmo)).notifications.some((n: { kind: string }) => n.kind === 'kpi-status'), 'kpi-status after the first value');
    const before = (await inbox(cmo)).notifications.filter((n: { kind: string }) => n.kind === 'kpi-status').length;
    const status = summariseKpi(readBoard(board.doc).find((k) => k.id === kpiId)!).status;
    // A value far off target changes the status again, now written by the CMO: they are not told of their own doing.
    const off = (kpi.direction === 'up' ? -1 : 1) * Math.abs((kpi.target ?? 1) * 10);
    await s.request('POST', api(`/kpis/${kpiId}/values`), cmo, { at: '2026-11-01', value: off });
    await waitFor(() => summariseKpi(readBoard(board.doc).find((k) => k.id === kpiId)!).status !== status, 'status change on the board');
    await s.running.conversations.watcher.runNow();
    expect((await inbox(cmo)).notifications.filter((n: { kind: string }) => n.kind === 'kpi-status')).toHaveLength(before);
    expect((await inbox(owner)).notifications.filter((n: { kind: string }) => n.kind === 'kpi-status')).toEqual([]);
    const [latest] = (await inbox(cmo)).notifications.filter((n: { kind: string }) => n.kind === 'kpi-status');
    expect(latest.text).toMatch(/^KPI ".+" is now \S+ \(was no-data\)$/);
    expect(latest.target).toEqual({ kind: 'kpi', id: kpiId });
  });

  it('tells a person when a meeting action is given to them, written on any screen', async () => {
    const meetings = s.client(owner, ws, 'meetings');
    await meetings.synced();
    const meetingId = createMeeting(meetings.doc, { title: 'Q4 review', date: '2026-12-10' });
    await waitFor(async () => (await s.running.sync.read({ workspaceId: ws, doc: 'meetings' }, (d) => d.getMap('meetings').has(meetingId))), 'meeting stored');
    await s.running.conversations.watcher.runNow();
    addAction(meetings.doc, meetingId, { text: 'Send the churn figures', owner: cmo.id, due: '2026-12-20', itemId: null }, { id: owner.id });
    addAction(meetings.doc, meetingId, { text: 'My own', owner: owner.id, due: null, itemId: null }, { id: owner.id });
    addDecision(meetings.doc, meetingId, { text: 'Go', itemId: null }, { id: owner.id });
    await waitFor(async () => (await inbox(cmo)).notifications.some((n: { kind: string }) => n.kind === 'action'), 'the action notification');
    const action = (await inbox(cmo)).notifications.find((n: { kind: string }) => n.kind === 'action');
    expect(action.text).toBe('Olga Owner gave you an action in meeting "Q4 review": "Send the churn figures" (due 2026-12-20)');
    expect(action.target).toEqual({ kind: 'meeting', id: meetingId });
    await s.running.conversations.watcher.runNow();
    expect((await inbox(owner)).notifications.filter((n: { kind: string }) => n.kind === 'action')).toEqual([]);
  });

  it('tells the business side when the technology side approves a glossary term', async () => {
    const term = (await s.request('GET', api('/glossary?limit=1'), owner)).body.results[0];
    const approved = await s.request('POST', api(`/glossary/${term.id}/approval`), owner);
    expect(approved.status).toBe(200);
    await waitFor(async () => (await inbox(cmo)).notifications.some((n: { kind: string }) => n.kind === 'approval'), 'the approval notification');
    const n = (await inbox(cmo)).notifications.find((x: { kind: string }) => x.kind === 'approval');
    expect(n).toMatchObject({ target: { kind: 'term', id: term.id }, actor: { id: owner.id } });
    expect(n.text).toBe(`Term "${term.term}" awaits your side's approval (Olga Owner approved for technology)`);
    expect((await inbox(owner)).notifications.filter((x: { kind: string }) => x.kind === 'approval')).toEqual([]);
  });

  it('tells the other side\'s members that a term awaits their approval (notifySide)', async () => {
    const it = await s.addMember(owner, ws, 'editor', 'it');
    const approvalsOf = async (who: Person) => (await inbox(who)).notifications.filter((x: { kind: string }) => x.kind === 'approval').length;
    const cmoBefore = await approvalsOf(cmo);
    const told = await s.running.conversations.notifier.notifySide(ws, 'technology', {
      actor: { id: cmo.id, name: 'Carla CMO' },
      target: { kind: 'term', id: 't1' },
      facts: { event: 'approval', term: 'ARR', approvedBy: 'Carla CMO', side: 'business' },
    });
    expect(told.sort()).toEqual([owner.id, it.id].sort());
    const [n] = (await inbox(it)).notifications;
    expect(n).toMatchObject({ kind: 'approval', target: { kind: 'term', id: 't1' } });
    expect(n.text).toBe('Term "ARR" awaits your side\'s approval (Carla CMO approved for business)');
    expect(await approvalsOf(cmo)).toBe(cmoBefore);
  });
});
