import { readThreads } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStored, startSyncServer, waitFor, type Credentials, type Person, type SyncServer } from '../test/sync-harness';

// Threads over real HTTP on a real database, each rule and each bad input of issue 15.

describe('threads and comments', () => {
  let s: SyncServer;
  let owner: Person;
  let editor: Person;
  let viewer: Person;
  let stranger: Person;
  let ws: string;
  let otherWs: string;
  let kpiId: string;
  let kpiTarget: { kind: 'kpi'; id: string };
  const api = (path: string) => `/api/workspaces/${ws}${path}`;
  // Notifications are written just after a comment's answer: wait for that work before reading the inbox.
  const inbox = async (who: Credentials) => {
    await s.running.conversations.settled();
    return (await s.request('GET', '/api/notifications', who)).body.notifications as { kind: string; text: string; threadId: string }[];
  };
  const storedThreads = async () => readThreads(await readStored(s.database, { workspaceId: ws, doc: 'comments' }));

  beforeAll(async () => {
    s = await startSyncServer({ env: { WATCH_POLL_MS: '60000' } });
    owner = await s.signUp('Olga Owner');
    const created = await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true });
    ws = created.body.id;
    editor = await s.addMember(owner, ws, 'editor', 'cmo');
    viewer = await s.addMember(owner, ws, 'viewer', 'business');
    stranger = await s.signUp('Sam Stranger');
    otherWs = await s.createWorkspace(stranger, 'Elsewhere');
    kpiId = (await s.request('GET', api('/kpis'), owner)).body.kpis[0].id;
    kpiTarget = { kind: 'kpi', id: kpiId };
  });
  afterAll(() => s.stop());

  it('lets a viewer start a thread that open screens see live, and tells the people it mentions', async () => {
    const screen = s.client(editor, ws, 'comments');
    await screen.synced();
    const res = await s.request('POST', api('/threads'), viewer, { target: kpiTarget, body: 'Why is the target 3.5%?', mentions: [editor.id] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), commentId: expect.any(String) });
    await waitFor(() => readThreads(screen.doc).some((t) => t.id === res.body.id), 'the thread on an open screen');
    const [thread] = readThreads(screen.doc).filter((t) => t.id === res.body.id);
    expect(thread).toMatchObject({ target: kpiTarget, resolved: false, createdBy: viewer.id, comments: [{ author: viewer.id, body: 'Why is the target 3.5%?', mentions: [editor.id] }] });
    const mentions = await inbox(editor);
    expect(mentions[0]).toMatchObject({ kind: 'mention', threadId: res.body.id });
    expect(mentions[0]!.text).toMatch(/^Person \d+ mentioned you on KPI ".+": "Why is the target 3.5%\?"$/);
    expect(await inbox(viewer)).toEqual([]);
  });

  it('keeps bodies as plain text, byte for byte', async () => {
    const body = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) **bold**';
    const res = await s.request('POST', api('/threads'), owner, { target: kpiTarget, body });
    const list = await s.request('GET', api(`/threads?target=kpi:${kpiId}`), owner);
    expect(list.body.threads.find((t: { id: string }) => t.id === res.body.id).comments[0].body).toBe(body);
  });

  it.each([
    ['an empty body', { target: 'T', body: '' }, 400, 'body'],
    ['a blank body', { target: 'T', body: '   \n' }, 400, 'body'],
    ['a body over 10,000 characters', { target: 'T', body: 'x'.repeat(10_001) }, 400, 'body'],
    ['an unknown mention', { target: 'T', body: 'hi', mentions: ['nobody123'] }, 400, 'mentions'],
    ['a mention of a non-member', { target: 'T', body: 'hi', mentions: ['STRANGER'] }, 400, 'mentions'],
    ['an unknown target kind', { target: { kind: 'board', id: 'x' }, body: 'hi' }, 400, 'target.kind'],
    ['an unknown target', { target: { kind: 'kpi', id: 'doesnotexist' }, body: 'hi' }, 404, 'target'],
    ['a term id given as a KPI', { target: { kind: 'term', id: 'KPI' }, body: 'hi' }, 404, 'target'],
  ])('refuses %s with a field-naming error and changes nothing', async (_name, raw, status, field) => {
    const before = await storedThreads();
    const input = JSON.parse(JSON.stringify(raw).replace('"T"', JSON.stringify(kpiTarget)).replace('STRANGER', stranger.id).replace('"KPI"', JSON.stringify(kpiId)));
    const res = await s.request('POST', api('/threads'), editor, input);
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(await storedThreads()).toEqual(before);
  });

  it('answers a thread, telling whoever started or wrote in it, not the writer', async () => {
    const start = await s.request('POST', api('/threads'), viewer, { target: kpiTarget, body: 'Question' });
    const t = start.body.id;
    expect((await s.request('POST', api(`/threads/${t}/comments`), editor, { body: 'Answer one' })).status).toBe(201);
    const before = (await inbox(editor)).length;
    const res = await s.request('POST', api(`/threads/${t}/comments`), owner, { body: 'Answer two' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    expect((await inbox(viewer)).filter((n) => n.threadId === t && n.kind === 'reply')).toHaveLength(2);
    expect((await inbox(editor)).length).toBe(before + 1);
    expect((await inbox(owner)).filter((n) => n.threadId === t)).toEqual([]);
  });

  it('tells a mentioned participant once (a mention, not also a reply)', async () => {
    const t = (await s.request('POST', api('/threads'), editor, { target: kpiTarget, body: 'Mine' })).body.id;
    await s.request('POST', api(`/threads/${t}/comments`), owner, { body: 'See @editor', mentions: [editor.id] });
    expect((await inbox(editor)).filter((n) => n.threadId === t).map((n) => n.kind)).toEqual(['mention']);
  });

  it('answers 404 naming threadId for a thread of another workspace, and changes nothing', async () => {
    const kpiElsewhere = await s.request('POST', `/api/workspaces/${otherWs}/threads`, stranger, { target: kpiTarget, body: 'x' });
    expect(kpiElsewhere.status).toBe(404);
    const ours = (await s.request('POST', api('/threads'), owner, { target: kpiTarget, body: 'ours' })).body.id;
    const other = await s.request('POST', `/api/workspaces/${otherWs}/threads/${ours}/comments`, stranger, { body: 'hi' });
    expect(other.status).toBe(404);
    expect(other.body.error.field).toBe('threadId');
    const resolve = await s.request('PATCH', `/api/workspaces/${otherWs}/threads/${ours}`, stranger, { resolved: true });
    expect(resolve.status).toBe(404);
    const visiting = await s.request('GET', api('/threads'), stranger);
    expect(visiting.status).toBe(404);
    expect((await storedThreads()).find((t) => t.id === ours)!.comments).toHaveLength(1);
  });

  it('lets only the author edit a comment, and only its author or an owner delete it', async () => {
    const start = await s.request('POST', api('/threads'), editor, { target: kpiTarget, body: 'First' });
    const { id: t, commentId } = start.body;
    const notMine = await s.request('PATCH', api(`/threads/${t}/comments/${commentId}`), owner, { body: 'hijacked' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.field).toBe('commentId');
    const mine = await s.request('PATCH', api(`/threads/${t}/comments/${commentId}`), editor, { body: 'First, edited', mentions: [viewer.id] });
    expect(mine.status).toBe(200);
    const thread = (await storedThreads()).find((x) => x.id === t)!;
    expect(thread.comments[0]).toMatchObject({ body: 'First, edited', mentions: [viewer.id], editedAt: expect.any(String) });
    expect((await inbox(viewer)).some((n) => n.threadId === t && n.kind === 'mention')).toBe(true);
    expect((await s.request('PATCH', api(`/threads/${t}/comments/${commentId}`), editor, { body: '' })).body.error.field).toBe('body');
    expect((await s.request('PATCH', api(`/threads/${t}/comments/nope`), editor, { body: 'x' })).status).toBe(404);

    const reply = (await s.request('POST', api(`/threads/${t}/comments`), viewer, { body: 'Reply' })).body.id;
    const byOther = await s.request('DELETE', api(`/threads/${t}/comments/${reply}`), editor);
    expect(byOther.status).toBe(403);
    expect(byOther.body.error.field).toBe('commentId');
    expect((await s.request('DELETE', api(`/threads/${t}/comments/${reply}`), owner)).status).toBe(204);
    expect((await s.request('DELETE', api(`/threads/${t}/comments/${commentId}`), editor)).status).toBe(204);
    expect((await storedThreads()).find((x) => x.id === t)).toBeUndefined();
  });

  it('lets the starter, editors and owners resolve and reopen, not another viewer', async () => {
    const other = await s.addMember(owner, ws, 'viewer', 'marketing');
    const t = (await s.request('POST', api('/threads'), viewer, { target: kpiTarget, body: 'Resolve me' })).body.id;
    const refused = await s.request('PATCH', api(`/threads/${t}`), other, { resolved: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.field).toBe('resolved');
    expect((await storedThreads()).find((x) => x.id === t)!.resolved).toBe(false);
    expect((await s.request('PATCH', api(`/threads/${t}`), viewer, { resolved: true })).status).toBe(200);
    expect((await s.request('PATCH', api(`/threads/${t}`), editor, { resolved: false })).status).toBe(200);
    expect((await s.request('PATCH', api(`/threads/${t}`), owner, { resolved: true })).status).toBe(200);
    expect((await s.request('PATCH', api(`/threads/${t}`), owner, { resolved: 'yes' })).body.error.field).toBe('resolved');
    const open = (await s.request('GET', api('/threads'), viewer)).body.threads as { id: string }[];
    expect(open.some((x) => x.id === t)).toBe(false);
    const onKpi = (await s.request('GET', api(`/threads?target=kpi:${kpiId}`), viewer)).body.threads as { id: string; resolved: boolean }[];
    expect(onKpi.find((x) => x.id === t)!.resolved).toBe(true);
  });

  it('lists threads by latest activity, and refuses a malformed target', async () => {
    const a = (await s.request('POST', api('/threads'), owner, { target: kpiTarget, body: 'A' })).body.id;
    const b = (await s.request('POST', api('/threads'), owner, { target: kpiTarget, body: 'B' })).body.id;
    await s.request('POST', api(`/threads/${a}/comments`), editor, { body: 'A is active again' });
    const ids = ((await s.request('GET', api(`/threads?target=kpi:${kpiId}`), owner)).body.threads as { id: string }[]).map((t) => t.id);
    expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));
    expect(ids[0]).toBe(a);
    const all = ((await s.request('GET', api('/threads'), owner)).body.threads as { id: string }[]).map((t) => t.id);
    expect(all[0]).toBe(a);
    const bad = await s.request('GET', api('/threads?target=kpi'), owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('target');
  });

  it('lets an editor API token write (as token:<id>) and keeps a viewer token read-only', async () => {
    const bot = await s.createToken(owner, ws, 'editor');
    const reader = await s.createToken(owner, ws, 'viewer');
    const res = await s.request('POST', api('/threads'), bot, { target: kpiTarget, body: 'Deploy done', mentions: [owner.id] });
    expect(res.status).toBe(201);
    const thread = (await storedThreads()).find((x) => x.id === res.body.id)!;
    expect(thread.createdBy).toMatch(/^token:/);
    expect((await inbox(owner)).find((n) => n.threadId === res.body.id)!.text).toMatch(/^editor bot mentioned you/);
    expect((await s.request('POST', api('/threads'), reader, { target: kpiTarget, body: 'no' })).status).toBe(403);
    expect((await s.request('GET', api('/threads'), reader)).status).toBe(200);
    expect((await s.request('GET', '/api/notifications', bot)).status).toBe(401);
  });

  it('sends a member who left nothing more, and shows them nothing from that workspace', async () => {
    const leaver = await s.addMember(owner, ws, 'editor', 'it');
    const t = (await s.request('POST', api('/threads'), leaver, { target: kpiTarget, body: 'Before I go' })).body.id;
    await s.request('POST', api(`/threads/${t}/comments`), owner, { body: 'noted' });
    expect(await inbox(leaver)).toHaveLength(1);
    expect((await s.request('DELETE', api(`/members/${leaver.id}`), owner)).status).toBe(204);
    expect(await inbox(leaver)).toEqual([]);
    await s.request('POST', api(`/threads/${t}/comments`), owner, { body: 'still there?' });
    const mention = await s.request('POST', api(`/threads/${t}/comments`), owner, { body: 'hey', mentions: [leaver.id] });
    expect(mention.status).toBe(400);
    expect(mention.body.error.field).toBe('mentions');
    await s.running.conversations.settled();
    const rows = await s.request('GET', '/api/notifications?unread=true', leaver);
    expect(rows.body).toEqual({ notifications: [], unread: 0, unreadByWorkspace: {} });
  });
});
