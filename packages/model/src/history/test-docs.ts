import * as Y from 'yjs';

/** A copy of a document, to hold a "before" state while the original moves on. */
export function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
