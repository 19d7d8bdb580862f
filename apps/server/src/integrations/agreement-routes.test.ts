import { addTerm, deprecateTerm, mergeTerms, readAgreement, termsOf, updateTerm } from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor, readStored, startSyncServer, waitFor, type Credentials, type Person, type SyncServer } from '../test/sync-harness';

describe('glossary agreement API', () => {
  let s: SyncServer;
  let cio: Person;
  let cmo: Person;
  let it2: Person;
  let viewer: Person;
  let workspaceId: string;

  const approval = (termId: string) => `/api/workspaces/${workspaceId}/glossary/${termId}/approval`;
  const approve = (who: Credentials, termId: string) => s.request('POST', approval(termId), who);
  const withdraw = (who: Credentials, termId: string) => s.request('DELETE', approval(termId), who);
  const stored = async (termId: string) => readAgreement(termsOf(await readStored(s.database, { workspaceId, doc: 'glossary' })).get(termId)!);

  /** A live glossary in someone's hands, as the screen holds it. */
  async function glossaryOf(who: Person) {
    const client = s.client(who, workspaceId, 'glossary');
    await client.synced();
    return client;
  }

  beforeAll(async () => {
    s = await startSyncServer();
    cio = await s.signUp('Cora CIO');
    workspaceId = await s.createWorkspace(cio, 'Acme');
    cmo = await s.addMember(cio, workspaceId, 'editor', 'cmo');
    it2 = await s.addMember(cio, workspaceId, 'editor', 'it');
    viewer = await s.addMember(cio, workspaceId, 'viewer', 'business');
  });
  afterAll(() => s.stop());

  it('agrees a term only when both sides signed after the last change to its meanings, and a later change sends it back', async () => {
    const cioScreen = await glossaryOf(cio);
    const cmoScreen = await glossaryOf(cmo);
    let termId = '';
    cioScreen.doc.transact(() => {
      termId = addTerm(cioScreen.doc, { term: 'Churn', it: 'Accounts closed', marketing: 'Customers lost' });
    });
    await waitFor(() => termsOf(cmoScreen.doc).has(termId), 'the CMO sees the new term');
    updateTerm(cioScreen.doc, termId, { it: 'Accounts closed in the month' });
    await waitFor(async () => (await stored(termId)).meaningBy === cio.id, 'the server records who changed the meaning');

    // The CIO changed the meaning: they cannot be the first to sign it.
    const own = await approve(cio, termId);
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('own_change');

    const first = await approve(cmo, termId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'proposed', approvals: [{ userId: cmo.id, side: 'business' }] });
    const twice = await approve(cmo, termId);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_approved');

    // Reviewed by the other side, the CIO's second try signs for technology: agreed.
    const second = await approve(cio, termId);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('agreed');
    expect(second.body.approvals.map((a: { side: string }) => a.side).sort()).toEqual(['business', 'technology']);
    await waitFor(() => termsOf(cmoScreen.doc).get(termId)?.get('status') === 'agreed', 'agreed reaches the screens live');

    // The CMO rewords the marketing meaning: back to proposed on both screens, "changed since agreed".
    updateTerm(cmoScreen.doc, termId, { marketing: 'Customers who left us' });
    for (const screen of [cioScreen, cmoScreen]) {
      await waitFor(() => {
        const map = termsOf(screen.doc).get(termId)!;
        return map.get('status') === 'proposed' && readAgreement(map).changedSinceAgreed;
      }, 'proposed again, changed since agreed');
    }
    expect(await stored(termId)).toMatchObject({ status: 'proposed', approvals: [], meaningBy: cmo.id, changedSinceAgreed: true });
    expect((await approve(cmo, termId)).body.error.code).toBe('own_change');
    expect((await approve(it2, termId)).body.status).toBe('proposed');
    expect((await approve(cmo, termId)).body.status).toBe('agreed');
    expect((await stored(termId)).changedSinceAgreed).toBe(false);
    cioScreen.destroy();
    cmoScreen.destroy();
  });

  it('withdraws an approval (an agreed term goes back to proposed) and refuses withdrawing one never given', async () => {
    const screen = await glossaryOf(it2);
    const termId = addTerm(screen.doc, { term: 'Lead', it: 'A CRM record', marketing: 'A prospect' });
    await waitFor(async () => termsOf(await readStored(s.database, { workspaceId, doc: 'glossary' })).has(termId), 'stored');
    expect((await withdraw(cmo, termId)).body.error?.code).toBe('not_approved');
    expect((await approve(cmo, termId)).status).toBe(200);
    expect((await approve(cio, termId)).body.status).toBe('agreed');
    const res = await withdraw(cmo, termId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'proposed', approvals: [{ userId: cio.id }] });
    expect((await stored(termId)).status).toBe('proposed');
    screen.destroy();
  });

  it('refuses unknown, deprecated and merged terms, viewers, API tokens and outsiders, changing nothing', async () => {
    const screen = await glossaryOf(cio);
    const deprecated = addTerm(screen.doc, { term: 'Web 2.0' });
    deprecateTerm(screen.doc, deprecated);
    const keep = addTerm(screen.doc, { term: 'CAC' });
    const merged = addTerm(screen.doc, { term: 'Customer acquisition cost' });
    mergeTerms(screen.doc, keep, merged);
    await waitFor(async () => termsOf(await readStored(s.database, { workspaceId, doc: 'glossary' })).get(merged)?.get('mergedInto') === keep, 'stored');

    const cases: [Credentials, string, number, string][] = [
      [cmo, 'no-such-term', 404, 'not_found'],
      [cmo, deprecated, 409, 'term_deprecated'],
      [cmo, merged, 409, 'term_merged'],
      [viewer, keep, 403, 'forbidden'],
      [await s.createToken(cio, workspaceId, 'editor'), keep, 403, 'no_seat'],
      [await s.signUp('Oscar Outsider'), keep, 404, 'not_found'],
    ];
    for (const [who, termId, status, code] of cases) {
      const res = await approve(who, termId);
      expect(res.status, code).toBe(status);
      expect(res.body.error.code, code).toBe(code);
    }
    expect((await stored(keep)).approvals).toEqual([]);
    screen.destroy();
  });

  it("never lets a client's own `agreed` stand: the stored status follows the signatures", async () => {
    const screen = await glossaryOf(cmo);
    const other = await glossaryOf(cio);
    const termId = addTerm(screen.doc, { term: 'MQL', it: 'A lead record flag', marketing: 'A lead ready for nurturing' });
    await waitFor(() => termsOf(other.doc).has(termId), 'term arrives');
    screen.doc.transact(() => termsOf(screen.doc).get(termId)!.set('status', 'agreed'));
    await new Promise((r) => setTimeout(r, 600));
    expect((await stored(termId)).status).toBe('proposed');
    expect(termsOf(other.doc).get(termId)!.get('status')).toBe('proposed');
    screen.destroy();
    other.destroy();
  });

  it('a CSV import never makes a term agreed, and its change to a meaning unsettles an agreed term', async () => {
    const importCsv = (csv: string) =>
      fetch(`${s.httpUrl}/api/workspaces/${workspaceId}/glossary/import`, {
        method: 'POST',
        headers: { ...headersFor(it2), 'content-type': 'text/csv' },
        body: csv,
      }).then((r) => r.json() as Promise<{ rows: { term: string; id?: string }[] }>);
    const report = await importCsv('term,IT meaning,marketing meaning,status\nNPS,Survey score,Promoters minus detractors,agreed\n');
    const termId = report.rows[0]!.id!;
    expect((await stored(termId)).status).toBe('proposed');
    expect((await approve(cio, termId)).status).toBe(200);
    expect((await approve(cmo, termId)).body.status).toBe('agreed');
    await importCsv('term,IT meaning\nNPS,Survey score from the CRM\n');
    expect(await stored(termId)).toMatchObject({ status: 'proposed', approvals: [], meaningBy: it2.id, changedSinceAgreed: true });
  });

  it("tells the other side's members, and only them, that a term waits for their signature", async () => {
    const screen = await glossaryOf(it2);
    const termId = addTerm(screen.doc, { term: 'Bounce rate', it: 'Sessions with one request', marketing: 'Visitors who leave at once' });
    await waitFor(async () => termsOf(await readStored(s.database, { workspaceId, doc: 'glossary' })).has(termId), 'stored');
    const approvalsFor = async (who: Person) =>
      ((await s.request('GET', '/api/notifications?limit=50', who)).body.notifications as { kind: string; text: string; target: unknown }[]).filter(
        (n) => n.kind === 'approval' && n.text.includes('Bounce rate'),
      );
    expect((await approve(cio, termId)).body.status).toBe('proposed');
    await waitFor(async () => (await approvalsFor(cmo)).length === 1, 'the CMO (business) is told');
    expect(await approvalsFor(it2)).toEqual([]);
    expect(await approvalsFor(cio)).toEqual([]);
    // The viewer sits on the business side but cannot sign, so is not asked to.
    expect(await approvalsFor(viewer)).toEqual([]);
    screen.destroy();
  });
});
