import { addTerm, termsOf } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readResponse } from '../test/harness';
import { headersFor, readStored, startSyncServer, waitFor, type Person, type SyncServer } from '../test/sync-harness';

const TERMS = 2000;
const idOf = (i: number) => `t${String(i).padStart(5, '0')}`;

/**
 * Issue 11, finding 1: an editor wrote 2,000 terms each `mergedInto` the next; every export, search and
 * import then re-walked the chain from each term (cubic), holding the server's only thread for seconds.
 * The work is measured as look-ups of Y.Map entries (every read of a term's field or of the terms map),
 * which does not depend on the machine's load the way a timing would.
 */
describe('glossary merge chains over the API', () => {
  let s: SyncServer;
  let owner: Person;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
  });
  afterAll(() => s.stop());

  /** A workspace whose glossary a real y-websocket client filled with TERMS terms, chained or not. */
  async function glossaryOf(chained: boolean): Promise<string> {
    const workspaceId = await s.createWorkspace(owner, chained ? 'Chained' : 'Flat');
    const client = s.client(owner, workspaceId, 'glossary');
    await client.synced();
    client.doc.transact(() => {
      for (let i = 0; i < TERMS; i++) addTerm(client.doc, { term: `Term ${i}`, definition: `Meaning ${i}` }, undefined, idOf(i));
      if (chained) for (let i = 0; i < TERMS - 1; i++) termsOf(client.doc).get(idOf(i))!.set('mergedInto', idOf(i + 1));
    });
    await waitFor(async () => termsOf(await readStored(s.database, { workspaceId, doc: 'glossary' })).size === TERMS, 'the glossary is stored');
    client.destroy();
    return workspaceId;
  }

  /** Exports (JSON, Markdown, CSV), searches, lists and imports; returns the answers and the look-ups they cost. */
  async function useGlossary(workspaceId: string) {
    const get = async (path: string) => {
      const res = await s.request('GET', `/api/workspaces/${workspaceId}${path}`, owner);
      expect(res.status, path).toBe(200);
      return res;
    };
    const spy = vi.spyOn(Y.Map.prototype, 'get');
    try {
      const json = (await get('/export?format=json')).body;
      const md = (await get('/export?format=md')).text;
      const csv = (await get('/glossary.csv')).text;
      const search = (await get(`/glossary?q=${encodeURIComponent('Term 1999')}`)).body.results;
      const list = (await get('/glossary')).body.results;
      const imported = await readResponse(
        await fetch(`${s.httpUrl}/api/workspaces/${workspaceId}/glossary/import`, {
          method: 'POST',
          headers: { ...headersFor(owner), 'content-type': 'text/csv' },
          body: 'term,definition\nTerm 1999,Changed meaning\nBrand new,New meaning\n',
        }),
      );
      expect(imported.status).toBe(200);
      return { json, md, csv, search, list, imported: imported.body, lookups: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it('exports, searches and imports a 2,000-term chain with no more work than the same glossary unchained', async () => {
    const flat = await useGlossary(await glossaryOf(false));
    const chained = await useGlossary(await glossaryOf(true));

    expect(flat.json.glossary.terms).toHaveLength(TERMS);
    expect(flat.list).toHaveLength(TERMS);
    // The chain's end is the one live term; every other is hidden, in every answer.
    expect(chained.json.glossary.terms.map((t: { id: string }) => t.id)).toEqual([idOf(TERMS - 1)]);
    expect(chained.list.map((t: { id: string }) => t.id)).toEqual([idOf(TERMS - 1)]);
    expect(chained.search[0]).toMatchObject({ id: idOf(TERMS - 1), term: 'Term 1999', score: 100 });
    expect(chained.md).toContain('Term 1999');
    expect(chained.md).not.toContain('Term 1998');
    expect(chained.csv.trim().split('\r\n')).toHaveLength(2);
    expect(chained.imported).toMatchObject({ added: 1, updated: 1 });

    // Before the fix the chained glossary cost about 3,000 times more look-ups than the flat one.
    expect(chained.lookups).toBeLessThanOrEqual(3 * flat.lookups);
    // Real work (two glossaries of 2,000 terms written, stored, exported three ways and imported): a
    // loaded two-core machine needs more than the default 30 s; the assertion above is on work, not time.
  }, 120_000);
});
