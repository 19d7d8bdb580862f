import { describe, expect, it } from 'vitest';
import { dayIn, heldOn, isTimeZone, longDate, minutesFileName, minutesMarkdown, summariseMeeting } from './minutes';
import { action, decision, item, meeting } from './test-fixtures';

const people = new Map([
  ['ada', 'Ada Lovelace'],
  ['bea', 'Bea Marketing'],
  ['cem', 'Cem Business'],
]);

const held = meeting({
  title: 'March troika review',
  date: '2026-03-12',
  presenter: 'ada',
  attendees: ['ada', 'bea', 'gone'],
  startedAt: '2026-03-12T10:00:00.000Z',
  endedAt: '2026-03-12T10:52:00.000Z',
  agenda: [
    item({ id: 'i1', title: 'Online conversion rate', ref: { kind: 'kpi', id: 'k1' }, duration: 10, timer: { startedAt: null, elapsedMs: 12 * 60_000 } }),
    item({ id: 'i2', title: 'Card declined', ref: { kind: 'painPoint', id: 'p1' }, order: 'a1' }),
  ],
  decisions: [
    decision({ id: 'd1', itemId: 'i1', text: 'Move budget to\ncheckout fixes', at: '2026-03-12T10:12:00.000Z', by: 'ada', present: ['ada', 'bea'] }),
    decision({ id: 'd2', itemId: null, text: 'Meet monthly', at: '2026-03-12T10:50:00.000Z', by: 'bea', present: ['ada', 'bea', 'gone'] }),
  ],
  actions: [
    action({ id: 'a1', text: 'Call the payment | provider', owner: 'bea', due: '2026-03-30', itemId: 'i2' }),
    action({ id: 'a2', text: 'Write the brief', owner: null, due: null }),
    action({ id: 'a3', text: 'Fix the tag', owner: 'cem', due: '2026-03-20', done: true }),
  ],
  minutes: {
    endedAt: '2026-03-12T10:52:00.000Z',
    attendees: [
      { id: 'ada', name: 'Ada Lovelace' },
      { id: 'bea', name: 'Bea Marketing' },
      { id: 'gone', name: 'Gus Gone' },
    ],
    kpis: [
      { id: 'k1', name: 'Online conversion rate', unit: '%', direction: 'up', target: 3.5, latest: { at: '2026-03-01', value: 2.1 }, status: 'off-track' },
      { id: 'k2', name: 'NPS', unit: '', direction: 'up', target: null, latest: null, status: 'no-data' },
    ],
  },
});

describe('minutes', () => {
  it('resolves names, keeping the names frozen at the end for people who left', () => {
    const s = summariseMeeting(held, { people, today: '2026-04-01' });
    expect(s.phase).toBe('ended');
    expect(s.attendees.map((p) => p.name)).toEqual(['Ada Lovelace', 'Bea Marketing', 'Gus Gone']);
    expect(s.decisions[0]).toMatchObject({ item: 'Online conversion rate', by: { id: 'ada', name: 'Ada Lovelace' } });
    expect(s.actions.map((a) => [a.owner?.name ?? null, a.overdue, a.item])).toEqual([
      ['Bea Marketing', true, 'Card declined'],
      [null, false, null],
      ['Cem Business', false, null],
    ]);
    expect(s.agenda[0]!.spentMs).toBe(12 * 60_000);
  });

  it('renders the minutes as Markdown', () => {
    expect(minutesMarkdown(held, { people, today: '2026-04-01' })).toBe(
      [
        '# March troika review (12 March 2026)',
        '',
        'Minutes of the meeting held on 12 March 2026, 10:00 to 10:52 (UTC). Presented by Ada Lovelace.',
        '',
        '**Present:** Ada Lovelace, Bea Marketing, Gus Gone',
        '',
        '## Agenda',
        '',
        '1. Online conversion rate (KPI) · 12 min of 10 min planned',
        '2. Card declined (Pain point)',
        '',
        '## Decisions',
        '',
        '- **Online conversion rate:** Move budget to checkout fixes _(recorded by Ada Lovelace at 10:12; present: Ada Lovelace, Bea Marketing)_',
        '- Meet monthly _(recorded by Bea Marketing at 10:50; present: Ada Lovelace, Bea Marketing, Gus Gone)_',
        '',
        '## Action items',
        '',
        '| Action | Owner | Due | Status | Agenda item |',
        '| --- | --- | --- | --- | --- |',
        '| Call the payment \\| provider | Bea Marketing | 2026-03-30 | Overdue | Card declined |',
        '| Write the brief | Nobody yet | – | Open | – |',
        '| Fix the tag | Cem Business | 2026-03-20 | Done | – |',
        '',
        '## KPIs as they stood at the end',
        '',
        '| KPI | Latest | Target | Status |',
        '| --- | --- | --- | --- |',
        '| Online conversion rate | 2.1% (2026-03-01) | 3.5% | Off track |',
        '| NPS | – | – | No data |',
        '',
      ].join('\n'),
    );
  });

  it('shows times in the given time zone and nests under a workspace export', () => {
    const md = minutesMarkdown(held, { people, today: '2026-04-01', timeZone: 'Europe/Paris' }, 3);
    expect(md).toMatch(/^### March troika review/);
    expect(md).toContain('11:00 to 11:52 (Europe/Paris)');
    expect(md).toContain('#### Decisions');
  });

  it('dates the minutes by the day the meeting was held, and names the planned day where it differs', () => {
    const early = meeting({ ...held, date: '2026-12-04', startedAt: '2026-12-03T15:00:00.000Z', endedAt: '2026-12-03T15:40:00.000Z' });
    const md = minutesMarkdown(early, { people, today: '2026-12-05' });
    expect(md).toMatch(/^# March troika review \(3 December 2026\)\n/);
    expect(md).toContain('Minutes of the meeting held on 3 December 2026, 15:00 to 15:40 (UTC) (planned for 4 December 2026).');
    expect(md).not.toContain('held on 4 December');
    expect(minutesMarkdown(held, { people, today: '2026-04-01' })).not.toContain('planned for');
  });

  it('takes the day held in the reader\'s time zone', () => {
    // 23:30 UTC on the 3rd is 00:30 on the 4th in Paris and 18:30 on the 3rd in New York.
    const late = meeting({ ...held, date: '2026-12-04', startedAt: '2026-12-03T23:30:00.000Z', endedAt: '2026-12-04T00:10:00.000Z' });
    expect(heldOn(late, 'UTC')).toEqual({ day: '2026-12-03', planned: '2026-12-04' });
    expect(heldOn(late, 'Europe/Paris')).toEqual({ day: '2026-12-04', planned: null });
    expect(heldOn(late, 'America/New_York')).toEqual({ day: '2026-12-03', planned: '2026-12-04' });
    const paris = minutesMarkdown(late, { people, today: '2026-12-05', timeZone: 'Europe/Paris' });
    expect(paris).toContain('held on 4 December 2026, 00:30 to 01:10 (Europe/Paris).');
    expect(paris).not.toContain('planned for');
  });

  it('knows a time zone from a made-up one', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('dates a meeting not yet held by its plan', () => {
    expect(heldOn({ date: '2026-12-04', startedAt: null }, 'Europe/Paris')).toEqual({ day: '2026-12-04', planned: null });
    expect(dayIn('not a time')).toBeNull();
    expect(dayIn('2026-02-28T23:59:59.999Z', 'Asia/Tokyo')).toBe('2026-03-01');
  });

  it('says plainly when a meeting has not been held', () => {
    const md = minutesMarkdown(meeting({ title: 'April' }), { people, today: '2026-04-01' });
    expect(md).toContain('This meeting has not been held yet.');
    expect(md).toContain('**Present:** nobody recorded');
    expect(md).toContain('No agenda items.');
    expect(md).toContain('No decisions recorded.');
    expect(md).not.toContain('KPIs as they stood');
  });

  it('names the file after the meeting', () => {
    expect(minutesFileName(held)).toBe('minutes-march-troika-review-2026-03-12.md');
    expect(minutesFileName(meeting({ title: '¡¿' }))).toBe('minutes-meeting-2026-03-12.md');
    expect(longDate('2026-01-05')).toBe('5 January 2026');
  });
});
