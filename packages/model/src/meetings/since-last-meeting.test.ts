import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createMeeting } from './meeting-doc';
import { minutesMarkdown } from './minutes';
import { findMeeting } from './read-meeting';
import { keepSinceRecord } from './run-doc';
import { sinceItems, sinceOnAgenda, type ChangeLike } from './since-last-meeting';
import { readSinceRecord } from './since-record';
import { meeting } from './test-fixtures';

const journey = { kind: 'journey' as const, id: 'j1', title: 'Online checkout' };
const earlier = { kind: 'meeting' as const, id: 'm0', title: 'November troika' };

const changes: ChangeLike[] = [
  { kind: 'term', id: 't1', title: 'Churn', change: 'added', fields: [], by: ['bea'] },
  {
    kind: 'kpi',
    id: 'k1',
    title: 'Conversion',
    change: 'changed',
    fields: [
      { field: 'description', from: 'a', to: 'b' },
      { field: 'value', at: '2026-11-01', from: null, to: 2.1 },
      { field: 'status', from: 'on-track', to: 'off-track' },
    ],
    by: ['ada'],
  },
  { kind: 'kpi', id: 'k2', title: 'Uptime', change: 'changed', fields: [{ field: 'owners', from: ['cio'], to: ['cio', 'cmo'] }] },
  { kind: 'term', id: 't2', title: 'Lead', change: 'changed', fields: [{ field: 'status', from: 'proposed', to: 'agreed' }] },
  { kind: 'term', id: 't3', title: 'MQL', change: 'changed', fields: [{ field: 'definition', from: 'x', to: 'y' }] },
  { kind: 'painPoint', id: 'p1', title: 'Card declined', change: 'changed', fields: [{ field: 'status', from: 'open', to: 'resolved' }], parent: journey },
  { kind: 'painPoint', id: 'p2', title: 'Slow page', change: 'added', fields: [], parent: journey },
  { kind: 'action', id: 'a1', title: 'Send the survey', change: 'changed', fields: [{ field: 'done', from: false, to: true }], parent: earlier },
  { kind: 'action', id: 'a2', title: 'Fix the tag', change: 'changed', fields: [{ field: 'overdue', from: false, to: true }], parent: earlier },
  { kind: 'action', id: 'a3', title: 'Our own action', change: 'changed', fields: [{ field: 'done', from: false, to: true }], parent: { ...earlier, id: 'm1' } },
  { kind: 'meeting', id: 'm1', title: 'December troika', change: 'added', fields: [] },
  { kind: 'kpi', id: 'k3', title: 'Gone', change: 'removed', fields: [] },
];

describe('since the last meeting', () => {
  it('keeps what a meeting looks at, grouped, with the figures in words', () => {
    const items = sinceItems(changes, { meetingId: 'm1', units: new Map([['k1', '%']]) });
    expect(items.map((i) => [i.group, i.title, i.what])).toEqual([
      ['kpi', 'Conversion', 'Status On track → Off track; 2.1% on 2026-11-01 added'],
      ['term', 'Churn', 'Added (proposed)'],
      ['term', 'Lead', 'Agreed by both sides'],
      ['painPoint', 'Card declined', 'Resolved on “Online checkout”'],
      ['painPoint', 'Slow page', 'Added on “Online checkout”'],
      ['action', 'Send the survey', 'Done (from “November troika”)'],
      ['action', 'Fix the tag', 'Overdue (from “November troika”)'],
    ]);
    expect(items[0]).toMatchObject({ ref: { kind: 'kpi', id: 'k1' }, by: ['ada'] });
    // An action points the agenda at the meeting it came from.
    expect(items[5]!.ref).toEqual({ kind: 'meeting', id: 'm0' });
    expect(sinceOnAgenda(items[0]!, [{ ref: { kind: 'kpi', id: 'k1' } }])).toBe(true);
    expect(sinceOnAgenda(items[1]!, [{ ref: { kind: 'kpi', id: 'k1' } }, { ref: null }])).toBe(false);
  });

  it('is kept in the meeting as it was, read back tolerant of junk, and written into the Markdown minutes', () => {
    const doc = new Y.Doc();
    createMeeting(doc, { title: 'December troika', date: '2026-12-03' }, 'm1');
    const items = sinceItems(changes, { meetingId: 'm1', units: new Map([['k1', '%']]) });
    keepSinceRecord(doc, 'm1', { previous: { id: 'm0', title: 'November troika', endedAt: '2026-11-05T11:00:00.000Z' }, until: '2026-12-03T10:00:00.000Z', items });
    const kept = findMeeting(doc, 'm1')!.sinceLast!;
    expect(kept.items).toEqual(items);
    expect(readSinceRecord({ items: [{ group: 'kpi', ref: { kind: 'bogus', id: 'x' } }, 'junk', { group: 'term', ref: { kind: 'term', id: 't' }, title: 'T', what: 'W' }] })).toEqual({
      previous: null,
      until: null,
      items: [{ group: 'term', ref: { kind: 'term', id: 't' }, title: 'T', what: 'W', by: [] }],
    });
    expect(readSinceRecord('junk')).toBeNull();

    const md = minutesMarkdown({ ...findMeeting(doc, 'm1')!, startedAt: '2026-12-03T10:00:00.000Z', endedAt: '2026-12-03T11:00:00.000Z' }, { people: new Map(), today: '2026-12-03' });
    expect(md).toContain('## Since the last meeting (since “November troika”, 5 November 2026)\n\n**KPIs**\n\n- Conversion: Status On track → Off track; 2.1% on 2026-11-01 added\n');
    expect(md).toContain('**Actions**\n\n- Send the survey: Done (from “November troika”)');
    expect(md.indexOf('Since the last meeting')).toBeLessThan(md.indexOf('## Agenda'));
  });

  it('says so when it was the first meeting, or nothing moved', () => {
    const first = minutesMarkdown(meeting({ sinceLast: { previous: null, until: null, items: [] } }), { people: new Map(), today: '2026-03-12' });
    expect(first).toContain('## Since the last meeting\n\nThis was the first meeting: nothing to compare with.');
    const quiet = minutesMarkdown(meeting({ sinceLast: { previous: { id: 'm0', title: 'Feb', endedAt: '2026-02-12T10:00:00Z' }, until: null, items: [] } }), {
      people: new Map(),
      today: '2026-03-12',
    });
    expect(quiet).toContain('Nothing moved on the board');
    expect(minutesMarkdown(meeting(), { people: new Map(), today: '2026-03-12' })).not.toContain('Since the last meeting');
  });
});
