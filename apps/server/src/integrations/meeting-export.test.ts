import {
  addAction,
  addAgendaItem,
  addDecision,
  addAttendees,
  createMeeting,
  endMeeting,
  findMeeting,
  presentItem,
  snapshotKpis,
  startMeeting,
} from '@troika/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, waitFor, type Person, type SyncClient, type SyncServer } from '../test/sync-harness';

describe('workspace export: meetings', () => {
  let s: SyncServer;
  let owner: Person;
  let member: Person;
  let workspaceId: string;
  let meetings: SyncClient;
  let heldId: string;
  const url = (format: string) => `/api/workspaces/${workspaceId}/export?format=${format}`;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp('Olga Owner');
    workspaceId = (await s.request('POST', '/api/workspaces', owner, { name: 'Acme leadership', starter: true })).body.id;
    member = await s.addMember(owner, workspaceId, 'editor', 'cmo');
    const kpis = (await s.request('GET', `/api/workspaces/${workspaceId}/kpis`, owner)).body.kpis as { id: string; name: string }[];
    const conversion = kpis.find((k) => k.name === 'Online conversion rate')!;
    await s.request('POST', `/api/workspaces/${workspaceId}/kpis/${conversion.id}/values`, owner, { at: '2026-03-01', value: 2.1 });

    const board = s.client(owner, workspaceId, 'board');
    meetings = s.client(owner, workspaceId, 'meetings');
    await Promise.all([board.synced(), meetings.synced()]);
    await waitFor(() => snapshotKpis(board.doc).some((k) => k.latest?.value === 2.1), 'the value on the board');

    const doc = meetings.doc;
    heldId = createMeeting(doc, { title: 'March troika review', date: '2026-03-12' });
    const item = addAgendaItem(doc, heldId, { title: 'Online conversion rate', ref: { kind: 'kpi', id: conversion.id }, duration: 10 });
    startMeeting(doc, heldId, owner.id, '2026-03-12T10:00:00.000Z');
    presentItem(doc, heldId, item, `/w/${workspaceId}/meetings/${heldId}?item=${item}`, '2026-03-12T10:00:00.000Z');
    addAttendees(doc, heldId, [member.id]);
    addDecision(doc, heldId, { text: 'Move budget to checkout fixes', itemId: item }, { id: owner.id, at: '2026-03-12T10:12:00.000Z' });
    addAction(doc, heldId, { text: 'Call the payment provider', owner: member.id, due: '2026-03-30', itemId: item }, { id: owner.id, at: '2026-03-12T10:20:00.000Z' });
    const people = new Map([
      [owner.id, 'Olga Owner'],
      [member.id, 'Mia Member'],
    ]);
    endMeeting(doc, heldId, { kpis: snapshotKpis(board.doc), people, at: '2026-03-12T10:50:00.000Z' });
    const next = createMeeting(doc, { title: 'April troika review', date: '2999-04-09' });
    addAgendaItem(doc, next, { title: 'Overdue actions', ref: { kind: 'meeting', id: heldId }, duration: null });
    await waitFor(async () => (await s.request('GET', url('json'), owner)).body.meetings?.length === 2, 'the meetings reached the server');
  });
  afterAll(() => s.stop());

  it('includes every meeting in the JSON export, the held one with its minutes', async () => {
    const res = await s.request('GET', url('json'), owner);
    expect(res.status).toBe(200);
    const [upcoming, held] = res.body.meetings;
    expect(upcoming).toMatchObject({ title: 'April troika review', phase: 'planned', kpis: null, agenda: [{ title: 'Overdue actions', ref: { kind: 'meeting', id: heldId } }] });
    expect(held).toMatchObject({
      id: heldId,
      title: 'March troika review',
      date: '2026-03-12',
      phase: 'ended',
      endedAt: '2026-03-12T10:50:00.000Z',
      presenter: { id: owner.id, name: 'Olga Owner' },
      attendees: [
        { id: owner.id, name: 'Olga Owner' },
        { id: member.id, name: 'Mia Member' },
      ],
      decisions: [{ text: 'Move budget to checkout fixes', item: 'Online conversion rate', by: { id: owner.id, name: 'Olga Owner' } }],
      actions: [{ text: 'Call the payment provider', owner: { id: member.id }, due: '2026-03-30', done: false, overdue: true, item: 'Online conversion rate' }],
    });
    expect(held.decisions[0].present.map((p: { name: string }) => p.name).sort()).toEqual(['Mia Member', 'Olga Owner']);
    expect(held.kpis.find((k: { name: string }) => k.name === 'Online conversion rate')).toMatchObject({ latest: { at: '2026-03-01', value: 2.1 }, status: 'off-track' });
    expect(held.agenda[0].spentMs).toBe(50 * 60_000);
  });

  it('includes the minutes in the Markdown export', async () => {
    const res = await s.request('GET', url('md'), owner);
    expect(res.status).toBe(200);
    const md = res.text;
    expect(md).toContain('\n## Meetings\n');
    expect(md).toContain('### March troika review (12 March 2026)');
    expect(md).toContain('Minutes of the meeting held on 12 March 2026, 10:00 to 10:50 (UTC). Presented by Olga Owner.');
    expect(md).toContain('**Present:** Olga Owner, Mia Member');
    expect(md).toContain('- **Online conversion rate:** Move budget to checkout fixes');
    expect(md).toContain('| Call the payment provider | Mia Member | 2026-03-30 | Overdue | Online conversion rate |');
    expect(md).toContain('| Online conversion rate | 2.1% (2026-03-01) | 3.5% | Off track |');
    expect(md).toContain('### April troika review (9 April 2999)');
    expect(md).toContain('This meeting has not been held yet.');
  });

  it('writes the minutes in the time zone asked for, dated by the day held there', async () => {
    // 10:00 UTC on 12 March is midnight of the 13th at UTC+14, and 03:00 on the 12th in Los Angeles.
    const east = (await s.request('GET', `${url('md')}&tz=Pacific/Kiritimati`, owner)).text;
    expect(east).toContain('Minutes of the meeting held on 13 March 2026, 00:00 to 00:50 (Pacific/Kiritimati) (planned for 12 March 2026).');
    const west = (await s.request('GET', `${url('md')}&tz=America/Los_Angeles`, owner)).text;
    expect(west).toContain('held on 12 March 2026, 03:00 to 03:50 (America/Los_Angeles).');
    const bad = await s.request('GET', `${url('md')}&tz=Mars/Olympus`, owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'tz' });
  });

  it('shows a meeting edit made a moment ago, and lets viewers export meetings', async () => {
    addAction(meetings.doc, heldId, { text: 'Send the minutes', owner: owner.id, due: null, itemId: null }, { id: owner.id });
    await waitFor(async () => (await s.request('GET', url('md'), owner)).text.includes('| Send the minutes | Olga Owner |'), 'the new action in the export');
    const viewer = await s.addMember(owner, workspaceId, 'viewer', 'marketing');
    const res = await s.request('GET', url('json'), viewer);
    expect(res.status).toBe(200);
    expect(res.body.meetings).toHaveLength(2);
    expect(findMeeting(meetings.doc, heldId)?.actions).toHaveLength(2);
  });

  it('says when there are no meetings', async () => {
    const empty = await s.createWorkspace(owner, 'Empty');
    expect((await s.request('GET', `/api/workspaces/${empty}/export?format=json`, owner)).body.meetings).toEqual([]);
    expect((await s.request('GET', `/api/workspaces/${empty}/export?format=md`, owner)).text).toContain('## Meetings\n\nNo meetings yet.');
  });
});
