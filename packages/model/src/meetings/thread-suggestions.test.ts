import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMeeting } from './meeting-doc';
import { minutesMarkdown } from './minutes';
import { addDecision } from './outcome-doc';
import { findMeeting } from './read-meeting';
import type { Thread } from '../conversations/types';
import { item, meeting } from './test-fixtures';
import { threadAgendaSuggestions } from './thread-suggestions';

const thread = (id: string, kind: Thread['target']['kind'], target: string, at: string, over: Partial<Thread> = {}): Thread => ({
  id,
  target: { kind, id: target },
  resolved: false,
  createdAt: at,
  createdBy: 'ada',
  comments: [{ id: `${id}c`, author: 'bea', body: `Why   is\n${target} like this?`, mentions: [], createdAt: at, editedAt: null }],
  ...over,
});

const titles: Record<string, string> = { 'kpi:k1': 'Conversion', 'kpi:k2': 'Uptime', 'term:t1': 'Churn', 'painPoint:p1': 'Card declined' };
const titleOf = (ref: { kind: string; id: string }) => titles[`${ref.kind}:${ref.id}`] ?? null;

describe('open conversations as agenda suggestions', () => {
  it('suggests each object with open threads once, latest activity first, leaving out what the agenda has, resolved threads, other kinds and deleted objects', () => {
    const threads = [
      thread('a', 'kpi', 'k1', '2026-03-01T10:00:00Z'),
      thread('b', 'term', 't1', '2026-03-03T10:00:00Z'),
      thread('c', 'kpi', 'k1', '2026-03-04T10:00:00Z'),
      thread('d', 'kpi', 'k2', '2026-03-05T10:00:00Z'),
      thread('e', 'painPoint', 'p1', '2026-03-02T10:00:00Z', { resolved: true }),
      thread('f', 'note', 'n1', '2026-03-06T10:00:00Z'),
      thread('g', 'kpi', 'deleted', '2026-03-07T10:00:00Z'),
    ];
    const m = meeting({ agenda: [item({ ref: { kind: 'kpi', id: 'k2' } })] });
    const out = threadAgendaSuggestions(threads, m, titleOf);
    expect(out.map((s) => [s.ref.kind, s.ref.id, s.title, s.threads.map((t) => t.id)])).toEqual([
      ['kpi', 'k1', 'Conversion', ['c', 'a']],
      ['term', 't1', 'Churn', ['b']],
    ]);
    expect(out[0]!.excerpt).toEqual({ author: 'bea', body: 'Why is k1 like this?' });
    expect(out[0]!.at).toBe('2026-03-04T10:00:00Z');
  });

  it('keeps the thread a decision was recorded from, and the minutes say where it came from', () => {
    const doc = new Y.Doc();
    createMeeting(doc, { title: 'Troika', date: '2026-03-12' }, 'm1');
    const from = { id: 'th1', target: { kind: 'kpi' as const, id: 'k1' }, title: 'Conversion' };
    addDecision(doc, 'm1', { text: 'Lower the target', itemId: null, thread: from }, { id: 'ada', at: '2026-03-12T10:05:00Z' });
    addDecision(doc, 'm1', { text: 'Meet monthly', itemId: null }, { id: 'ada', at: '2026-03-12T10:06:00Z' });
    const m = findMeeting(doc, 'm1')!;
    expect(m.decisions.map((d) => d.thread)).toEqual([from, null]);
    const md = minutesMarkdown(m, { people: new Map([['ada', 'Ada']]), today: '2026-03-12' });
    expect(md).toContain('- Lower the target _(recorded by Ada at 10:05; present: Ada; from the conversation on KPI “Conversion”)_');
    expect(md).toContain('- Meet monthly _(recorded by Ada at 10:06; present: Ada)_');
  });
});
