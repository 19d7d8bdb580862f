import { readBoard, summariseKpi } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStored, startSyncServer, waitFor, type Person, type SyncServer } from '../test/sync-harness';

describe('KPI integrations', () => {
  let s: SyncServer;
  let owner: Person;
  let workspaceId: string;
  let kpiId: string;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    const created = await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true });
    expect(created.status).toBe(201);
    workspaceId = created.body.id;
  });
  afterAll(() => s.stop());

  it('lists the starter board with status and trend', async () => {
    const res = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner);
    expect(res.status).toBe(200);
    const names = res.body.kpis.map((k: { name: string }) => k.name);
    expect(names).toContain('Online conversion rate');
    const conversion = res.body.kpis.find((k: { name: string }) => k.name === 'Online conversion rate');
    expect(conversion).toMatchObject({ kind: 'outcome', unit: '%', direction: 'up', target: 3.5, latest: null, status: 'no-data' });
    expect(conversion.trend).toEqual({ direction: 'flat', good: null, change: null });
    kpiId = conversion.id;
  });

  it('appends a value that open boards see live and that is stored before the 201', async () => {
    const board = s.client(owner, workspaceId, 'board');
    await board.synced();
    const res = await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, owner, { at: '2026-10-01', value: 3.2 });
    expect(res.status).toBe(201);
    expect(res.body.kpi).toMatchObject({ latest: { at: '2026-10-01', value: 3.2 }, status: 'at-risk' });
    const stored = await readStored(s.database, { workspaceId, doc: 'board' });
    expect(readBoard(stored).find((k) => k.id === kpiId)!.values).toEqual([{ at: '2026-10-01', value: 3.2 }]);
    await waitFor(() => readBoard(board.doc).find((k) => k.id === kpiId)?.values.length === 1, 'live value at the open board');
    expect(summariseKpi(readBoard(board.doc).find((k) => k.id === kpiId)!).status).toBe('at-risk');
  });

  it('corrects a date instead of adding a second value, and reports the trend', async () => {
    await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, owner, { at: '2026-11-01', value: 3.4 });
    const res = await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, owner, { at: '2026-11-01', value: 3.6 });
    expect(res.status).toBe(201);
    const list = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner);
    const kpi = list.body.kpis.find((k: { id: string }) => k.id === kpiId);
    expect(kpi).toMatchObject({ latest: { at: '2026-11-01', value: 3.6 }, status: 'on-track', trend: { direction: 'up', good: true } });
  });

  it('accepts an editor API token and refuses a viewer token with 403', async () => {
    const editor = await s.createToken(owner, workspaceId, 'editor');
    const viewer = await s.createToken(owner, workspaceId, 'viewer');
    const ok = await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, editor, { at: '2026-12-01', value: 3.7 });
    expect(ok.status).toBe(201);
    const refused = await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, viewer, { at: '2026-12-01', value: 1 });
    expect(refused.status).toBe(403);
    const read = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, viewer);
    expect(read.body.kpis.find((k: { id: string }) => k.id === kpiId).latest).toEqual({ at: '2026-12-01', value: 3.7 });
  });

  it('answers bad input with a clear error and changes nothing', async () => {
    const url = `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`;
    const before = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner);
    const badDate = await s.request('POST', url, owner, { at: '2026-13-01', value: 1 });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error).toMatchObject({ code: 'invalid_field', field: 'at' });
    const badValue = await s.request('POST', url, owner, { at: '2026-01-01', value: 'many' });
    expect(badValue.body.error.field).toBe('value');
    const unknown = await s.request('POST', `/api/workspaces/${workspaceId}/kpis/nope/values`, owner, { at: '2026-01-01', value: 1 });
    expect(unknown.status).toBe(404);
    const outsider = await s.signUp('Oscar Outsider');
    expect((await s.request('POST', url, outsider, { at: '2026-01-01', value: 1 })).status).toBe(404);
    expect((await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, outsider)).status).toBe(404);
    const after = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner);
    expect(after.body).toEqual(before.body);
  });

  it('starts a workspace empty unless the starter is asked for', async () => {
    const created = await s.request('POST', '/api/workspaces', owner, { name: 'Blank' });
    const res = await s.request('GET', `/api/workspaces/${created.body.id}/kpis`, owner);
    expect(res.body).toEqual({ kpis: [] });
  });
});
