import type * as Y from 'yjs';
import type { DocName } from '../documents';
import { byLatestActivity, readThreads } from './comments-doc';
import { TARGET_DOCS, TARGET_LABELS, targetTitle } from './targets';
import { isTokenActor } from '../shared/actor';
import { markdownText } from '../shared/markdown';
import type { Target } from './types';

/** A thread as the workspace export writes it: names resolved, comments oldest first. */
export interface ExportedThread {
  id: string;
  target: Target & { title: string };
  resolved: boolean;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  comments: {
    id: string;
    author: string;
    authorName: string;
    body: string;
    mentions: string[];
    mentionNames: string[];
    createdAt: string;
    editedAt: string | null;
  }[];
}

/** Every thread of the `comments` document, newest activity first, with target titles and people's names. */
export function exportThreads(
  comments: Y.Doc,
  docs: Partial<Record<DocName, Y.Doc>>,
  people: ReadonlyMap<string, string>,
): ExportedThread[] {
  const nameOf = (id: string) => people.get(id) ?? (isTokenActor(id) ? 'API token' : 'Former member');
  return readThreads(comments)
    .sort(byLatestActivity)
    .map((t) => {
      const doc = docs[TARGET_DOCS[t.target.kind]];
      return {
        id: t.id,
        target: { ...t.target, title: doc ? targetTitle(doc, t.target) : '' },
        resolved: t.resolved,
        createdAt: t.createdAt,
        createdBy: t.createdBy,
        createdByName: nameOf(t.createdBy),
        comments: t.comments.map((c) => ({ ...c, authorName: nameOf(c.author), mentionNames: c.mentions.map(nameOf) })),
      };
    });
}

const when = (iso: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** The `## Conversations` section of the Markdown export. */
export function threadsMarkdown(threads: readonly ExportedThread[]): string {
  const lines = ['## Conversations', ''];
  if (threads.length === 0) lines.push('No conversations yet.', '');
  for (const t of threads) {
    const title = t.target.title ? ` ${markdownText(t.target.title)}` : '';
    lines.push(`### On ${TARGET_LABELS[t.target.kind]}${title} (${t.resolved ? 'resolved' : 'open'})`, '');
    for (const c of t.comments) {
      const mentions = c.mentionNames.length > 0 ? `, to ${c.mentionNames.map(markdownText).join(', ')}` : '';
      lines.push(`**${markdownText(c.authorName)}**, ${when(c.createdAt)}${c.editedAt ? ' (edited)' : ''}${mentions}:`, '');
      for (const line of c.body.split(/\r?\n/)) lines.push(`> ${markdownText(line)}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
