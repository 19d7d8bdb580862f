import type * as Y from 'yjs';
import { readGlossary } from '../glossary/glossary-doc';
import type { GlossaryTerm } from '../glossary/types';
import { changedFields, pairById } from './field-diff';
import type { EntryChange, FieldChange } from './types';

// `updatedBy`/`updatedAt` are bookkeeping, not content: attribution comes from the server's record.
const TERM_FIELDS = ['term', 'abbreviation', 'definition', 'it', 'marketing', 'synonyms', 'related', 'status'] as const;

/** The terms added, removed and changed between two states of the glossary (merged duplicates count as removed). */
export function diffGlossary(before: Y.Doc, after: Y.Doc): EntryChange[] {
  const { added, removed, both } = pairById(readGlossary(before), readGlossary(after));
  const change = (t: GlossaryTerm, type: EntryChange['change'], fields: FieldChange[] = []): EntryChange => ({
    doc: 'glossary',
    kind: 'term',
    id: t.id,
    title: t.term,
    change: type,
    fields,
  });
  const changed = both.flatMap(([was, now]) => {
    const fields = changedFields(was, now, TERM_FIELDS);
    return fields.length > 0 ? [change(now, 'changed', fields)] : [];
  });
  return [...added.map((t) => change(t, 'added')), ...changed, ...removed.map((t) => change(t, 'removed'))];
}
