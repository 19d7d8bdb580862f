import { glossaryToCsvRows, type GlossaryTerm } from '@troika/model';
import Papa from 'papaparse';

/** The glossary as CSV text (RFC 4180, CRLF), with a byte-order mark so spreadsheets read it as UTF-8. */
export function glossaryToCsv(terms: readonly GlossaryTerm[], nameOf?: (userId: string) => string): string {
  return `\uFEFF${Papa.unparse(glossaryToCsvRows(terms, nameOf), { newline: '\r\n', quotes: false })}\r\n`;
}

/**
 * Parses CSV text into rows of cells. The delimiter is detected (comma, or the semicolon and tab that
 * spreadsheets use in many European locales); a byte-order mark is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  return result.data.map((row) => row.map((cell) => String(cell ?? '')));
}
