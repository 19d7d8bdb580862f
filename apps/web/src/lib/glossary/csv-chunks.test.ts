import { describe, expect, it } from 'vitest';
import { mergeReports, splitCsv } from './csv-chunks';

describe('splitCsv', () => {
  it('sends a small file as it is', () => {
    expect(splitCsv('term\nA\n')).toEqual([{ csv: 'term\nA\n', offset: 0 }]);
  });

  it('cuts a large file into pieces under the limit, each with the header, losing no record', () => {
    const records = Array.from({ length: 50 }, (_, i) => `Term ${i},"A definition, with a comma and ""quotes"" ${'x'.repeat(i)}"`);
    const text = ['term,definition', ...records.slice(0, 10), '', ...records.slice(10)].join('\n');
    const chunks = splitCsv(text, 600);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(new TextEncoder().encode(chunk.csv).length).toBeLessThanOrEqual(600);
      expect(chunk.csv.startsWith('term,definition\r\n')).toBe(true);
    }
    const names = chunks.flatMap((c) => c.csv.split('\r\n').slice(1).map((line) => line.split(',')[0]));
    expect(names).toEqual(records.map((r) => r.split(',')[0]));
    expect(chunks.map((c) => c.offset)).toEqual([...chunks.map((c) => c.offset)].sort((a, b) => a - b));
  });
});

describe('mergeReports', () => {
  it('adds the counts and numbers rows as in the whole file', () => {
    const merged = mergeReports([
      { offset: 0, report: { added: 1, updated: 0, unchanged: 0, rejected: 1, ignoredColumns: ['x'], rows: [{ row: 2, term: 'A', outcome: 'added', id: 'a' }, { row: 3, term: 'A', outcome: 'rejected', reason: 'The same term as row 2.' }] } },
      { offset: 2, report: { added: 0, updated: 1, unchanged: 0, rejected: 1, ignoredColumns: ['x'], rows: [{ row: 2, term: 'B', outcome: 'updated', id: 'b' }, { row: 3, term: 'C', outcome: 'rejected', reason: 'The same term as row 2.' }] } },
    ]);
    expect(merged).toMatchObject({ added: 1, updated: 1, rejected: 2, ignoredColumns: ['x'] });
    expect(merged.rows.map((r) => [r.row, r.reason ?? ''])).toEqual([
      [2, ''],
      [3, 'The same term as row 2.'],
      [4, ''],
      [5, 'The same term as row 4.'],
    ]);
  });
});
