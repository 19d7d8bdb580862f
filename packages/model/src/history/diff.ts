import type * as Y from 'yjs';
import { diffBoard } from './board-diff';
import { diffGlossary } from './glossary-diff';
import { diffJourneys } from './journeys-diff';
import { diffMeetings } from './meetings-diff';
import type { DiffOptions, EntryChange, HistoryDoc } from './types';

/** What changed, entry by entry, from `before` to `after` (two states of the same document). */
export function diffDocs(doc: HistoryDoc, before: Y.Doc, after: Y.Doc, options: DiffOptions): EntryChange[] {
  switch (doc) {
    case 'board':
      return diffBoard(before, after);
    case 'glossary':
      return diffGlossary(before, after);
    case 'journeys':
      return diffJourneys(before, after);
    case 'meetings':
      return diffMeetings(before, after, options);
  }
}
