import type * as Y from 'yjs';

/**
 * Turns a whole-field edit into the smallest Y.Text change (common prefix and suffix kept), so that
 * concurrent typing elsewhere in the text survives.
 */
export function applyTextDiff(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let end = 0;
  while (end < prev.length - start && end < next.length - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  const removed = prev.length - start - end;
  const inserted = next.slice(start, next.length - end);
  const run = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(run);
  else run();
}

type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Moves a selection through a remote change, so the caret stays on the same character. */
export function remapSelection(delta: Delta, start: number, end: number): [number, number] {
  let index = 0;
  for (const op of delta) {
    if (op.retain) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index <= start) start += length;
      if (index < end) end += length;
      index += length;
    } else if (op.delete) {
      if (index < start) start -= Math.min(op.delete, start - index);
      if (index < end) end -= Math.min(op.delete, end - index);
    }
  }
  return [start, end];
}
