import * as Y from 'yjs';
import { newId } from '../ids';
import { EntryMissing } from '../entry-missing';
import { TARGET_KINDS, type Comment, type Target, type TargetKind, type Thread } from './types';

// The `comments` document: written only by the server (the API checks who may do what), read live by
// every member's screen. Shape in DESIGN.md "Conversations".

/** The root of the `comments` document: thread id -> Y.Map. */
export function threadsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('threads');
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function readTarget(value: unknown): Target | null {
  const v = value as { kind?: unknown; id?: unknown } | null;
  if (!v || typeof v !== 'object' || typeof v.id !== 'string') return null;
  return (TARGET_KINDS as readonly unknown[]).includes(v.kind) ? { kind: v.kind as TargetKind, id: v.id } : null;
}

function readComment(id: string, map: Y.Map<unknown>): Comment {
  const mentions = map.get('mentions');
  const editedAt = map.get('editedAt');
  return {
    id,
    author: str(map.get('author')),
    body: str(map.get('body')),
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : [],
    createdAt: str(map.get('createdAt')),
    editedAt: typeof editedAt === 'string' ? editedAt : null,
  };
}

function commentsMap(thread: Y.Map<unknown>): Y.Map<Y.Map<unknown>> | null {
  const comments = thread.get('comments');
  return comments instanceof Y.Map ? (comments as Y.Map<Y.Map<unknown>>) : null;
}

/** One thread as the API returns it, or null when it is missing or has no readable target. */
export function readThread(doc: Y.Doc, id: string): Thread | null {
  const map = threadsOf(doc).get(id);
  if (!(map instanceof Y.Map)) return null;
  const target = readTarget(map.get('target'));
  if (!target) return null;
  const comments: Comment[] = [];
  commentsMap(map)?.forEach((c, cid) => {
    if (c instanceof Y.Map) comments.push(readComment(cid, c));
  });
  comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return {
    id,
    target,
    resolved: map.get('resolved') === true,
    createdAt: str(map.get('createdAt')),
    createdBy: str(map.get('createdBy')),
    comments,
  };
}

/** Every thread of the document (unordered). */
export function readThreads(doc: Y.Doc): Thread[] {
  const threads: Thread[] = [];
  for (const id of threadsOf(doc).keys()) {
    const thread = readThread(doc, id);
    if (thread) threads.push(thread);
  }
  return threads;
}

/** When a thread last changed: its newest comment or edit (or its creation). */
export function lastActivity(thread: Thread): string {
  let latest = thread.createdAt;
  for (const c of thread.comments) {
    if (c.createdAt > latest) latest = c.createdAt;
    if (c.editedAt && c.editedAt > latest) latest = c.editedAt;
  }
  return latest;
}

/** Newest activity first (ties by id, so every reader orders them the same). */
export function byLatestActivity(a: Thread, b: Thread): number {
  return lastActivity(b).localeCompare(lastActivity(a)) || a.id.localeCompare(b.id);
}

export const sameTarget = (a: Target, b: Target) => a.kind === b.kind && a.id === b.id;

/** The threads on one target, newest activity first. */
export function threadsOn(doc: Y.Doc, target: Target): Thread[] {
  return readThreads(doc).filter((t) => sameTarget(t.target, target)).sort(byLatestActivity);
}

/** Every unresolved thread, newest activity first. */
export function openThreads(doc: Y.Doc): Thread[] {
  return readThreads(doc).filter((t) => !t.resolved).sort(byLatestActivity);
}

/** How many threads (and how many of them open) each target has: for counts on cards and rows. */
export function threadCounts(doc: Y.Doc): Map<string, { threads: number; open: number }> {
  const counts = new Map<string, { threads: number; open: number }>();
  for (const t of readThreads(doc)) {
    const key = `${t.target.kind}:${t.target.id}`;
    const c = counts.get(key) ?? { threads: 0, open: 0 };
    c.threads++;
    if (!t.resolved) c.open++;
    counts.set(key, c);
  }
  return counts;
}

export interface NewComment {
  author: string;
  body: string;
  mentions: readonly string[];
  at: string;
}

function commentEntry(input: NewComment): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('author', input.author);
  map.set('body', input.body);
  map.set('mentions', [...input.mentions]);
  map.set('createdAt', input.at);
  return map;
}

/** Starts a thread on a target with its first comment; returns both ids. */
export function startThread(doc: Y.Doc, target: Target, first: NewComment, ids = { thread: newId(), comment: newId() }) {
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set('target', { kind: target.kind, id: target.id });
    thread.set('resolved', false);
    thread.set('createdAt', first.at);
    thread.set('createdBy', first.author);
    const comments = new Y.Map<Y.Map<unknown>>();
    comments.set(ids.comment, commentEntry(first) as Y.Map<unknown>);
    thread.set('comments', comments);
    threadsOf(doc).set(ids.thread, thread);
  });
  return { threadId: ids.thread, commentId: ids.comment };
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const map = threadsOf(doc).get(threadId);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown thread ${threadId}`);
  return map;
}

function commentMap(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> {
  const map = commentsMap(threadMap(doc, threadId))?.get(commentId);
  if (!(map instanceof Y.Map)) throw new EntryMissing(`unknown comment ${commentId}`);
  return map;
}

/** Adds a comment to a thread; returns its id. */
export function addComment(doc: Y.Doc, threadId: string, input: NewComment, id = newId()): string {
  const thread = threadMap(doc, threadId);
  doc.transact(() => {
    let comments = commentsMap(thread);
    if (!comments) {
      comments = new Y.Map();
      thread.set('comments', comments);
    }
    comments.set(id, commentEntry(input) as Y.Map<unknown>);
  });
  return id;
}

/** Replaces a comment's body and mentions and stamps `editedAt`. */
export function editComment(doc: Y.Doc, threadId: string, commentId: string, edit: { body: string; mentions: readonly string[]; at: string }): void {
  const map = commentMap(doc, threadId, commentId);
  doc.transact(() => {
    map.set('body', edit.body);
    map.set('mentions', [...edit.mentions]);
    map.set('editedAt', edit.at);
  });
}

/** Deletes a comment; a thread left without comments goes too. Returns whether the thread went. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string): boolean {
  const thread = threadMap(doc, threadId);
  commentMap(doc, threadId, commentId);
  let threadGone = false;
  doc.transact(() => {
    const comments = commentsMap(thread)!;
    comments.delete(commentId);
    if (comments.size === 0) {
      threadsOf(doc).delete(threadId);
      threadGone = true;
    }
  });
  return threadGone;
}

/** Resolves or reopens a thread. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  threadMap(doc, threadId).set('resolved', resolved);
}
