import {
  addNote,
  addPainPoint,
  addStage,
  addTouchpoint,
  castVote,
  createJourney,
  exportJourney,
  linkKpi,
  readBoard,
  readJourneys,
  summariseKpi,
} from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startSyncServer, waitFor, type Person, type SyncClient, type SyncServer } from '../test/sync-harness';

describe('workspace export', () => {
  let s: SyncServer;
  let owner: Person;
  let workspaceId: string;
  let journeys: SyncClient;
  let journeyId: string;
  let kpiId: string;
  const url = (format?: string) => `/api/workspaces/${workspaceId}/export${format ? `?format=${format}` : ''}`;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    const created = await s.request('POST', '/api/workspaces', owner, { name: 'Acme leadership', starter: true });
    workspaceId = created.body.id;
    const kpis = await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner);
    kpiId = kpis.body.kpis.find((k: { name: string }) => k.name === 'Online conversion rate').id;
    await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${kpiId}/values`, owner, { at: '2026-11-01', value: 3.2 });

    // The glossary, written plainly in the shape of DESIGN.md (as any program may write it).
    const glossary = s.client(owner, workspaceId, 'glossary');
    await glossary.synced();
    glossary.doc.transact(() => {
      const term = new Y.Map<unknown>();
      term.set('term', 'Customer lifetime value');
      term.set('abbreviation', 'CLV');
      term.set('definition', new Y.Text('What a customer is worth over the whole relationship.'));
      term.set('it', new Y.Text('A column in the data warehouse.'));
      term.set('marketing', new Y.Text('The budget ceiling for acquisition.'));
      term.set('synonyms', Y.Array.from(['LTV']));
      term.set('related', new Y.Array());
      // A client may not write `agreed` (only both sides' signatures through the API make it).
      term.set('status', 'proposed');
      glossary.doc.getMap('terms').set('t1', term);
    });

    journeys = s.client(owner, workspaceId, 'journeys');
    await journeys.synced();
    const doc = journeys.doc;
    journeyId = createJourney(doc, { title: 'Online purchase', persona: 'Busy parent' });
    const buy = addStage(doc, journeyId, { name: 'Buy', emotion: -2 });
    const checkout = addTouchpoint(doc, journeyId, buy, { name: 'Checkout | payment', channel: 'web' });
    const pain = addPainPoint(doc, journeyId, {
      title: 'Card declined',
      description: 'The bank times out.',
      stageId: buy,
      touchpointId: checkout,
      severity: 5,
      customersAffected: 4000,
      side: 'back',
      owners: ['cio'],
      status: 'open',
      kpis: [],
    });
    linkKpi(doc, journeyId, pain, kpiId);
    castVote(doc, journeyId, pain, owner.id);
    addNote(doc, journeyId, { text: 'Ask the payment provider', stageId: buy, x: 12, y: 40, color: 'pink', author: owner.id });
    await waitFor(async () => (await s.request('GET', url('json'), owner)).body.journeys.length === 1, 'the journey reached the server');
  });
  afterAll(() => s.stop());

  it('exports JSON that matches the documents', async () => {
    const res = await s.request('GET', url('json'), owner);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = res.body;
    expect(body.workspace).toEqual({ id: workspaceId, name: 'Acme leadership' });
    expect(Number.isNaN(Date.parse(body.exportedAt))).toBe(false);

    const board = s.client(owner, workspaceId, 'board');
    await board.synced();
    const kpis = readBoard(board.doc);
    expect(body.board.kpis.map((k: { id: string }) => k.id)).toEqual(kpis.map((k) => k.id));
    const conversion = body.board.kpis.find((k: { id: string }) => k.id === kpiId);
    expect(conversion).toMatchObject({ ...summariseKpi(kpis.find((k) => k.id === kpiId)!), values: [{ at: '2026-11-01', value: 3.2 }] });

    // The starter glossary is there too; the term written by hand comes out exactly as written.
    expect(body.glossary.terms.length).toBeGreaterThan(1);
    expect(body.glossary.terms.filter((t: { id: string }) => t.id === 't1')).toEqual([
      {
        id: 't1',
        term: 'Customer lifetime value',
        abbreviation: 'CLV',
        definition: 'What a customer is worth over the whole relationship.',
        it: 'A column in the data warehouse.',
        marketing: 'The budget ceiling for acquisition.',
        synonyms: ['LTV'],
        status: 'proposed',
        approvals: [],
      },
    ]);

    const expected = exportJourney(readJourneys(journeys.doc)[0]!, {
      kpis: new Map([[kpiId, { name: conversion.name, status: conversion.status }]]),
      people: new Map([[owner.id, 'Olga Owner']]),
    });
    expect(body.journeys).toEqual([JSON.parse(JSON.stringify(expected))]);
    expect(body.journeys[0].painPoints[0]).toMatchObject({ title: 'Card declined', votes: 1, kpis: [{ id: kpiId, name: 'Online conversion rate', status: 'at-risk' }] });
    expect(body.journeys[0].notes[0]).toMatchObject({ authorName: 'Olga Owner', stage: 'Buy' });
  });

  it('defaults to JSON', async () => {
    const res = await s.request('GET', url(), owner);
    expect(res.status).toBe(200);
    expect(res.body.journeys).toHaveLength(1);
  });

  it('exports Markdown as a download named after the workspace', async () => {
    const res = await s.request('GET', url('md'), owner);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="troika-acme-leadership-\d{4}-\d{2}-\d{2}\.md"$/);
    const md = res.text;
    expect(md).toMatch(/^# Acme leadership\n/);
    expect(md).toContain('## Board');
    expect(md).toMatch(/\| Online conversion rate \| outcome \| .* \| 3.2% \(2026-11-01\) \| At risk \|/);
    expect(md).toMatch(/KPIs are jointly owned across the troika's sides \(\d+ %\): [A-Z]/);
    expect(md).toContain('### Customer lifetime value (CLV)');
    expect(md).toContain('**For IT:** A column in the data warehouse.');
    expect(md).toContain('### Online purchase');
    expect(md).toContain('| 1 | Card declined | Buy | Checkout \\| payment | 5 | 4,000 | 1 | Back office | CIO | Open | Online conversion rate (at-risk) |');
    expect(md).toContain('- **Buy**: Ask the payment provider (Olga Owner)');
  });

  it('includes an edit made a moment ago by someone on the map', async () => {
    addStage(journeys.doc, journeyId, { name: 'Deliver', emotion: 1 });
    await waitFor(async () => (await s.request('GET', url('md'), owner)).text.includes('| Deliver |'), 'the new stage in the export');
  });

  it('lets viewers and viewer tokens export, and hides the workspace from others', async () => {
    const viewer = await s.addMember(owner, workspaceId, 'viewer', 'marketing');
    expect((await s.request('GET', url('json'), viewer)).status).toBe(200);
    const token = await s.createToken(owner, workspaceId, 'viewer');
    expect((await s.request('GET', url('md'), token)).status).toBe(200);
    const outsider = await s.signUp('Oscar Outsider');
    const refused = await s.request('GET', url('json'), outsider);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('Card declined');
    expect((await s.request('GET', url('json'))).status).toBe(404);
  });

  it('refuses an unknown format naming the field', async () => {
    const res = await s.request('GET', url('pdf'), owner);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'format' });
  });

  it('exports an empty workspace', async () => {
    const empty = await s.createWorkspace(owner, 'Empty');
    const res = await s.request('GET', `/api/workspaces/${empty}/export?format=json`, owner);
    expect(res.body).toMatchObject({ workspace: { id: empty, name: 'Empty' }, board: { kpis: [] }, glossary: { terms: [] }, journeys: [] });
    const md = await s.request('GET', `/api/workspaces/${empty}/export?format=md`, owner);
    expect(md.text).toContain('No journeys yet.');
  });
});
