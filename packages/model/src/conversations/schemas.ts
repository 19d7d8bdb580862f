import { z } from 'zod';
import { parseTarget } from './targets';
import { COMMENT_BODY_MAX, NOTIFICATION_KINDS, TARGET_KINDS, WEBHOOK_EVENTS } from './types';

// Request shapes of the conversations API (DESIGN.md "Conversations"), shared by server and web.

/** Plain text, 1 to 10,000 characters; kept as typed (only checked for not being blank). */
export const commentBodySchema = z
  .string('must be text')
  .max(COMMENT_BODY_MAX, `must be at most ${COMMENT_BODY_MAX} characters`)
  .refine((s) => s.trim().length > 0, 'must not be empty');

const idSchema = z.string().regex(/^[A-Za-z0-9_:-]{1,80}$/, 'must be an id');

/** User ids of members; membership is checked by the server. Duplicates are dropped. */
export const mentionsSchema = z
  .array(idSchema, 'must be a list of user ids')
  .max(50, 'must name at most 50 people')
  .default([])
  .transform((ids) => [...new Set(ids)]);

export const targetSchema = z.object({
  kind: z.enum(TARGET_KINDS, `must be one of ${TARGET_KINDS.join(', ')}`),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'),
});

export const startThreadSchema = z.object({ target: targetSchema, body: commentBodySchema, mentions: mentionsSchema });
export type StartThreadRequest = z.input<typeof startThreadSchema>;

export const addCommentSchema = z.object({ body: commentBodySchema, mentions: mentionsSchema });
export type AddCommentRequest = z.input<typeof addCommentSchema>;

/** An edit replaces the body; `mentions`, when given, replaces them too (else they stay). */
export const editCommentSchema = z.object({ body: commentBodySchema, mentions: mentionsSchema.optional() });
export type EditCommentRequest = z.input<typeof editCommentSchema>;

export const resolveThreadSchema = z.object({ resolved: z.boolean('must be true or false') });

export const threadsQuerySchema = z.object({
  target: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseTarget(v) !== null, 'must be kind:id with a kind of ' + TARGET_KINDS.join(', ')),
});

export const threadParamsSchema = z.object({ id: z.string(), threadId: idSchema });
export const commentParamsSchema = threadParamsSchema.extend({ commentId: idSchema });

export const notificationsQuerySchema = z.object({
  unread: z.enum(['true', 'false'], 'must be true or false').optional(),
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100').default(50),
  before: idSchema.optional(),
});

export const markReadSchema = z.union(
  [z.object({ all: z.literal(true) }), z.object({ ids: z.array(idSchema).min(1).max(500) })],
  'give {ids: [...]} or {all: true}',
);

export const createWebhookSchema = z.object({
  url: z
    .url('must be a URL')
    .max(2000, 'must be at most 2000 characters')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, `must be among ${WEBHOOK_EVENTS.join(', ')}`))
    .min(1, 'must name at least one event')
    .transform((e) => [...new Set(e)]),
});
export type CreateWebhookRequest = z.input<typeof createWebhookSchema>;

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
