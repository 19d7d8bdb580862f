import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type Person, type SyncServer } from '../test/sync-harness';

describe('the workspace export with its conversations', () => {
  let s: SyncServer;
  let owner: Person;
  let viewer: Person;
  let ws: string;
  let kpi: { id: string; name: string };

  beforeAll(async () => {
    s = await startSyncServer({ env: { WATCH_POLL_MS: '60000' } });
    owner = await s.signUp('Olga Owner');
    ws = (await s.request('POST', '/api/workspaces', owner, { name: 'Acme', starter: true })).body.id;
    viewer = await s.addMember(owner, ws, 'viewer', 'business');
    kpi = (await s.request('GET', `/api/workspaces/${ws}/kpis`, owner)).body.kpis[0];
    const t = await s.request('POST', `/api/workspaces/${ws}/threads`, viewer, { target: { kind: 'kpi', id: kpi.id }, body: 'Why <b>this</b>?\n[click](javascript:alert(1))', mentions: [owner.id] });
    await s.request('POST', `/api/workspaces/${ws}/threads/${t.body.id}/comments`, owner, { body: '**Because**' });
  });
  afterAll(() => s.stop());

  it('lists threads under `threads` in the JSON export, with names and the target\'s title', async () => {
    const res = await s.request('GET', `/api/workspaces/${ws}/export?format=json`, viewer);
    expect(res.status).toBe(200);
    expect(res.body.threads).toHaveLength(1);
    expect(res.body.threads[0]).toMatchObject({
      target: { kind: 'kpi', id: kpi.id, title: kpi.name },
      resolved: false,
      createdBy: viewer.id,
      comments: [
        { author: viewer.id, body: 'Why <b>this</b>?\n[click](javascript:alert(1))', mentions: [owner.id], mentionNames: ['Olga Owner'] },
        { author: owner.id, authorName: 'Olga Owner', body: '**Because**' },
      ],
    });
  });

  it('writes a Conversations section in the Markdown export, comments as escaped plain text', async () => {
    const res = await s.request('GET', `/api/workspaces/${ws}/export?format=md`, viewer);
    expect(res.status).toBe(200);
    const section = res.text.slice(res.text.indexOf('## Conversations'));
    expect(section).toContain('(open)');
    expect(section).toContain('> Why &lt;b&gt;this&lt;/b&gt;?');
    // Rendered as a permissive renderer would (raw HTML on, any link scheme): the text stays text.
    const markdown = new MarkdownIt({ html: true });
    markdown.validateLink = () => true;
    const html = markdown.render(section);
    expect(html).not.toMatch(/<b>|<a /);
    expect(html).not.toContain('<strong>Because</strong>');
    expect(html).toContain('[click](javascript:alert(1))');
    expect(html).toContain('**Because**');
  });
});
