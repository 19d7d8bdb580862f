import { createKpi, updateKpi } from '@troika/model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChildServer, ensureBuilt, freePort } from '../test/child-server';
import { sessionFrom } from '../test/harness';
import { SyncClient, httpRequest, metricValue, waitFor, type Credentials } from '../test/sync-harness';

// Attribution outlives a `kill -9` of the built server: an edit that reached another client was in
// the log, and what the recorder had not stored yet is read back from the log at the next load.

describe('history of the built server across kill -9', () => {
  let server: ChildServer;
  let dataDir: string;
  let olga: Credentials & { id: string };
  let eddie: Credentials & { id: string };
  let ws: string;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'troika-history-'));
    // Compaction every 10 rows; no automatic versions during the test.
    server = new ChildServer(await freePort(), dataDir, { SYNC_COMPACT_AFTER: '10', HISTORY_AUTO_MINUTES: '60' });
    await server.start();
    const signUp = async (name: string) => {
      const res = await httpRequest(server.url, 'POST', '/api/auth/signup', {}, { email: `${name}-${Date.now().toString(36)}@example.com`, name, password: 'correct horse battery' });
      return { id: res.body.user.id as string, session: sessionFrom(res)! };
    };
    olga = await signUp('olga');
    eddie = await signUp('eddie');
    ws = (await httpRequest(server.url, 'POST', '/api/workspaces', olga, { name: 'Durable history' })).body.id;
    const invite = await httpRequest(server.url, 'POST', `/api/workspaces/${ws}/invites`, olga, { role: 'editor', seat: 'cmo' });
    await httpRequest(server.url, 'POST', `/api/invites/${invite.body.token}/accept`, eddie);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps who changed what through compactions, a kill -9 and a restart', async () => {
    const connect = (who: Credentials) => new SyncClient(`ws://127.0.0.1:${server.port}/sync/${ws}`, 'board', who);
    const a = connect(olga);
    const b = connect(eddie);
    await Promise.all([a.synced(), b.synced()]);
    createKpi(a.doc, { name: 'NPS', kind: 'outcome', category: 'other', owners: ['cmo'], unit: '', direction: 'up', target: 40 }, 'nps');
    createKpi(a.doc, { name: 'Uptime', kind: 'output', category: 'other', owners: ['cio'], unit: '%', direction: 'up', target: 99 }, 'up');
    await waitFor(() => b.doc.getMap('kpis').size === 2, 'KPIs at Eddie');
    const version = await httpRequest(server.url, 'POST', `/api/workspaces/${ws}/docs/board/versions`, olga, { name: 'Before' });
    expect(version.status).toBe(201);
    // Two compactions (each once the document is quiet for a second), then Eddie's change; once Olga
    // has it, it is in the log: kill at once. (Olga's edits are waited for first: frames of two
    // sockets reach the server in no promised order.)
    const compactions = async () => metricValue((await httpRequest(server.url, 'GET', '/metrics')).text, 'troika_sync_compactions_total');
    for (const [from, to] of [[0, 12], [12, 25]] as const) {
      const before = await compactions();
      for (let i = from; i < to; i++) updateKpi(a.doc, 'up', { unit: `u${i}` });
      await waitFor(async () => (await compactions()) > before, { timeoutMs: 15_000, what: 'a compaction' });
    }
    expect((b.doc.getMap('kpis').get('up') as { get(k: string): unknown }).get('unit')).toBe('u24');
    updateKpi(b.doc, 'nps', { target: 45 });
    await waitFor(() => (a.doc.getMap('kpis').get('nps') as { get(k: string): unknown }).get('target') === 45, { intervalMs: 1, what: 'Eddie’s edit at Olga' });
    expect(await server.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    a.destroy();
    b.destroy();

    await server.start();
    const res = await httpRequest(server.url, 'GET', `/api/workspaces/${ws}/changes?since=${version.body.id}&doc=board`, olga);
    expect(res.status).toBe(200);
    const nps = res.body.changes.find((c: { id: string }) => c.id === 'nps');
    expect(nps.fields).toContainEqual({ field: 'target', from: 40, to: 45, by: [eddie.id] });
    expect(res.body.changes.find((c: { id: string }) => c.id === 'up')).toMatchObject({ by: [olga.id], fields: [{ field: 'unit', from: '%', to: 'u24', by: [olga.id] }] });
  }, 240_000);
});
