import { STARTER_GLOSSARY_SIZE, readGlossary } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResponse } from '../test/harness';
import { headersFor, readStored, startSyncServer, waitFor, type Credentials, type Person, type SyncServer } from '../test/sync-harness';

describe('glossary API', () => {
  let s: SyncServer;
  let owner: Person;
  let starter: string;
  let blank: string;

  const url = (workspaceId: string, rest = '') => `/api/workspaces/${workspaceId}/glossary${rest}`;
  const send = async (method: string, path: string, who: Credentials, body?: string, type = 'text/csv') => {
    const headers = { ...headersFor(who), ...(body === undefined ? {} : { 'content-type': type }) };
    return readResponse(await fetch(`${s.httpUrl}${path}`, { method, headers, body }));
  };

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    starter = (await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true })).body.id;
    blank = await s.createWorkspace(owner, 'Blank');
  });
  afterAll(() => s.stop());

  it('lists the starter glossary alphabetically when there is no query', async () => {
    const res = await s.request('GET', url(starter), owner);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(STARTER_GLOSSARY_SIZE);
    const names = res.body.results.map((r: { term: string }) => r.term);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(Object.keys(res.body.results[0]).sort()).toEqual(['abbreviation', 'definition', 'id', 'score', 'status', 'synonyms', 'term']);
  });

  it('ranks exact term, abbreviation, synonym, prefix, then typos, case- and accent-insensitively', async () => {
    const top = async (q: string) => (await s.request('GET', url(starter, `?q=${encodeURIComponent(q)}`), owner)).body.results;
    const sla = await top('sla');
    // Starter terms start proposed: both sides of the workspace sign them (glossary agreement).
    expect(sla[0]).toMatchObject({ term: 'Service level agreement', abbreviation: 'SLA', score: 90, status: 'proposed' });
    expect((await top('Conversion'))[0]).toMatchObject({ term: 'Conversion', score: 100 });
    expect((await top('Conversion'))[1]).toMatchObject({ term: 'Conversion rate' });
    expect((await top('ATTRITION'))[0]).toMatchObject({ term: 'Churn', score: 80 });
    expect((await top('chu'))[0].term).toBe('Churn');
    expect((await top('chrun'))[0].term).toBe('Churn');
    expect((await top('atribution'))[0].term).toBe('Attribution');
    expect((await top('tóuchpóint'))[0].term).toBe('Touchpoint');
    expect(await top('zzzz')).toEqual([]);
    const limited = await s.request('GET', url(starter, '?q=c&limit=2'), owner);
    expect(limited.body.results).toHaveLength(2);
  });

  it('refuses outsiders and anonymous callers with 404, and bad parameters with 400', async () => {
    const outsider = await s.signUp('Oscar Outsider');
    expect((await s.request('GET', url(starter, '?q=sla'), outsider)).status).toBe(404);
    expect((await s.request('GET', url(starter), {})).status).toBe(404);
    expect((await send('POST', url(starter, '/import'), outsider, 'term\nX')).status).toBe(404);
    const bad = await s.request('GET', url(starter, '?limit=1000'), owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'limit' });
  });

  it('round-trips the glossary through CSV: export, import elsewhere, export again', async () => {
    const exported = await send('GET', `/api/workspaces/${starter}/glossary.csv`, owner);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    // `approvals` is for readers; the import ignores it (only signatures agree a term).
    expect(exported.text.split('\r\n')[0]).toBe('term,abbreviation,definition,IT meaning,marketing meaning,synonyms,status,approvals');
    // A byte-order mark first, so spreadsheets read the file as UTF-8 (fetch's text() hides it).
    const raw = await fetch(`${s.httpUrl}/api/workspaces/${starter}/glossary.csv`, { headers: headersFor(owner) });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const imported = await send('POST', url(blank, '/import'), owner, exported.text);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ added: STARTER_GLOSSARY_SIZE, updated: 0, unchanged: 0, rejected: 0 });
    expect(imported.body.rows.every((r: { id?: string }) => typeof r.id === 'string')).toBe(true);

    const again = await send('GET', url(blank, '?format=csv'), owner);
    expect(again.text).toBe(exported.text);
    const twice = await send('POST', url(blank, '/import'), owner, again.text);
    expect(twice.body).toMatchObject({ added: 0, updated: 0, unchanged: STARTER_GLOSSARY_SIZE, rejected: 0 });
  });

  // Uses the glossary the round trip above imported into `blank`.
  it('imports through the sync engine: stored, seen live by an open client, and stamped with who did it', async () => {
    const client = s.client(owner, blank, 'glossary');
    await client.synced();
    const token = await s.createToken(owner, blank, 'editor');
    const csv = 'Term;IT meaning;Synonyms\n"Lead time";"Commit to production";"cycle time; delivery time"\nChurn;Code churn;\n';
    const res = await send('POST', url(blank, '/import'), token, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ added: 1, updated: 1, rejected: 0 });

    await waitFor(() => readGlossary(client.doc).some((t) => t.term === 'Lead time'), 'the imported term at the open client');
    const live = readGlossary(client.doc);
    expect(live.find((t) => t.term === 'Lead time')).toMatchObject({ it: 'Commit to production', synonyms: ['cycle time', 'delivery time'], status: 'proposed' });
    const churn = live.find((t) => t.term === 'Churn')!;
    expect(churn.it).toBe('Code churn');
    expect(churn.updatedBy).toMatch(/^token:/);
    expect(churn.marketing).not.toBe('');
    const stored = readGlossary(await readStored(s.database, { workspaceId: blank, doc: 'glossary' }));
    expect(stored.find((t) => t.term === 'Lead time')).toBeDefined();
    const found = await s.request('GET', url(blank, '?q=cycle%20time'), owner);
    expect(found.body.results[0]).toMatchObject({ term: 'Lead time', score: 80 });
  });

  it('reports each rejected row with its reason, and refuses a file without a term column', async () => {
    const csv = ['term,status,abbreviation', 'Funnel,approved,', ',agreed,X', 'Funnel,agreed,', `${'x'.repeat(200)},,`, 'funnel,,'].join('\n');
    const res = await send('POST', url(blank, '/import'), owner, csv);
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      { row: 2, term: 'Funnel', outcome: 'rejected', reason: expect.stringContaining('Unknown status') },
      { row: 3, term: '', outcome: 'rejected', reason: 'The term is empty.' },
      { row: 4, term: 'Funnel', outcome: 'added', id: expect.any(String) },
      { row: 5, term: 'x'.repeat(200), outcome: 'rejected', reason: expect.stringContaining('longer than') },
      { row: 6, term: 'funnel', outcome: 'rejected', reason: 'The same term as row 4.' },
    ]);
    const noTerm = await send('POST', url(blank, '/import'), owner, 'name of thing,definition\nA,B');
    expect(noTerm.status).toBe(400);
    expect(noTerm.body.error).toMatchObject({ code: 'invalid_field', field: 'term' });
    expect((await send('POST', url(blank, '/import'), owner, '')).status).toBe(400);
  });

  it('lets viewers read and export, and refuses their imports with 403 and no change', async () => {
    const viewer = await s.addMember(owner, starter, 'viewer', 'marketing');
    const viewerToken = await s.createToken(owner, starter, 'viewer');
    const before = await s.request('GET', url(starter), owner);
    expect((await s.request('GET', url(starter, '?q=nps'), viewer)).body.results[0].abbreviation).toBe('NPS');
    expect((await send('GET', `/api/workspaces/${starter}/glossary.csv`, viewerToken)).status).toBe(200);
    for (const who of [viewer, viewerToken]) {
      const refused = await send('POST', url(starter, '/import'), who, 'term\nSneaky');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await s.request('GET', url(starter), owner)).body).toEqual(before.body);
  });

  it('starts a workspace without a glossary unless the starter is asked for', async () => {
    const created = await s.request('POST', '/api/workspaces', owner, { name: 'Empty' });
    expect((await s.request('GET', url(created.body.id), owner)).body).toEqual({ results: [] });
  });
});
