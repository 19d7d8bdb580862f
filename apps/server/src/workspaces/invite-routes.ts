import { invites, memberships, workspaces } from '@troika/db';
import type { InviteInfo, Role, Seat } from '@troika/model';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireUser } from '../auth/middleware';
import { hashSecret } from '../auth/tokens';
import type { AppDeps, AppEnv } from '../context';
import { ApiError } from '../errors';
import { paramsOf, pathParams } from '../http/validate';

const inviteInvalid = () =>
  new ApiError(404, 'invite_invalid', 'This invite link is not valid: it may have expired or been used already. Ask for a new one.');

/** Reading and accepting invite links (`/invite/:token` on the web client). */
export function inviteRoutes(deps: AppDeps) {
  const { db } = deps.database;

  async function findOpenInvite(token: string) {
    const [row] = await db
      .select({ invite: invites, workspaceName: workspaces.name })
      .from(invites)
      .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
      .where(and(eq(invites.tokenHash, hashSecret(token)), isNull(invites.acceptedBy), gt(invites.expiresAt, new Date())))
      .limit(1);
    if (!row) throw inviteInvalid();
    return row;
  }

  return new Hono<AppEnv>()
    // Readable by anyone holding the link, so the page can say what they are joining before sign-in.
    .get('/invites/:token', paramsOf(pathParams('token')), async (c) => {
      const { invite, workspaceName } = await findOpenInvite(c.req.valid('param').token);
      const body: InviteInfo = {
        workspaceName,
        role: invite.role as Role,
        seat: invite.seat as Seat,
        expiresAt: invite.expiresAt.toISOString(),
      };
      return c.json(body);
    })
    .post('/invites/:token/accept', paramsOf(pathParams('token')), async (c) => {
      const me = requireUser(c);
      const { invite } = await findOpenInvite(c.req.valid('param').token);
      await db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, me.userId)));
        // Someone already inside keeps their role (an invite never demotes) and leaves the link for its intended person.
        if (existing) return;
        // Claim the invite first: of two people racing for one link, exactly one wins.
        const claimed = await tx
          .update(invites)
          .set({ acceptedBy: me.userId, acceptedAt: new Date() })
          .where(and(eq(invites.tokenHash, invite.tokenHash), isNull(invites.acceptedBy)))
          .returning({ tokenHash: invites.tokenHash });
        if (claimed.length === 0) throw inviteInvalid();
        await tx.insert(memberships).values({ workspaceId: invite.workspaceId, userId: me.userId, role: invite.role, seat: invite.seat });
      });
      deps.logger.info({ workspaceId: invite.workspaceId, userId: me.userId }, 'invite accepted');
      return c.json({ workspaceId: invite.workspaceId });
    });
}
