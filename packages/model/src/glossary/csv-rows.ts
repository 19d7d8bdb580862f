import { ABBREVIATION_MAX, TERM_MAX } from './term-maps';
import { foldKey } from './normalize';
import { TERM_STATUSES, type GlossaryTerm, type TermInput, type TermStatus } from './types';

/**
 * The CSV form of the glossary, as pure rules: which column is which, what a row must hold, and what
 * importing rows into a glossary would change. Parsing and writing CSV text is the caller's (papaparse).
 */

export const CSV_FIELDS = ['term', 'abbreviation', 'definition', 'it', 'marketing', 'synonyms', 'status'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** The header written on export, one label per field, in that order. */
export const CSV_HEADER: Record<CsvField, string> = {
  term: 'term',
  abbreviation: 'abbreviation',
  definition: 'definition',
  it: 'IT meaning',
  marketing: 'marketing meaning',
  synonyms: 'synonyms',
  status: 'status',
};

// Header labels accepted on import (folded), beyond the exported ones.
const ALIASES: Record<string, CsvField> = {
  term: 'term',
  name: 'term',
  abbreviation: 'abbreviation',
  abbr: 'abbreviation',
  acronym: 'abbreviation',
  definition: 'definition',
  'plain definition': 'definition',
  it: 'it',
  'it meaning': 'it',
  'what it means': 'it',
  marketing: 'marketing',
  'marketing meaning': 'marketing',
  'what marketing means': 'marketing',
  synonyms: 'synonyms',
  synonym: 'synonyms',
  status: 'status',
};

export const TEXT_MAX = 10_000;
export const IMPORT_MAX_ROWS = 10_000;
export const SYNONYM_SEPARATOR = ';';

/** Which column holds which field; unknown columns are listed (and ignored). */
export interface CsvColumns {
  columns: Partial<Record<CsvField, number>>;
  ignored: string[];
}

/** Maps a header row to fields (case-, accent- and punctuation-insensitive). Null when there is no term column. */
export function readCsvHeader(header: readonly string[]): CsvColumns | null {
  const columns: Partial<Record<CsvField, number>> = {};
  const ignored: string[] = [];
  header.forEach((label, index) => {
    const field = ALIASES[foldKey(label)];
    if (field && columns[field] === undefined) columns[field] = index;
    else if (label.trim()) ignored.push(label.trim());
  });
  return columns.term === undefined ? null : { columns, ignored };
}

// A cell starting like a formula is exported with a leading apostrophe, so a spreadsheet shows it as
// text instead of running it (CSV injection); importing removes that apostrophe again.
const FORMULA_START = /^[=+\-@\t\r]/;
const escapeCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const unescapeCell = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

/** The rows of an export: the header, then one row per term (the order given). */
export function glossaryToCsvRows(terms: readonly GlossaryTerm[], nameOf: (userId: string) => string = (id) => id): string[][] {
  // `approvals` is written for readers and ignored by the import: only both sides' signatures agree a term.
  const rows = [[...CSV_FIELDS.map((f) => CSV_HEADER[f]), 'approvals']];
  for (const t of terms) {
    const approvals = t.approvals.map((a) => `${a.side}: ${nameOf(a.userId)} (${a.at.slice(0, 10)})`).join(`${SYNONYM_SEPARATOR} `);
    rows.push([t.term, t.abbreviation, t.definition, t.it, t.marketing, t.synonyms.join(`${SYNONYM_SEPARATOR} `), t.status, approvals].map(escapeCell));
  }
  return rows;
}

export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'rejected';

/** What happened to one row. `row` is the spreadsheet's row number (the header is row 1). */
export interface ImportRowReport {
  row: number;
  term: string;
  outcome: ImportOutcome;
  /** Why a row was rejected, in words for people. */
  reason?: string;
  /** The term added or updated. */
  id?: string;
}

export interface GlossaryImportReport {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Header labels that matched no field and were ignored. */
  ignoredColumns: string[];
  rows: ImportRowReport[];
}

/** One change an import makes: a new term, or fields of an existing one (only the non-empty cells). */
export type ImportChange = { row: number; kind: 'add'; input: TermInput } | { row: number; kind: 'update'; id: string; patch: Partial<TermInput> };

/**
 * Plans an import against the glossary as it is: rows are validated, a row naming an existing term
 * (case- and accent-insensitively) updates it, others add terms. An empty cell leaves the existing value
 * as it is, so a partial sheet never erases meanings. Nothing is changed here; apply `changes` in one
 * transaction, then fill the ids of added terms into the report.
 */
export function planGlossaryImport(rows: readonly (readonly string[])[], header: CsvColumns, existing: readonly GlossaryTerm[]): { report: GlossaryImportReport; changes: ImportChange[] } {
  const byName = new Map(existing.map((t) => [foldKey(t.term), t]));
  const seen = new Map<string, number>();
  const report: GlossaryImportReport = { added: 0, updated: 0, unchanged: 0, rejected: 0, ignoredColumns: header.ignored, rows: [] };
  const changes: ImportChange[] = [];

  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (field: CsvField) => {
      const at = header.columns[field];
      return at === undefined ? '' : unescapeCell(cells[at] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) return;
    const term = cell('term');
    const reject = (reason: string) => {
      report.rows.push({ row, term, outcome: 'rejected', reason });
      report.rejected++;
    };
    if (index >= IMPORT_MAX_ROWS) return reject(`An import takes at most ${IMPORT_MAX_ROWS} rows; split the file.`);
    const problem = checkRow(term, cell);
    if (problem) return reject(problem);
    const key = foldKey(term);
    const earlier = seen.get(key);
    if (earlier !== undefined) return reject(`The same term as row ${earlier}.`);
    seen.set(key, row);

    const status = cell('status').toLowerCase() as TermStatus | '';
    const synonyms = cell('synonyms')
      .split(SYNONYM_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean);
    const given: Partial<TermInput> = {};
    for (const field of ['abbreviation', 'definition', 'it', 'marketing'] as const) if (cell(field)) given[field] = cell(field);
    if (synonyms.length > 0) given.synonyms = synonyms;
    if (status) given.status = status;

    const current = byName.get(key);
    if (!current) {
      changes.push({ row, kind: 'add', input: { term, ...given } });
      report.rows.push({ row, term, outcome: 'added' });
      report.added++;
      return;
    }
    const patch = differences(current, given);
    if (Object.keys(patch).length === 0) {
      report.rows.push({ row, term, outcome: 'unchanged', id: current.id });
      report.unchanged++;
      return;
    }
    changes.push({ row, kind: 'update', id: current.id, patch });
    report.rows.push({ row, term, outcome: 'updated', id: current.id });
    report.updated++;
  });
  return { report, changes };
}

function checkRow(term: string, cell: (field: CsvField) => string): string | null {
  if (!foldKey(term)) return 'The term is empty.';
  if (term.length > TERM_MAX) return `The term is longer than ${TERM_MAX} characters.`;
  if (cell('abbreviation').length > ABBREVIATION_MAX) return `The abbreviation is longer than ${ABBREVIATION_MAX} characters.`;
  const status = cell('status').toLowerCase();
  if (status && !(TERM_STATUSES as readonly string[]).includes(status)) {
    return `Unknown status “${cell('status')}”: use proposed, agreed or deprecated (or leave it empty).`;
  }
  for (const field of ['definition', 'it', 'marketing'] as const) {
    if (cell(field).length > TEXT_MAX) return `The ${CSV_HEADER[field]} is longer than ${TEXT_MAX} characters.`;
  }
  if (cell('synonyms').split(SYNONYM_SEPARATOR).some((s) => s.trim().length > TERM_MAX)) return `A synonym is longer than ${TERM_MAX} characters.`;
  return null;
}

function differences(current: GlossaryTerm, given: Partial<TermInput>): Partial<TermInput> {
  const patch: Partial<TermInput> = {};
  for (const field of ['abbreviation', 'definition', 'it', 'marketing', 'status'] as const) {
    const value = given[field];
    if (value !== undefined && value !== current[field]) (patch as Record<string, unknown>)[field] = value;
  }
  if (given.synonyms) {
    const own = new Set([foldKey(current.term), foldKey(given.abbreviation ?? current.abbreviation)]);
    const want = [...new Set(given.synonyms.map(foldKey))].filter((k) => k && !own.has(k)).sort();
    const have = current.synonyms.map(foldKey).sort();
    if (want.join('\n') !== have.join('\n')) patch.synonyms = given.synonyms;
  }
  return patch;
}
