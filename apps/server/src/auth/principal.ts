import { apiTokens, type Database } from '@troika/db';
import type { Role } from '@troika/model';
import { eq } from 'drizzle-orm';
import type { SessionStore } from './sessions';
import { hashSecret } from './tokens';

/** Who is calling: a signed-in person, or an integration holding a workspace's API token. */
export type Principal =
  | { kind: 'user'; userId: string; name: string; email: string; sessionId: string; refreshCookie?: string }
  | { kind: 'token'; tokenId: string; name: string; workspaceId: string; role: Role };

export interface Credentials {
  cookie?: string | undefined;
  authorization?: string | undefined;
}

/**
 * Resolves the caller from the Cookie or Authorization header. A bearer header wins over a cookie;
 * an invalid one of either kind yields null (never a fallback to the other). Other schemes (such
 * as the Basic credentials a password-protecting proxy adds to every request) are not ours and are
 * ignored, so the session cookie still counts.
 */
export async function authenticate(db: Database, sessions: SessionStore, credentials: Credentials): Promise<Principal | null> {
  if (/^Bearer(\s|$)/i.test(credentials.authorization ?? '')) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization!)?.[1];
    if (!bearer) return null;
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashSecret(bearer))).limit(1);
    if (!row) return null;
    // Recording use is best-effort bookkeeping, at most once a minute (not a write per call); a failure must not fail the call.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      void db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id)).catch(() => {});
    }
    return { kind: 'token', tokenId: row.id, name: row.name, workspaceId: row.workspaceId, role: row.role as Role };
  }
  const token = sessions.readCookie(credentials.cookie);
  if (!token) return null;
  const result = await sessions.validate(token);
  if (!result) return null;
  return {
    kind: 'user',
    userId: result.user.id,
    name: result.user.name,
    email: result.user.email,
    sessionId: result.session.id,
    ...(result.refreshCookie ? { refreshCookie: result.refreshCookie } : {}),
  };
}
