import { GlossaryIndex } from '@troika/model';
import type * as Y from 'yjs';

const indexes = new WeakMap<Y.Doc, GlossaryIndex>();

/**
 * The live search index of a loaded glossary document, built on first use and kept up to date by the
 * document's own events, so a search costs a look-up, not a rebuild. It lives as long as the Y.Doc:
 * when the sync engine unloads the document, both are collected.
 */
export function glossaryIndexOf(doc: Y.Doc): GlossaryIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = new GlossaryIndex(doc);
    indexes.set(doc, index);
  }
  return index;
}
