import { addAction, addAgendaItem, addAttendees, addDecision, addNote, addPainPoint, addStage, createJourney, createKpi, createMeeting, newPainPointInput } from '@troika/model';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startSyncServer, waitFor, type Person, type SyncServer } from '../test/sync-harness';

/**
 * Issue 11, finding 6: the Markdown export passed raw HTML, `javascript:` links and line breaks that
 * forge headings or table rows. Every user-written field of every document is written hostile here
 * (straight into the documents, as any client may), the export is fetched over HTTP, and rendered
 * the way a permissive renderer would: raw HTML on, every link scheme allowed.
 */
const HTML = '<img src=x onerror=alert(1)>';
const LINK = '[click me](javascript:alert(1))';
const FORGE = '\n# Forged heading\n| forged | row |';

describe('the Markdown export writes user text as text', () => {
  let s: SyncServer;
  let owner: Person;
  let workspaceId: string;

  beforeAll(async () => {
    s = await startSyncServer();
    owner = await s.signUp(`Eve ${HTML}`);
    workspaceId = await s.createWorkspace(owner, `Acme ${LINK}`);
    const open = async (doc: string) => {
      const client = s.client(owner, workspaceId, doc);
      await client.synced();
      return client;
    };

    const board = await open('board');
    createKpi(board.doc, { name: `Revenue ${HTML} | ${LINK}`, kind: 'outcome', category: 'cost-revenue', owners: ['cio', 'cmo'], unit: `<b>€</b>`, direction: 'up', target: 10 });

    const glossary = await open('glossary');
    glossary.doc.transact(() => {
      const term = new Y.Map<unknown>();
      term.set('term', `Churn${FORGE}`);
      term.set('abbreviation', HTML);
      term.set('definition', new Y.Text(`<script>alert(1)</script>${FORGE}\n- forged item`));
      term.set('it', new Y.Text(LINK));
      term.set('marketing', new Y.Text(`**${HTML}**`));
      term.set('synonyms', Y.Array.from([LINK]));
      term.set('related', new Y.Array());
      term.set('status', 'proposed');
      glossary.doc.getMap('terms').set('t1', term);
    });

    const journeys = await open('journeys');
    const journeyId = createJourney(journeys.doc, { title: `Trip${FORGE}`, persona: HTML });
    const stage = addStage(journeys.doc, journeyId, { name: `Buy ${LINK}`, emotion: 0 });
    addPainPoint(journeys.doc, journeyId, newPainPointInput(stage, null, `${LINK}${FORGE}`, { description: `${HTML}${FORGE}` }));
    addNote(journeys.doc, journeyId, { text: `<iframe src=x></iframe>${FORGE}`, stageId: stage, x: 0, y: 0, color: 'pink', author: owner.id });

    const meetings = await open('meetings');
    const meetingId = createMeeting(meetings.doc, { title: `Review${FORGE}`, date: '2026-12-01' });
    addAttendees(meetings.doc, meetingId, [owner.id]);
    const item = addAgendaItem(meetings.doc, meetingId, { title: `${HTML}${FORGE}`, ref: null, duration: 10 });
    addDecision(meetings.doc, meetingId, { text: `${LINK}${FORGE}`, itemId: item }, { id: owner.id });
    addAction(meetings.doc, meetingId, { text: `Do it${FORGE}`, owner: owner.id, due: null, itemId: item }, { id: owner.id });

    await waitFor(async () => {
      const res = await s.request('GET', `/api/workspaces/${workspaceId}/export?format=json`, owner);
      return res.body.glossary?.terms.length === 1 && res.body.journeys?.[0]?.notes.length === 1 && res.body.meetings?.[0]?.actions.length === 1 && res.body.board.kpis.length === 1;
    }, 'every document reached the server');
  });
  afterAll(() => s.stop());

  it('shows raw HTML, links and forged headings or rows as the text they were typed as', async () => {
    const res = await s.request('GET', `/api/workspaces/${workspaceId}/export?format=md`, owner);
    expect(res.status).toBe(200);
    const markdown = MarkdownIt({ html: true, linkify: true });
    markdown.validateLink = () => true;
    const html = markdown.render(res.text);

    // No user-written element, link or handler made it into the page.
    expect(html).not.toMatch(/<(img|script|iframe|b)\b/i);
    expect(html).not.toMatch(/<a\b/i);
    expect(html).not.toMatch(/href=/i);
    // ...yet the text is all there, as typed.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click me](javascript:alert(1))');

    // No heading and no table row of the export came from user text.
    const headings = [...html.matchAll(/<h[1-6]>([\s\S]*?)<\/h[1-6]>/g)].map((m) => m[1]!);
    expect(headings.filter((h) => /^(Forged|forged)/.test(h))).toEqual([]);
    expect(html).not.toMatch(/<td>\s*(forged|row)\s*<\/td>/);
    expect(html).not.toMatch(/<li>forged item/);
    // The KPI's name stays in its one cell, pipes and all.
    expect(html).toContain('Revenue &lt;img src=x onerror=alert(1)&gt; | [click me](javascript:alert(1))');
  });
});
