import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import {
  addComment,
  deleteComment,
  editComment,
  openThreads,
  readThread,
  setResolved,
  startThread,
  threadCounts,
  threadsOf,
  threadsOn,
} from './comments-doc';

const kpi = { kind: 'kpi' as const, id: 'k1' };
const at = (minute: number) => `2026-12-03T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('comments document', () => {
  it('starts a thread in the documented shape and reads it back', () => {
    const doc = new Y.Doc();
    const { threadId, commentId } = startThread(doc, kpi, { author: 'ada', body: 'Why 5%?', mentions: ['bob'], at: at(0) });
    const raw = threadsOf(doc).get(threadId)!;
    expect(raw.get('target')).toEqual(kpi);
    expect(raw.get('resolved')).toBe(false);
    expect((raw.get('comments') as Y.Map<Y.Map<unknown>>).get(commentId)!.get('mentions')).toEqual(['bob']);
    expect(readThread(doc, threadId)).toEqual({
      id: threadId,
      target: kpi,
      resolved: false,
      createdAt: at(0),
      createdBy: 'ada',
      comments: [{ id: commentId, author: 'ada', body: 'Why 5%?', mentions: ['bob'], createdAt: at(0), editedAt: null }],
    });
  });

  it('adds, edits and deletes comments; the last deletion removes the thread', () => {
    const doc = new Y.Doc();
    const { threadId, commentId } = startThread(doc, kpi, { author: 'ada', body: 'one', mentions: [], at: at(0) });
    const second = addComment(doc, threadId, { author: 'bob', body: 'two', mentions: [], at: at(1) });
    editComment(doc, threadId, second, { body: 'two!', mentions: ['ada'], at: at(2) });
    const thread = readThread(doc, threadId)!;
    expect(thread.comments.map((c) => [c.body, c.editedAt])).toEqual([
      ['one', null],
      ['two!', at(2)],
    ]);
    expect(deleteComment(doc, threadId, commentId)).toBe(false);
    expect(deleteComment(doc, threadId, second)).toBe(true);
    expect(readThread(doc, threadId)).toBeNull();
  });

  it('throws EntryMissing for unknown threads and comments', () => {
    const doc = new Y.Doc();
    expect(() => addComment(doc, 'nope', { author: 'a', body: 'x', mentions: [], at: at(0) })).toThrow(EntryMissing);
    const { threadId } = startThread(doc, kpi, { author: 'ada', body: 'one', mentions: [], at: at(0) });
    expect(() => editComment(doc, threadId, 'nope', { body: 'x', mentions: [], at: at(1) })).toThrow(EntryMissing);
    expect(() => deleteComment(doc, threadId, 'nope')).toThrow(EntryMissing);
  });

  it('lists a target\'s threads and the open ones by latest activity, and counts them per target', () => {
    const doc = new Y.Doc();
    const a = startThread(doc, kpi, { author: 'ada', body: 'a', mentions: [], at: at(0) }).threadId;
    const b = startThread(doc, kpi, { author: 'ada', body: 'b', mentions: [], at: at(1) }).threadId;
    const c = startThread(doc, { kind: 'term', id: 't1' }, { author: 'ada', body: 'c', mentions: [], at: at(2) }).threadId;
    addComment(doc, a, { author: 'bob', body: 'later', mentions: [], at: at(5) });
    setResolved(doc, b, true);
    expect(threadsOn(doc, kpi).map((t) => t.id)).toEqual([a, b]);
    expect(openThreads(doc).map((t) => t.id)).toEqual([a, c]);
    expect(threadCounts(doc).get('kpi:k1')).toEqual({ threads: 2, open: 1 });
  });

  it('converges when two replicas comment on the same thread at once', () => {
    const one = new Y.Doc();
    const two = new Y.Doc();
    const { threadId } = startThread(one, kpi, { author: 'ada', body: 'q', mentions: [], at: at(0) });
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    addComment(one, threadId, { author: 'ada', body: 'x', mentions: [], at: at(1) });
    addComment(two, threadId, { author: 'bob', body: 'y', mentions: [], at: at(1) });
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    expect(readThread(one, threadId)).toEqual(readThread(two, threadId));
    expect(readThread(one, threadId)!.comments).toHaveLength(3);
  });
});
