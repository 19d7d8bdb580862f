import { describe, expect, it } from 'vitest';
import { segmentText } from './text-segments';

const occ = (start: number, end: number, termId = 't') => ({ start, end, termId, kind: 'term' as const, text: '' });

describe('segmentText', () => {
  it('keeps every character, in order, with terms as their own pieces', () => {
    const text = 'Our SLA and churn.';
    const segments = segmentText(text, [occ(4, 7, 'sla'), occ(12, 17, 'churn')]);
    expect(segments.map((s) => [s.text, s.occurrence?.termId ?? null])).toEqual([
      ['Our ', null],
      ['SLA', 'sla'],
      [' and ', null],
      ['churn', 'churn'],
      ['.', null],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('ignores occurrences that overlap or fall outside the text (a stale result)', () => {
    const segments = segmentText('abc', [occ(0, 2), occ(1, 3), occ(2, 9)]);
    expect(segments.map((s) => s.text)).toEqual(['ab', 'c']);
    expect(segmentText('', [])).toEqual([]);
  });
});
