import { isoDateSchema, type Kpi } from '@troika/model';
import Papa from 'papaparse';
import { parseDecimal } from './format-value';

/** A value to record, from one good row of the file. */
export interface ImportRow {
  line: number;
  kpiId: string;
  at: string;
  value: number;
}

/** A row that was left out, and why, in words for people. */
export interface RowError {
  line: number;
  text: string;
  message: string;
}

export interface ImportPlan {
  rows: ImportRow[];
  errors: RowError[];
  /** Whether the first row was taken as column names. */
  header: boolean;
}

const HEADER_WORDS = /\b(kpi|name|id|date|day|value|actual)\b/i;

const normalName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Finds a KPI by id, else by name (case and spacing ignored); says why when it cannot. */
export function makeKpiResolver(kpis: readonly Pick<Kpi, 'id' | 'name'>[]): (ref: string) => { id: string } | { error: string } {
  const ids = new Set(kpis.map((k) => k.id));
  const byName = new Map<string, string[]>();
  for (const k of kpis) {
    const key = normalName(k.name);
    byName.set(key, [...(byName.get(key) ?? []), k.id]);
  }
  return (ref) => {
    const trimmed = ref.trim();
    if (!trimmed) return { error: 'The KPI is missing' };
    if (ids.has(trimmed)) return { id: trimmed };
    const matches = byName.get(normalName(trimmed)) ?? [];
    if (matches.length === 1) return { id: matches[0]! };
    if (matches.length > 1) return { error: `${matches.length} KPIs are named "${trimmed}": use the KPI's id instead` };
    return { error: `No KPI is named "${trimmed}" or has it as id` };
  };
}

/**
 * Reads a CSV of KPI values (`kpi name or id, date, value`; comma, semicolon or tab separated; the
 * header row optional) and sorts its rows into values to record and rows to report. Line numbers
 * count from 1 as in a spreadsheet; blank lines are skipped.
 */
export function planImport(text: string, kpis: readonly Pick<Kpi, 'id' | 'name'>[]): ImportPlan {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const resolve = makeKpiResolver(kpis);
  const plan: ImportPlan = { rows: [], errors: [], header: false };

  parsed.data.forEach((raw, index) => {
    const line = index + 1;
    const cells = trimTrailingEmpty(raw.map((c) => String(c ?? '')));
    if (cells.length === 0) return;
    const [kpiCell = '', dateCell = '', valueCell = ''] = cells.map((c) => c.trim());
    const text = cells.join(', ');

    const dateOk = isoDateSchema.safeParse(dateCell);
    const value = parseDecimal(valueCell);
    if (index === 0 && !dateOk.success && value === null && cells.some((c) => HEADER_WORDS.test(c))) {
      plan.header = true;
      return;
    }
    if (cells.length !== 3) {
      plan.errors.push({ line, text, message: `Expected 3 columns (KPI, date, value), found ${cells.length}` });
      return;
    }
    const problems: string[] = [];
    const kpi = resolve(kpiCell);
    if ('error' in kpi) problems.push(kpi.error);
    if (!dateOk.success) problems.push(`The date "${dateCell}" ${dateOk.error.issues[0]?.message ?? 'is not valid'}`);
    if (value === null) problems.push(`The value "${valueCell}" is not a number (use a dot for decimals and no thousands separators)`);
    if (problems.length > 0 || 'error' in kpi || value === null) plan.errors.push({ line, text, message: problems.join('; ') });
    else plan.rows.push({ line, kpiId: kpi.id, at: dateCell, value });
  });
  return plan;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === '') end--;
  return cells.slice(0, end);
}

// Kept apart so the board applies an import without loading the CSV parser at first paint.
export { applyInChunks, type ChunkOptions } from './apply-in-chunks';
