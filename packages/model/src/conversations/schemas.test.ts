import { describe, expect, it } from 'vitest';
import { addCommentSchema, createWebhookSchema, markReadSchema, startThreadSchema, threadsQuerySchema } from './schemas';
import { eventText, oneLine } from './event-text';

const issuePath = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues[0]?.path.join('.');

describe('conversation schemas', () => {
  it('takes a body of 1 to 10,000 characters, kept as typed', () => {
    expect(addCommentSchema.parse({ body: ' <b>hi</b> ' })).toEqual({ body: ' <b>hi</b> ', mentions: [] });
    expect(addCommentSchema.safeParse({ body: 'x'.repeat(10_000) }).success).toBe(true);
    expect(issuePath(addCommentSchema.safeParse({ body: 'x'.repeat(10_001) }))).toBe('body');
    expect(issuePath(addCommentSchema.safeParse({ body: '  \n ' }))).toBe('body');
    expect(issuePath(addCommentSchema.safeParse({}))).toBe('body');
  });

  it('names mentions and target when they are malformed', () => {
    expect(issuePath(addCommentSchema.safeParse({ body: 'x', mentions: 'ada' }))).toBe('mentions');
    expect(issuePath(addCommentSchema.safeParse({ body: 'x', mentions: ['a b'] }))).toBe('mentions.0');
    expect(addCommentSchema.parse({ body: 'x', mentions: ['a', 'a'] }).mentions).toEqual(['a']);
    expect(issuePath(startThreadSchema.safeParse({ target: { kind: 'board', id: 'x' }, body: 'x' }))).toBe('target.kind');
    expect(threadsQuerySchema.safeParse({ target: 'kpi:k1' }).success).toBe(true);
    expect(issuePath(threadsQuerySchema.safeParse({ target: 'kpi' }))).toBe('target');
  });

  it('takes webhooks with http(s) URLs and known events, and read marks by ids or all', () => {
    expect(createWebhookSchema.parse({ url: 'https://x.example/h', events: ['mention', 'mention', 'kpi-value'] }).events).toEqual(['mention', 'kpi-value']);
    expect(issuePath(createWebhookSchema.safeParse({ url: 'ftp://x.example', events: ['mention'] }))).toBe('url');
    expect(issuePath(createWebhookSchema.safeParse({ url: 'https://x.example', events: ['nope'] }))).toBe('events.0');
    expect(markReadSchema.safeParse({ all: true }).success).toBe(true);
    expect(markReadSchema.safeParse({ ids: ['a'] }).success).toBe(true);
    expect(markReadSchema.safeParse({}).success).toBe(false);
  });
});

describe('event text', () => {
  it('is one line, with long bodies shortened', () => {
    expect(oneLine('a\n\n b\tc')).toBe('a b c');
    const text = eventText({ event: 'mention', actor: 'Ada', targetKind: 'kpi', targetTitle: 'Churn', body: `line one\nline two ${'x'.repeat(300)}` });
    expect(text).not.toContain('\n');
    expect(text.startsWith('Ada mentioned you on KPI "Churn": "line one line two')).toBe(true);
    expect(text.length).toBeLessThan(200);
  });

  it('says something readable for every event', () => {
    expect(eventText({ event: 'action', actor: 'Ada', meeting: 'Q4 review', action: 'Send the figures', due: '2026-12-10' })).toBe(
      'Ada gave you an action in meeting "Q4 review": "Send the figures" (due 2026-12-10)',
    );
    expect(eventText({ event: 'kpi-status', kpi: 'NPS', from: 'on-track', to: 'off-track' })).toBe('KPI "NPS" is now off-track (was on-track)');
    expect(eventText({ event: 'approval', term: 'ARR', approvedBy: 'Ada', side: 'technology' })).toContain('awaits your side');
    expect(eventText({ event: 'decision', actor: 'Ada', meeting: 'Q4', decision: 'Go' })).toBe('Decision in meeting "Q4": "Go"');
    expect(eventText({ event: 'kpi-value', actor: 'Bot', kpi: 'NPS', at: '2026-11-01', value: 41, unit: 'pts', status: 'on-track' })).toBe(
      'Bot recorded 41 pts for KPI "NPS" on 2026-11-01 (on-track)',
    );
    expect(eventText({ event: 'reply', actor: '', targetKind: 'painPoint', targetTitle: '', body: 'ok' })).toBe('Someone replied on a pain point: "ok"');
  });
});

describe('event text for a channel', () => {
  it('names the people instead of "you"', () => {
    expect(eventText({ event: 'mention', actor: 'Ada', targetKind: 'term', targetTitle: 'ARR', body: 'see', to: ['Bob', 'Cy', 'Di', 'Ed'] })).toBe(
      'Ada mentioned Bob, Cy and 2 others on term "ARR": "see"',
    );
    expect(eventText({ event: 'action', actor: 'Ada', meeting: 'Q4', action: 'Do', due: null, to: ['Bob'] })).toBe('Ada gave Bob an action in meeting "Q4": "Do"');
  });
});
