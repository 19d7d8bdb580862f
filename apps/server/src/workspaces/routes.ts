import { apiTokens, invites, memberships, users, workspaces, type Database } from '@troika/db';
import {
  createInviteSchema,
  createTokenSchema,
  createWorkspaceSchema,
  newId,
  seedStarterBoard,
  seedStarterGlossary,
  updateMemberSchema,
  type ApiTokenCreated,
  type ApiTokenInfo,
  type InviteCreated,
  type Role,
  type Seat,
  type WorkspaceDetail,
} from '@troika/model';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireUser } from '../auth/middleware';
import { hashSecret, newSecret } from '../auth/tokens';
import type { AppDeps, AppEnv } from '../context';
import { conflict, notFound } from '../errors';
import { jsonBody, paramsOf, pathParams } from '../http/validate';
import { requireOwner } from './access';

const INVITE_DAYS = 7;

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Workspaces, their members, invite links and API tokens. */
export function workspaceRoutes(deps: AppDeps) {
  const { db } = deps.database;
  /**
   * Runs a membership change in a transaction that first locks the workspace's row, so changes to
   * one workspace's members happen one at a time: two owners stepping down at the same moment must
   * not each count the other as the owner who remains.
   */
  function changeMembers<T>(workspaceId: string, change: (tx: Transaction) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
      return change(tx);
    });
  }

  /** Refuses a change that would leave the workspace without an owner (call inside changeMembers). */
  async function assertOwnerRemains(tx: Transaction, workspaceId: string, userId: string) {
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    if (!target) throw notFound('This member');
    if (target.role !== 'owner') return;
    const [owners] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
    if ((owners?.n ?? 0) <= 1) throw conflict('last_owner', 'A workspace needs at least one owner. Make someone else an owner first.');
  }

  return new Hono<AppEnv>()
    .post('/workspaces', jsonBody(createWorkspaceSchema), async (c) => {
      const me = requireUser(c);
      const input = c.req.valid('json');
      const workspace = { id: newId(), name: input.name };
      await db.transaction(async (tx) => {
        await tx.insert(workspaces).values({ ...workspace, createdBy: me.userId });
        await tx.insert(memberships).values({ workspaceId: workspace.id, userId: me.userId, role: 'owner', seat: input.seat });
      });
      deps.logger.info({ workspaceId: workspace.id, userId: me.userId }, 'workspace created');
      if (input.starter && deps.sync) {
        await deps.sync.edit({ workspaceId: workspace.id, doc: 'board' }, seedStarterBoard, me.userId);
        await deps.sync.edit({ workspaceId: workspace.id, doc: 'glossary' }, seedStarterGlossary, me.userId);
      }
      return c.json(workspace, 201);
    })
    .get('/workspaces/:id', paramsOf(pathParams('id')), async (c) => {
      const access = c.get('access');
      const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, access.workspaceId)).limit(1);
      if (!workspace) throw notFound('This workspace');
      const members = await db
        .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, seat: memberships.seat })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, access.workspaceId))
        .orderBy(asc(users.name));
      const body: WorkspaceDetail = {
        id: workspace.id,
        name: workspace.name,
        role: access.role,
        seat: access.seat ?? 'business',
        members: members.map((m) => ({ ...m, role: m.role as Role, seat: m.seat as Seat })),
      };
      return c.json(body);
    })
    .patch('/workspaces/:id/members/:userId', paramsOf(pathParams('id', 'userId')), jsonBody(updateMemberSchema), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const input = c.req.valid('json');
      const { userId } = c.req.valid('param');
      const updated = await changeMembers(access.workspaceId, async (tx) => {
        if (input.role && input.role !== 'owner') await assertOwnerRemains(tx, access.workspaceId, userId);
        return tx
          .update(memberships)
          .set({ ...(input.role ? { role: input.role } : {}), ...(input.seat ? { seat: input.seat } : {}) })
          .where(and(eq(memberships.workspaceId, access.workspaceId), eq(memberships.userId, userId)))
          .returning({ userId: memberships.userId, role: memberships.role, seat: memberships.seat });
      });
      const [member] = updated;
      if (!member) throw notFound('This member');
      await deps.onMembershipChanged?.(access.workspaceId, userId);
      return c.json({ userId: member.userId, role: member.role as Role, seat: member.seat as Seat });
    })
    .delete('/workspaces/:id/members/:userId', paramsOf(pathParams('id', 'userId')), async (c) => {
      const access = c.get('access');
      const { userId } = c.req.valid('param');
      const leavingMyself = access.principal.kind === 'user' && access.principal.userId === userId;
      if (!leavingMyself) requireOwner(access);
      await changeMembers(access.workspaceId, async (tx) => {
        await assertOwnerRemains(tx, access.workspaceId, userId);
        await tx.delete(memberships).where(and(eq(memberships.workspaceId, access.workspaceId), eq(memberships.userId, userId)));
      });
      await deps.onMembershipChanged?.(access.workspaceId, userId);
      return c.body(null, 204);
    })
    .post('/workspaces/:id/invites', paramsOf(pathParams('id')), jsonBody(createInviteSchema), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const input = c.req.valid('json');
      const token = newSecret();
      const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000);
      await db.insert(invites).values({
        tokenHash: hashSecret(token),
        workspaceId: access.workspaceId,
        role: input.role,
        seat: input.seat,
        createdBy: requireUser(c).userId,
        expiresAt,
      });
      const body: InviteCreated = { token, url: `${deps.config.publicUrl}/invite/${token}`, expiresAt: expiresAt.toISOString() };
      return c.json(body, 201);
    })
    .get('/workspaces/:id/tokens', paramsOf(pathParams('id')), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const rows = await db.select().from(apiTokens).where(eq(apiTokens.workspaceId, access.workspaceId)).orderBy(desc(apiTokens.createdAt));
      const body: ApiTokenInfo[] = rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role as Role,
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      }));
      return c.json({ tokens: body });
    })
    .post('/workspaces/:id/tokens', paramsOf(pathParams('id')), jsonBody(createTokenSchema), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const input = c.req.valid('json');
      // The prefix lets secret scanners and people recognise a Troika token.
      const token = `trk_${newSecret()}`;
      const id = newId();
      await db.insert(apiTokens).values({
        id,
        workspaceId: access.workspaceId,
        name: input.name,
        role: input.role,
        tokenHash: hashSecret(token),
        createdBy: requireUser(c).userId,
      });
      const body: ApiTokenCreated = { id, name: input.name, role: input.role, token };
      return c.json(body, 201);
    })
    .delete('/workspaces/:id/tokens/:tokenId', paramsOf(pathParams('id', 'tokenId')), async (c) => {
      const access = c.get('access');
      requireOwner(access);
      const deleted = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.workspaceId, access.workspaceId), eq(apiTokens.id, c.req.valid('param').tokenId)))
        .returning({ id: apiTokens.id });
      if (deleted.length === 0) throw notFound('This token');
      deps.onCredentialRevoked?.({ tokenId: deleted[0]!.id });
      return c.body(null, 204);
    });
}
