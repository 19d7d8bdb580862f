import type { GlossaryImportReport } from '@troika/model';
import Papa from 'papaparse';

/** A piece of a CSV file small enough for one request: the header row, then some of the records. */
export interface CsvChunk {
  csv: string;
  /** How many records came before this chunk's first one (to renumber the server's report). */
  offset: number;
}

/**
 * Splits a CSV file into pieces of at most `maxBytes` (UTF-8) that each repeat the header, so a large
 * glossary goes through the API's request size limit (1 MiB by default) in several imports. Blank
 * lines are dropped, as the server does, so row numbers agree. A file that fits is sent as it is.
 */
export function splitCsv(text: string, maxBytes = 900_000): CsvChunk[] {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return [{ csv: text, offset: 0 }];
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] }).data;
  const [header, ...records] = rows;
  if (!header) return [{ csv: text, offset: 0 }];
  const headerBytes = encoder.encode(Papa.unparse([header])).length + 2;
  const chunks: CsvChunk[] = [];
  let start = 0;
  let size = headerBytes;
  const flush = (end: number) => {
    if (end > start) chunks.push({ csv: Papa.unparse([header, ...records.slice(start, end)], { newline: '\r\n' }), offset: start });
    start = end;
    size = headerBytes;
  };
  records.forEach((record, i) => {
    const bytes = encoder.encode(Papa.unparse([record])).length + 2;
    if (size + bytes > maxBytes && i > start) flush(i);
    size += bytes;
  });
  flush(records.length);
  return chunks;
}

/**
 * Adds up the reports of a chunked import, numbering rows as in the whole file. A term repeated in two
 * chunks is then an update of the term the first chunk added, not a rejected duplicate.
 */
export function mergeReports(parts: { report: GlossaryImportReport; offset: number }[]): GlossaryImportReport {
  const merged: GlossaryImportReport = { added: 0, updated: 0, unchanged: 0, rejected: 0, ignoredColumns: parts[0]?.report.ignoredColumns ?? [], rows: [] };
  for (const { report, offset } of parts) {
    merged.added += report.added;
    merged.updated += report.updated;
    merged.unchanged += report.unchanged;
    merged.rejected += report.rejected;
    merged.rows.push(...report.rows.map((row) => ({ ...row, row: row.row + offset, reason: row.reason?.replace(/row (\d+)/, (_, n: string) => `row ${Number(n) + offset}`) })));
  }
  return merged;
}
