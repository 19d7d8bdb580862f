import { webhookDeliveries, webhooks } from '@troika/db';
import { createWebhookSchema, newId } from '@troika/model';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../context';
import { badRequest, notFound } from '../errors';
import { jsonBody, paramsOf } from '../http/validate';
import { requireOwner } from '../workspaces/access';
import { refusedWebhookUrl } from './address-check';

const MAX_PER_WORKSPACE = 20;

/**
 * Owners' webhooks. Listing is for owners too: a chat tool's incoming-webhook URL is itself a secret.
 * The signing secret is shown once, when the webhook is made.
 */
export function webhookRoutes(deps: AppDeps) {
  const db = deps.database.db;

  return new Hono<AppEnv>()
    .post('/workspaces/:id/webhooks', jsonBody(createWebhookSchema), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const input = c.req.valid('json');
      const refused = await refusedWebhookUrl(input.url, deps.config.WEBHOOK_ALLOW_PRIVATE);
      if (refused) throw badRequest('invalid_field', `url: ${refused}`, 'url');
      const existing = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.workspaceId, access.workspaceId));
      if (existing.length >= MAX_PER_WORKSPACE) throw badRequest('invalid_field', `url: a workspace has at most ${MAX_PER_WORKSPACE} webhooks`, 'url');
      const id = newId();
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      await db.insert(webhooks).values({
        id,
        workspaceId: access.workspaceId,
        url: input.url,
        events: input.events,
        secret,
        createdBy: access.principal.kind === 'user' ? access.principal.userId : null,
      });
      return c.json({ id, url: input.url, events: input.events, secret }, 201);
    })

    .get('/workspaces/:id/webhooks', async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const hooks = await db
        .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt })
        .from(webhooks)
        .where(eq(webhooks.workspaceId, access.workspaceId))
        .orderBy(webhooks.createdAt);
      const list = await Promise.all(
        hooks.map(async (h) => {
          const [last] = await db
            .select({
              at: webhookDeliveries.lastAttemptAt,
              status: webhookDeliveries.lastStatus,
              error: webhookDeliveries.lastError,
              event: webhookDeliveries.event,
              deliveredAt: webhookDeliveries.deliveredAt,
            })
            .from(webhookDeliveries)
            .where(and(eq(webhookDeliveries.webhookId, h.id), isNotNull(webhookDeliveries.lastAttemptAt)))
            .orderBy(desc(webhookDeliveries.lastAttemptAt))
            .limit(1);
          return {
            id: h.id,
            url: h.url,
            events: h.events,
            createdAt: h.createdAt.toISOString(),
            lastDelivery: last
              ? { at: last.at!.toISOString(), status: last.status, error: last.error, event: last.event, delivered: last.deliveredAt !== null }
              : null,
          };
        }),
      );
      return c.json({ webhooks: list }, 200);
    })

    .delete('/workspaces/:id/webhooks/:webhookId', paramsOf(z.object({ id: z.string(), webhookId: z.string().max(80) })), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const { webhookId } = c.req.valid('param');
      const deleted = await db
        .delete(webhooks)
        .where(and(eq(webhooks.id, webhookId), eq(webhooks.workspaceId, access.workspaceId)))
        .returning({ id: webhooks.id });
      if (deleted.length === 0) throw notFound('This webhook');
      return c.body(null, 204);
    });
}
