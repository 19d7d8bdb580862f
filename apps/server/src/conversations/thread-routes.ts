import {
  addComment,
  addCommentSchema,
  canWrite,
  commentParamsSchema,
  deleteComment,
  editComment,
  editCommentSchema,
  openThreads,
  parseTarget,
  readThread,
  resolveThreadSchema,
  setResolved,
  startThread,
  startThreadSchema,
  TARGET_DOCS,
  targetExists,
  targetTitle,
  threadParamsSchema,
  threadsOn,
  threadsQuerySchema,
  newId,
  type Target,
  type Thread,
} from '@troika/model';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { conversationsOf, syncOf, type AppDeps, type AppEnv, type WorkspaceAccess } from '../context';
import { ApiError, badRequest } from '../errors';
import { jsonBody, paramsOf, queryOf } from '../http/validate';
import { actorFor, membersAmong, type Actor } from './members';

const notFoundField = (what: string, field: string) => new ApiError(404, 'not_found', `${what} was not found.`, field);
const forbiddenField = (message: string, field: string) => new ApiError(403, 'forbidden', message, field);

/**
 * Threads and comments (DESIGN.md "Conversations"). Every member may start and answer threads,
 * viewers included (workspaceAccess lets signed-in viewers through to these routes; a viewer API
 * token stays read-only). Changes go through the sync engine into the `comments` document, so open
 * screens see them live; every rule is checked here, before anything is written.
 */
export function threadRoutes(deps: AppDeps) {
  // Looked up per request: an app built without them (tests of accounts) answers these routes with 503.
  const sync = () => syncOf(deps);
  const notifier = () => conversationsOf(deps).notifier;
  const commentsDoc = (workspaceId: string) => ({ workspaceId, doc: 'comments' as const });

  async function checkMentions(workspaceId: string, mentions: readonly string[]): Promise<void> {
    const members = await membersAmong(deps.database.db, workspaceId, mentions);
    const strangers = mentions.filter((id) => !members.has(id));
    if (strangers.length > 0) {
      throw badRequest('invalid_field', `mentions: ${strangers.join(', ')} ${strangers.length > 1 ? 'are not members' : 'is not a member'} of this workspace`, 'mentions');
    }
  }

  /** Writes to the `comments` document; a rule the change breaks is thrown before it touches the document. */
  async function write<T>(workspaceId: string, actor: Actor, change: (doc: Y.Doc) => T): Promise<T> {
    let result: T;
    try {
      await sync().edit(commentsDoc(workspaceId), (doc) => void (result = change(doc)), actor.id);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      deps.logger.error({ err: error, workspaceId }, 'comment not stored');
      throw new ApiError(503, 'unavailable', 'The comment could not be stored. Try again.');
    }
    return result!;
  }

  const existingThread = (doc: Y.Doc, threadId: string): Thread => {
    const thread = readThread(doc, threadId);
    if (!thread) throw notFoundField('This thread', 'threadId');
    return thread;
  };

  const titleOf = (workspaceId: string, target: Target) =>
    sync().read({ workspaceId, doc: TARGET_DOCS[target.kind] }, (doc) => targetTitle(doc, target)).catch(() => '');

  /** After a comment (run after the answer, see `later`): mentions, replies to the thread's people, and the `comment` webhook event. */
  async function tell(access: WorkspaceAccess, actor: Actor, thread: Thread, commentId: string, body: string, mentions: readonly string[], participants: readonly string[]) {
    const { workspaceId } = access;
    const title = await titleOf(workspaceId, thread.target);
    const base = { targetKind: thread.target.kind, targetTitle: title, body, actor: actor.name };
    const common = { workspaceId, actor, target: thread.target, threadId: thread.id, data: { commentId } };
    const hooks = await notifier().hooks(workspaceId);
    // Mentions were checked against the members before anything was written.
    const mentioned = await notifier().notify({ ...common, kind: 'mention', recipients: mentions, facts: { event: 'mention', ...base } }, { membersChecked: true, hooks });
    const already = new Set(mentioned);
    await notifier().notify({ ...common, kind: 'reply', recipients: participants.filter((p) => !already.has(p)), facts: { event: 'reply', ...base } }, { hooks });
    await notifier().emit(workspaceId, 'comment', { event: 'comment', ...base }, {
      actor,
      target: thread.target,
      threadId: thread.id,
      commentId,
      body,
      mentions,
    }, hooks);
  }

  return new Hono<AppEnv>()
    .get('/workspaces/:id/threads', queryOf(threadsQuerySchema), async (c) => {
      const { workspaceId } = c.get('access');
      const { target } = c.req.valid('query');
      const parsed = target ? parseTarget(target)! : null;
      const threads = await sync().read(commentsDoc(workspaceId), (doc) => (parsed ? threadsOn(doc, parsed) : openThreads(doc)));
      return c.json({ threads }, 200);
    })

    .post('/workspaces/:id/threads', jsonBody(startThreadSchema), async (c) => {
      const access = c.get('access');
      const actor = actorFor(access.principal);
      const input = c.req.valid('json');
      const target = input.target as Target;
      await checkMentions(access.workspaceId, input.mentions);
      const exists = await sync().read({ workspaceId: access.workspaceId, doc: TARGET_DOCS[target.kind] }, (doc) => targetExists(doc, target));
      if (!exists) throw notFoundField(`This ${target.kind}`, 'target');
      const at = new Date().toISOString();
      const ids = { thread: newId(), comment: newId() };
      await write(access.workspaceId, actor, (doc) => startThread(doc, target, { author: actor.id, body: input.body, mentions: input.mentions, at }, ids));
      const thread: Thread = { id: ids.thread, target, resolved: false, createdAt: at, createdBy: actor.id, comments: [] };
      conversationsOf(deps).later(access.workspaceId, () => tell(access, actor, thread, ids.comment, input.body, input.mentions, []));
      return c.json({ id: ids.thread, commentId: ids.comment }, 201);
    })

    .post('/workspaces/:id/threads/:threadId/comments', paramsOf(threadParamsSchema), jsonBody(addCommentSchema), async (c) => {
      const access = c.get('access');
      const actor = actorFor(access.principal);
      const { threadId } = c.req.valid('param');
      const input = c.req.valid('json');
      await checkMentions(access.workspaceId, input.mentions);
      const at = new Date().toISOString();
      const commentId = newId();
      const thread = await write(access.workspaceId, actor, (doc) => {
        const thread = existingThread(doc, threadId);
        addComment(doc, threadId, { author: actor.id, body: input.body, mentions: input.mentions, at }, commentId);
        return thread;
      });
      // Everyone who started or wrote in the thread before hears of the answer.
      const participants = [thread.createdBy, ...thread.comments.map((x) => x.author)];
      conversationsOf(deps).later(access.workspaceId, () => tell(access, actor, thread, commentId, input.body, input.mentions, participants));
      return c.json({ id: commentId }, 201);
    })

    .patch('/workspaces/:id/threads/:threadId/comments/:commentId', paramsOf(commentParamsSchema), jsonBody(editCommentSchema), async (c) => {
      const access = c.get('access');
      const actor = actorFor(access.principal);
      const { threadId, commentId } = c.req.valid('param');
      const input = c.req.valid('json');
      if (input.mentions) await checkMentions(access.workspaceId, input.mentions);
      const { thread, before } = await write(access.workspaceId, actor, (doc) => {
        const thread = existingThread(doc, threadId);
        const comment = thread.comments.find((x) => x.id === commentId);
        if (!comment) throw notFoundField('This comment', 'commentId');
        if (comment.author !== actor.id) throw forbiddenField('Only its author can edit a comment.', 'commentId');
        editComment(doc, threadId, commentId, { body: input.body, mentions: input.mentions ?? comment.mentions, at: new Date().toISOString() });
        return { thread, before: comment.mentions };
      });
      // Only people newly mentioned by the edit are told.
      const added = (input.mentions ?? []).filter((m) => !before.includes(m));
      if (added.length > 0) {
        conversationsOf(deps).later(access.workspaceId, async () => {
          const title = await titleOf(access.workspaceId, thread.target);
          await notifier().notify({
            workspaceId: access.workspaceId,
            kind: 'mention',
            recipients: added,
            actor,
            target: thread.target,
            threadId,
            facts: { event: 'mention', actor: actor.name, targetKind: thread.target.kind, targetTitle: title, body: input.body },
            data: { commentId },
          });
        });
      }
      return c.json({ id: commentId }, 200);
    })

    .delete('/workspaces/:id/threads/:threadId/comments/:commentId', paramsOf(commentParamsSchema), async (c) => {
      const access = c.get('access');
      const actor = actorFor(access.principal);
      const { threadId, commentId } = c.req.valid('param');
      await write(access.workspaceId, actor, (doc) => {
        const comment = existingThread(doc, threadId).comments.find((x) => x.id === commentId);
        if (!comment) throw notFoundField('This comment', 'commentId');
        if (comment.author !== actor.id && access.role !== 'owner') {
          throw forbiddenField('Only its author or an owner can delete a comment.', 'commentId');
        }
        deleteComment(doc, threadId, commentId);
      });
      return c.body(null, 204);
    })

    .patch('/workspaces/:id/threads/:threadId', paramsOf(threadParamsSchema), jsonBody(resolveThreadSchema), async (c) => {
      const access = c.get('access');
      const actor = actorFor(access.principal);
      const { threadId } = c.req.valid('param');
      const { resolved } = c.req.valid('json');
      await write(access.workspaceId, actor, (doc) => {
        const thread = existingThread(doc, threadId);
        if (thread.createdBy !== actor.id && !canWrite(access.role)) {
          throw forbiddenField('Only the thread\'s starter, editors and owners can resolve or reopen it.', 'resolved');
        }
        if (thread.resolved !== resolved) setResolved(doc, threadId, resolved);
      });
      return c.json({ id: threadId, resolved }, 200);
    });
}
