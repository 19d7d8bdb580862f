import { describe, expect, it } from 'vitest';
import type { GlossaryTerm } from './types';
import { CSV_HEADER, CSV_FIELDS, glossaryToCsvRows, planGlossaryImport, readCsvHeader } from './csv-rows';

const term = (over: Partial<GlossaryTerm>): GlossaryTerm => ({
  id: 'x',
  term: 'Churn',
  abbreviation: '',
  definition: '',
  it: '',
  marketing: '',
  synonyms: [],
  related: [],
  status: 'proposed',
  updatedBy: null,
  updatedAt: null,
  approvals: [],
  changedSinceAgreed: false,
  meaningBy: null,
  ...over,
});

const header = readCsvHeader(CSV_FIELDS.map((f) => CSV_HEADER[f]))!;

describe('glossary CSV rules', () => {
  it('maps header labels whatever their case, and needs a term column', () => {
    expect(readCsvHeader(['Term', 'What IT means', 'Marketing', 'Notes'])).toEqual({ columns: { term: 0, it: 1, marketing: 2 }, ignored: ['Notes'] });
    expect(readCsvHeader(['definition'])).toBeNull();
  });

  it('exports one row per term, with synonyms joined by ; and formulas defused', () => {
    const rows = glossaryToCsvRows([term({ synonyms: ['attrition', 'defection'], definition: '=HYPERLINK("x")' })]);
    expect(rows[0]).toEqual(['term', 'abbreviation', 'definition', 'IT meaning', 'marketing meaning', 'synonyms', 'status', 'approvals']);
    expect(rows[1]).toEqual(['Churn', '', `'=HYPERLINK("x")`, '', '', 'attrition; defection', 'proposed', '']);
  });

  it('exports who signed for which side, with names where known', () => {
    const approvals = [
      { userId: 'u1', side: 'technology' as const, at: '2026-12-03T09:00:00.000Z' },
      { userId: 'u2', side: 'business' as const, at: '2026-12-04T09:00:00.000Z' },
    ];
    const rows = glossaryToCsvRows([term({ status: 'agreed', approvals })], (id) => (id === 'u1' ? 'Cora CIO' : id));
    expect(rows[1]!.slice(6)).toEqual(['agreed', 'technology: Cora CIO (2026-12-03); business: u2 (2026-12-04)']);
  });

  it('plans additions and updates, and rejects bad rows with a reason', () => {
    const existing = [term({ id: 'c', term: 'Churn', it: 'Code churn', synonyms: ['attrition'] })];
    const { report, changes } = planGlossaryImport(
      [
        ['CHURN', '', '', '', 'Lost customers', 'attrition', ''],
        ['Lead', 'LD', 'A possible customer', '', '', 'prospect; opportunity ;', 'Agreed'],
        ['', 'X', 'no name', '', '', '', ''],
        ['lead', '', '', '', '', '', ''],
        ['Funnel', '', '', '', '', '', 'approved'],
        ['', '', '', '', '', '', ''],
        ['Formula', '', `'=1+1`, '', '', '', ''],
        ['churn', '', '', '', '', '', ''],
      ],
      header,
      existing,
    );
    expect(report).toMatchObject({ added: 2, updated: 1, unchanged: 0, rejected: 4 });
    expect(report.rows.map((r) => [r.row, r.outcome, r.reason ?? ''])).toEqual([
      [2, 'updated', ''],
      [3, 'added', ''],
      [4, 'rejected', 'The term is empty.'],
      [5, 'rejected', 'The same term as row 3.'],
      [6, 'rejected', expect.stringContaining('Unknown status “approved”')],
      [8, 'added', ''],
      [9, 'rejected', 'The same term as row 2.'],
    ]);
    expect(changes).toEqual([
      { row: 2, kind: 'update', id: 'c', patch: { marketing: 'Lost customers' } },
      { row: 3, kind: 'add', input: { term: 'Lead', abbreviation: 'LD', definition: 'A possible customer', synonyms: ['prospect', 'opportunity'], status: 'agreed' } },
      { row: 8, kind: 'add', input: { term: 'Formula', definition: '=1+1' } },
    ]);
  });

  it('finds nothing to change when a glossary is imported over itself', () => {
    const existing = [term({ id: 'c', synonyms: ['attrition'], it: 'Code', marketing: 'Customers', status: 'agreed', abbreviation: 'CH' })];
    const rows = glossaryToCsvRows(existing).slice(1);
    const { report, changes } = planGlossaryImport(rows, header, existing);
    expect(changes).toEqual([]);
    expect(report).toMatchObject({ unchanged: 1, added: 0, updated: 0, rejected: 0 });
  });
});
