import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, startThread } from './comments-doc';
import { markdownText } from '../shared/markdown';
import { exportThreads, threadsMarkdown } from './thread-export';

describe('thread export', () => {
  it('resolves target titles and names, newest activity first', () => {
    const comments = new Y.Doc();
    const board = new Y.Doc();
    const kpi = new Y.Map<unknown>();
    kpi.set('name', 'Churn');
    board.getMap('kpis').set('k1', kpi);
    const { threadId } = startThread(comments, { kind: 'kpi', id: 'k1' }, { author: 'u1', body: 'Why?', mentions: ['u2'], at: '2026-12-01T10:00:00.000Z' });
    addComment(comments, threadId, { author: 'token:t1', body: 'Because.', mentions: [], at: '2026-12-01T11:00:00.000Z' });
    const [t] = exportThreads(comments, { board }, new Map([['u1', 'Ada'], ['u2', 'Bob']]));
    expect(t).toMatchObject({ target: { kind: 'kpi', id: 'k1', title: 'Churn' }, createdByName: 'Ada' });
    expect(t!.comments.map((c) => [c.authorName, c.mentionNames])).toEqual([
      ['Ada', ['Bob']],
      ['API token', []],
    ]);
  });

  it('writes comments as plain text: HTML, links and emphasis come out as typed', () => {
    // One escaping for every Markdown writer (shared/markdown.ts): brackets escaped, no link can form.
    expect(markdownText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdownText('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    const comments = new Y.Doc();
    startThread(comments, { kind: 'term', id: 't' }, { author: 'u1', body: '# not a heading\n**not bold** <b>x</b>', mentions: [], at: '2026-12-01T10:00:00.000Z' });
    const md = threadsMarkdown(exportThreads(comments, {}, new Map([['u1', 'Ada <admin>']])));
    expect(md).toContain('**Ada &lt;admin&gt;**, 2026-12-01 10:00 UTC:');
    expect(md).toContain('> \\# not a heading\n> \\*\\*not bold\\*\\* &lt;b&gt;x&lt;/b&gt;');
    expect(md).not.toMatch(/<b>|<script|\]\(javascript/);
  });
});
