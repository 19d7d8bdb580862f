import type { DatabaseHandle } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import { createKpi, createMeeting, endMeeting, readBoard, startMeeting, updateKpi, type KpiInput } from '@troika/model';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasSnapshot, startSyncServer, waitFor, type Person, type SyncClient, type SyncServer } from '../test/sync-harness';

// The history API on a real database with real y-websocket clients: versions, what changed (with who
// and when, across a compaction and a restart), restore whole or in part while someone edits, and
// every bad input answered with a 4xx that changes nothing.

const kpi = (name: string, target: number): KpiInput => ({ name, kind: 'outcome', category: 'other', owners: ['cio'], unit: '', direction: 'up', target });
const ENV = { SYNC_COMPACT_AFTER: '8', HISTORY_AUTO_MINUTES: '0.1', SYNC_UNLOAD_AFTER_MS: '200' };

describe('history API', () => {
  let database: DatabaseHandle;
  let s: SyncServer;
  let olga: Person;
  let eddie: Person;
  let vera: Person;
  let ws: string;
  let olgaBoard: SyncClient;
  let eddieBoard: SyncClient;
  const api = (method: string, path: string, who: Person, body?: unknown) => s.request(method, `/api/workspaces/${ws}${path}`, who, body);
  const board = (c: SyncClient) => readBoard(c.doc);

  beforeAll(async () => {
    database = await createTestDatabase();
    s = await startSyncServer({ env: ENV, database });
    olga = await s.signUp('Olga');
    ws = await s.createWorkspace(olga);
    eddie = await s.addMember(olga, ws, 'editor', 'cmo');
    vera = await s.addMember(olga, ws, 'viewer', 'it');
    olgaBoard = s.client(olga, ws, 'board');
    eddieBoard = s.client(eddie, ws, 'board');
    await Promise.all([olgaBoard.synced(), eddieBoard.synced()]);
    olgaBoard.doc.transact(() => {
      createKpi(olgaBoard.doc, kpi('Net promoter score', 40), 'nps');
      createKpi(olgaBoard.doc, kpi('Uptime', 99), 'uptime');
    });
    await waitFor(() => board(eddieBoard).length === 2, 'both KPIs at Eddie');
  }, 120_000);

  afterAll(async () => {
    await s?.stop();
    await database?.close();
  });

  let start: { id: string; at: string };

  it('makes a named version for an editor, lists versions newest first with who edited since the one before', async () => {
    const made = await api('POST', '/docs/board/versions', eddie, { name: 'Before the Q3 review' });
    expect(made.status).toBe(201);
    expect(made.headers.get('server-timing')).toMatch(/^app;dur=/);
    const list = await api('GET', '/docs/board/versions', vera);
    expect(list.status).toBe(200);
    const [newest] = list.body.versions;
    expect(newest).toMatchObject({ id: made.body.id, name: 'Before the Q3 review', kind: 'named' });
    expect(newest.by).toEqual([olga.id]);
    start = { id: newest.id, at: newest.at };
  });

  it('says what changed since a version, entry by entry, with who and when, across a compaction and a restart', async () => {
    updateKpi(eddieBoard.doc, 'nps', { target: 45 });
    const value = await api('POST', '/kpis/nps/values', olga, { at: '2026-11-01', value: 42 });
    expect(value.status).toBe(201);
    // Enough edits to compact the log (SYNC_COMPACT_AFTER=8): the rows that said who did what are gone.
    for (let i = 0; i < 12; i++) updateKpi(olgaBoard.doc, 'uptime', { unit: `u${i}` });
    const key = { workspaceId: ws, doc: 'board' };
    await waitFor(() => hasSnapshot(database, key), 'a compaction');

    const check = async () => {
      const res = await api('GET', `/changes?since=${start.id}&doc=board`, vera);
      expect(res.status).toBe(200);
      const nps = res.body.changes.find((c: { id: string }) => c.id === 'nps');
      expect(nps).toMatchObject({ doc: 'board', kind: 'kpi', change: 'changed', title: 'Net promoter score' });
      expect(nps.fields).toEqual(
        expect.arrayContaining([
          { field: 'target', from: 40, to: 45, by: [eddie.id] },
          { field: 'value', at: '2026-11-01', from: null, to: 42, by: [olga.id] },
        ]),
      );
      expect([...nps.by].sort()).toEqual([olga.id, eddie.id].sort());
      expect(Date.parse(nps.at)).toBeGreaterThan(Date.parse(start.at));
      expect(nps.text).toContain('target 40 -> 45');
      expect(res.body.changes.find((c: { id: string }) => c.id === 'uptime').by).toEqual([olga.id]);
    };
    await waitFor(async () => (await api('GET', `/changes?since=${start.id}&doc=board`, vera)).body.changes.some((c: { id: string; fields: { by?: string[] }[] }) => c.id === 'nps' && c.fields.every((f) => f.by)), 'attribution recorded');
    await check();

    olgaBoard.destroy();
    eddieBoard.destroy();
    await s.stop();
    s = await startSyncServer({ env: ENV, database });
    await check();
    olgaBoard = s.client(olga, ws, 'board');
    eddieBoard = s.client(eddie, ws, 'board');
    await Promise.all([olgaBoard.synced(), eddieBoard.synced()]);
  }, 60_000);

  it('shows a version as the board section of the export', async () => {
    const res = await api('GET', `/docs/board/versions/${start.id}`, vera);
    expect(res.status).toBe(200);
    expect(res.body.version.id).toBe(start.id);
    expect(res.body.board.kpis.map((k: { name: string; target: number }) => [k.name, k.target])).toEqual([
      ['Net promoter score', 40],
      ['Uptime', 99],
    ]);
    expect(res.body.board.shared).toBeDefined();
  });

  it('restores one KPI while someone edits another: both stay, both clients see the same board', async () => {
    const restoring = api('POST', `/docs/board/versions/${start.id}/restore`, olga, { ids: ['nps'] });
    updateKpi(eddieBoard.doc, 'uptime', { target: 99.9 });
    const res = await restoring;
    expect(res.status).toBe(200);
    expect(res.body.restored).toEqual([{ kind: 'kpi', id: 'nps' }]);
    expect(res.body.before.kind).toBe('restore');
    const expected = (c: SyncClient) => {
      const [nps, uptime] = board(c);
      return nps?.target === 40 && nps.values.length === 0 && uptime?.target === 99.9;
    };
    await waitFor(() => expected(olgaBoard) && expected(eddieBoard), 'the restore and the concurrent edit on both screens');
    expect(board(olgaBoard)).toEqual(board(eddieBoard));
  });

  it('converges when the same KPI is edited while it is restored', async () => {
    const restoring = api('POST', `/docs/board/versions/${start.id}/restore`, olga, { ids: ['uptime'] });
    updateKpi(eddieBoard.doc, 'uptime', { name: 'Availability' });
    expect((await restoring).status).toBe(200);
    await waitFor(() => JSON.stringify(board(olgaBoard)) === JSON.stringify(board(eddieBoard)) && board(eddieBoard)[1]!.target === 99, 'convergence');
  });

  it('restores a whole document, and the version made before it undoes the restore', async () => {
    createKpi(olgaBoard.doc, kpi('Leads', 100), 'leads');
    await waitFor(() => board(eddieBoard).length === 3, 'the new KPI at Eddie');
    const res = await api('POST', `/docs/board/versions/${start.id}/restore`, eddie, {});
    expect(res.status).toBe(200);
    expect(res.body.restored).toContainEqual({ kind: 'kpi', id: 'leads' });
    await waitFor(() => board(olgaBoard).length === 2, 'Leads removed on Olga’s screen');
    const undo = await api('POST', `/docs/board/versions/${res.body.before.id}/restore`, eddie, {});
    expect(undo.status).toBe(200);
    await waitFor(() => board(olgaBoard).some((k) => k.id === 'leads'), 'Leads back');
  });

  it('makes automatic versions after HISTORY_AUTO_MINUTES with edits', async () => {
    const count = async () => (await api('GET', '/docs/board/versions', olga)).body.versions.filter((v: { kind: string }) => v.kind === 'auto').length;
    const before = await count();
    updateKpi(olgaBoard.doc, 'nps', { unit: 'points' });
    await waitFor(async () => (await count()) > before, { timeoutMs: 30_000, what: 'an automatic version' });
  });

  it('makes a meeting version of every document when a meeting starts and ends, and answers "since the last meeting"', async () => {
    const meetings = s.client(olga, ws, 'meetings');
    await meetings.synced();
    createMeeting(meetings.doc, { title: 'Weekly troika', date: '2026-12-03' }, 'm1');
    startMeeting(meetings.doc, 'm1', olga.id);
    endMeeting(meetings.doc, 'm1', { kpis: [], people: new Map() });
    const ended = async () => (await api('GET', '/docs/glossary/versions', olga)).body.versions.find((v: { event: string }) => v.event === 'end');
    await waitFor(async () => (await ended()) !== undefined, { timeoutMs: 15_000, what: 'the end version' });
    const end = await ended();
    expect(end).toMatchObject({ kind: 'meeting', meetingId: 'm1', name: 'Weekly troika (ended)' });
    const starts = (await api('GET', '/docs/board/versions', olga)).body.versions.filter((v: { meetingId: string }) => v.meetingId === 'm1');
    expect(starts.map((v: { event: string }) => v.event).sort()).toEqual(['end', 'start']);

    updateKpi(eddieBoard.doc, 'nps', { target: 50 });
    await waitFor(async () => {
      const res = await api('GET', `/changes?since=${end.id}`, vera);
      return res.status === 200 && res.body.changes.some((c: { id: string; by: string[] }) => c.id === 'nps' && c.by.includes(eddie.id));
    }, 'the change since the meeting ended');
    const res = await api('GET', `/changes?since=${end.id}`, vera);
    expect(res.body.changes.map((c: { id: string }) => c.id)).toEqual(['nps']);
    expect(res.body.from.board.at).toBe(end.at);
    meetings.destroy();
  }, 60_000);

  it('answers a closed window (until): the changes between one meeting\'s end and the next one\'s start, the same after later edits', async () => {
    const meetings = s.client(olga, ws, 'meetings');
    await meetings.synced();
    const version = async (meetingId: string, event: string) =>
      (await api('GET', '/docs/board/versions', olga)).body.versions.find((v: { meetingId: string; event: string }) => v.meetingId === meetingId && v.event === event);
    const end = await version('m1', 'end');
    updateKpi(eddieBoard.doc, 'uptime', { target: 99.5 });
    await waitFor(async () => (await api('GET', `/changes?since=${end.id}&doc=board`, vera)).body.changes.some((c: { id: string; by: string[] }) => c.id === 'uptime' && c.by.length > 0), 'the uptime edit recorded');
    createMeeting(meetings.doc, { title: 'Next troika', date: '2026-12-04' }, 'm2');
    startMeeting(meetings.doc, 'm2', olga.id);
    await waitFor(async () => (await version('m2', 'start')) !== undefined, { timeoutMs: 15_000, what: 'the start version' });
    const start2 = await version('m2', 'start');
    updateKpi(eddieBoard.doc, 'nps', { target: 55 });
    await waitFor(async () => (await api('GET', `/changes?since=${start2.id}&doc=board`, vera)).body.changes.some((c: { id: string; by: string[] }) => c.id === 'nps' && c.by.length > 0), 'the later edit recorded');

    const res = await api('GET', `/changes?since=${end.id}&until=${start2.id}&doc=board`, vera);
    expect(res.status).toBe(200);
    // Uptime's target changed in the window; NPS's went 40 -> 50 in it (the test before), not to 55 (after it).
    const byId = new Map(res.body.changes.map((c: { id: string }) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual(['nps', 'uptime']);
    expect((byId.get('uptime') as { by: string[] }).by).toEqual([eddie.id]);
    expect((byId.get('nps') as { fields: { field: string; to: unknown }[] }).fields.find((f) => f.field === 'target')?.to).toBe(50);
    const backwards = await api('GET', `/changes?since=${start2.id}&until=${end.id}`, vera);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.field).toBe('until');
    expect((await api('GET', `/changes?since=${end.id}&until=nope`, vera)).body.error.field).toBe('until');
    meetings.destroy();
  }, 60_000);

  it('lists the versions (not their contents) in the JSON export when asked', async () => {
    const res = await s.request('GET', `/api/workspaces/${ws}/export?format=json&versions=true`, vera);
    expect(res.status).toBe(200);
    expect(res.body.versions.board.length).toBeGreaterThan(3);
    expect(res.body.versions.board[0]).not.toHaveProperty('state');
    expect((await s.request('GET', `/api/workspaces/${ws}/export?format=json`, vera)).body.versions).toBeUndefined();
  });

  // On PostgreSQL an append can wait on a lock while a version is made on another connection; on
  // PGlite one session runs every statement in order, so there the race cannot happen.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('counts an edit the database was still storing when a version was made in the window that ends at that version', async () => {
    const before = (await api('POST', '/docs/board/versions', olga, { name: 'Before the race' })).body;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table doc_updates in share mode`);
      locked();
      await released;
    });
    try {
      await isLocked;
      const editedAt = new Date().toISOString();
      updateKpi(eddieBoard.doc, 'uptime', { target: 97 });
      // Applied (the live document shows it), not yet stored (its append waits for the lock).
      const uptimeTarget = async (path: string) =>
        (await api('GET', path, vera)).body.changes.find((c: { id: string }) => c.id === 'uptime')?.fields.find((f: { field: string }) => f.field === 'target');
      await waitFor(async () => (await uptimeTarget(`/changes?since=${before.id}&doc=board`))?.to === 97, 'the edit applied');
      const stored = await database.db.execute(sql`select 1 from doc_updates where workspace_id = ${ws} and doc = 'board' and created_at >= ${editedAt}::timestamptz`);
      expect([...(stored as unknown as unknown[])]).toHaveLength(0);
      const during = await api('POST', '/docs/board/versions', olga, { name: 'During the race' });
      expect(during.status).toBe(201);
      release();
      await holding;
      await waitFor(async () => (await uptimeTarget(`/changes?since=${before.id}&until=${during.body.id}&doc=board`))?.by?.[0] === eddie.id, 'the edit in the window that ends at the version holding it');
      expect(await uptimeTarget(`/changes?since=${during.body.id}&doc=board`)).toBeUndefined();
    } finally {
      release();
      await holding.catch(() => {});
    }
  });

  describe('bad input: a 4xx naming the problem, nothing changed', () => {
    it('refuses unknown versions, versions of another document or workspace, bad documents', async () => {
      const other = await s.createWorkspace(olga, 'Elsewhere');
      const foreign = await s.request('POST', `/api/workspaces/${other}/docs/board/versions`, olga, { name: 'x' });
      expect(foreign.status).toBe(201);
      const glossaryVersion = (await api('POST', '/docs/glossary/versions', olga, { name: 'g' })).body.id;

      const unknown = await api('GET', '/docs/board/versions/nope', olga);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain("'nope'");
      expect((await api('GET', `/docs/board/versions/${foreign.body.id}`, olga)).status).toBe(404);
      const otherDoc = await api('GET', `/docs/board/versions/${glossaryVersion}`, olga);
      expect(otherDoc.status).toBe(404);
      expect(otherDoc.body.error.message).toContain('glossary');
      const badDoc = await api('GET', '/docs/comments/versions', olga);
      expect(badDoc.status).toBe(400);
      expect(badDoc.body.error.field).toBe('doc');
      expect((await api('POST', '/docs/board/versions', olga, { name: '  ' })).body.error.field).toBe('name');
    });

    it('refuses since in the future, unparsable, or a version of another workspace', async () => {
      const future = await api('GET', `/changes?since=${new Date(Date.now() + 3_600_000).toISOString()}`, olga);
      expect(future.status).toBe(400);
      expect(future.body.error).toMatchObject({ field: 'since', message: expect.stringContaining('future') });
      for (const since of ['yesterday', '2026-13-45T00:00:00Z', '']) {
        const res = await api('GET', `/changes?since=${encodeURIComponent(since)}`, olga);
        expect(res.status, since).toBe(400);
        expect(res.body.error.field).toBe('since');
      }
    });

    it('refuses a restore by a viewer, of ids that never existed, and changes nothing', async () => {
      const versionsBefore = (await api('GET', '/docs/board/versions', olga)).body.versions.length;
      const boardBefore = JSON.stringify(board(olgaBoard));
      const viewer = await api('POST', `/docs/board/versions/${start.id}/restore`, vera, {});
      expect(viewer.status).toBe(403);
      const ghost = await api('POST', `/docs/board/versions/${start.id}/restore`, olga, { ids: ['nps', 'ghost'] });
      expect(ghost.status).toBe(400);
      expect(ghost.body.error).toMatchObject({ field: 'ids', message: expect.stringContaining("'ghost'") });
      expect((await api('POST', `/docs/board/versions/${start.id}/restore`, olga, { ids: [] })).body.error.field).toBe('ids');
      expect((await api('POST', '/docs/board/versions/nope/restore', olga, {})).status).toBe(404);
      expect((await api('GET', '/docs/board/versions', olga)).body.versions.length).toBe(versionsBefore);
      await new Promise((r) => setTimeout(r, 300));
      expect(JSON.stringify(board(olgaBoard))).toBe(boardBefore);
    });
  });
});

void Y;
