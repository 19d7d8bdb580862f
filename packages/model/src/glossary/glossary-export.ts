import type * as Y from 'yjs';
import { readGlossary } from './glossary-doc';
import type { GlossaryTerm } from './types';

/**
 * A term as the workspace export and the history's versions show it: the fields people wrote and
 * who signed them, without the links, merges and edit stamps the screens use.
 */
export type ExportedTerm = Pick<GlossaryTerm, 'id' | 'term' | 'abbreviation' | 'definition' | 'it' | 'marketing' | 'synonyms' | 'status' | 'approvals'>;

/** One term in its exported shape. */
export function exportTerm({ id, term, abbreviation, definition, it, marketing, synonyms, status, approvals }: GlossaryTerm): ExportedTerm {
  return { id, term, abbreviation, definition, it, marketing, synonyms, status, approvals };
}

/**
 * The glossary's live terms, alphabetically, in their exported shape (duplicates merged into
 * another term are that term, so they are left out).
 */
export function exportGlossary(doc: Y.Doc): ExportedTerm[] {
  return readGlossary(doc).map(exportTerm);
}
