import { memberships, users, workspaces } from '@troika/db';
import { loginSchema, newId, signupSchema, type MeResponse, type Role, type Seat, type SessionResponse } from '@troika/model';
import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context';
import { ApiError, conflict, isUniqueViolation, tooManyRequests } from '../errors';
import { clientIp } from '../http/client-ip';
import { jsonBody } from '../http/validate';
import { requireUser } from './middleware';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';

/** Sign-up, sign-in, sign-out, `GET /me` and `GET /session`. */
export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  /** The person and their workspaces, as `GET /me` and `GET /session` answer. */
  async function meOf(me: { userId: string; email: string; name: string }): Promise<MeResponse> {
    const rows = await db
      .select({ id: workspaces.id, name: workspaces.name, role: memberships.role, seat: memberships.seat })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, me.userId))
      .orderBy(asc(workspaces.name));
    return {
      user: { id: me.userId, email: me.email, name: me.name },
      workspaces: rows.map((r) => ({ ...r, role: r.role as Role, seat: r.seat as Seat })),
    };
  }

  return new Hono<AppEnv>()
    .post('/auth/signup', jsonBody(signupSchema), async (c) => {
      const input = c.req.valid('json');
      const wait = await deps.loginLimiter.signup(clientIp(c, deps.config.TRUST_PROXY));
      if (wait !== null) throw tooManyRequests(wait);
      const emailTaken = () => conflict('email_taken', 'An account with this email already exists. Sign in instead.');
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
      if (existing) throw emailTaken();
      const user = { id: newId(), email: input.email, name: input.name };
      try {
        await db.insert(users).values({ ...user, passwordHash: await hashPassword(input.password) });
      } catch (error) {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
      const { cookie } = await deps.sessions.start(user.id);
      c.header('set-cookie', cookie, { append: true });
      deps.logger.info({ userId: user.id }, 'signed up');
      return c.json({ user }, 201);
    })
    .post('/auth/login', jsonBody(loginSchema), async (c) => {
      const input = c.req.valid('json');
      const ip = clientIp(c, deps.config.TRUST_PROXY);
      const wait = await deps.loginLimiter.attempt(ip, input.email);
      if (wait !== null) throw tooManyRequests(wait);
      const [row] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
      const ok = row ? await verifyPassword(row.passwordHash, input.password) : await verifyAgainstDummy(input.password);
      if (!row || !ok) {
        await deps.loginLimiter.failed(ip, input.email);
        throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
      }
      await deps.loginLimiter.succeeded(ip, input.email);
      const { cookie } = await deps.sessions.start(row.id);
      c.header('set-cookie', cookie, { append: true });
      return c.json({ user: { id: row.id, email: row.email, name: row.name } });
    })
    .post('/auth/logout', async (c) => {
      const principal = c.get('principal');
      const { cookie } =
        principal?.kind === 'user' ? await deps.sessions.end(principal.sessionId) : { cookie: deps.sessions.blankCookie() };
      if (principal?.kind === 'user') deps.onCredentialRevoked?.({ sessionId: principal.sessionId });
      c.header('set-cookie', cookie, { append: true });
      return c.body(null, 204);
    })
    .get('/me', async (c) => c.json(await meOf(requireUser(c))))
    // The screens' probe: signed out is an answer here, not an error (a 401 would be logged as one by
    // the browser on every signed-out page).
    .get('/session', async (c) => {
      const principal = c.get('principal');
      const body: SessionResponse = principal?.kind === 'user' ? await meOf(principal) : { user: null, workspaces: [] };
      return c.json(body);
    });
}
