import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../context';
import { unauthenticated } from '../errors';
import { authenticate, type Principal } from './principal';

/** Resolves the caller once per request into `c.var.principal` (null when anonymous). */
export function principalMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await authenticate(deps.database.db, deps.sessions, {
      cookie: c.req.header('cookie'),
      authorization: c.req.header('authorization'),
    });
    c.set('principal', principal);
    await next();
    if (principal?.kind === 'user' && principal.refreshCookie && !c.res.headers.has('set-cookie')) {
      c.res.headers.append('set-cookie', principal.refreshCookie);
    }
  };
}

/** The signed-in person behind the request; API tokens and anonymous callers get 401. */
export function requireUser(c: Context<AppEnv>): Extract<Principal, { kind: 'user' }> {
  const principal = c.get('principal');
  if (principal?.kind !== 'user') throw unauthenticated();
  return principal;
}
