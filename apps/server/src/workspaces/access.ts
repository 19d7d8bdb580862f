import { memberships, type Database } from '@troika/db';
import type { Role, Seat } from '@troika/model';
import { canManage, canWrite } from '@troika/model';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../auth/principal';
import type { AppDeps, AppEnv, WorkspaceAccess } from '../context';
import { forbidden, notFound } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The principal's role and seat in a workspace, or null when they are not a member (or the workspace does not exist). */
export async function resolveAccess(db: Database, principal: Principal, workspaceId: string): Promise<WorkspaceAccess | null> {
  if (principal.kind === 'token') {
    return principal.workspaceId === workspaceId ? { workspaceId, role: principal.role, seat: null, principal } : null;
  }
  const [row] = await db
    .select({ role: memberships.role, seat: memberships.seat })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, principal.userId)))
    .limit(1);
  return row ? { workspaceId, role: row.role as Role, seat: row.seat as Seat, principal } : null;
}

/**
 * Guards every `/workspaces/:id/...` route: non-members (and anonymous callers) get 404, so a
 * workspace's existence is not revealed; viewers get 403 for anything that writes, except leaving.
 */
export function workspaceAccess(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const workspaceId = c.req.param('id');
    if (!workspaceId) throw notFound('This workspace');
    const access = principal ? await resolveAccess(deps.database.db, principal, workspaceId) : null;
    if (!access) throw notFound('This workspace');
    if (!SAFE_METHODS.has(c.req.method) && !canWrite(access.role) && !isLeaving(c.req.method, c.req.path, access) && !isConversation(c.req.path, access)) {
      throw forbidden('Viewers can read this workspace but not change it.');
    }
    c.set('access', access);
    await next();
  };
}

/** Whether the request removes the caller's own membership: the one change a viewer may make. */
function isLeaving(method: string, path: string, access: WorkspaceAccess): boolean {
  const { principal } = access;
  return method === 'DELETE' && principal.kind === 'user' && path.endsWith(`/workspaces/${access.workspaceId}/members/${principal.userId}`);
}

/**
 * Whether the request is about threads, which every member may start, answer and (their own) edit,
 * viewers included: comments are conversation, not content (DESIGN.md "Conversations"). A viewer API
 * token stays read-only, as documented for integrations; the thread routes check the finer rules.
 */
function isConversation(path: string, access: WorkspaceAccess): boolean {
  const threads = `/workspaces/${access.workspaceId}/threads`;
  return access.principal.kind === 'user' && (path.endsWith(threads) || path.includes(`${threads}/`));
}

/** Throws 403 unless the caller owns the workspace (members, invites, API tokens). */
export function requireOwner(access: WorkspaceAccess): void {
  if (access.principal.kind !== 'user' || !canManage(access.role)) {
    throw forbidden('Only owners can manage members, invites and API tokens.');
  }
}
