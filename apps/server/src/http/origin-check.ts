import type { MiddlewareHandler } from 'hono';
import { isAllowedOrigin, type Config } from '../config';
import { ApiError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from a foreign page (CSRF). Requests without
 * an Origin header come from programs, which authenticate with a bearer token, not a cookie.
 */
export function originCheck(config: Pick<Config, 'origin'>): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!SAFE_METHODS.has(c.req.method) && origin !== undefined && !isAllowedOrigin(config, origin)) {
      throw new ApiError(403, 'forbidden_origin', 'Requests from this origin are not allowed.');
    }
    await next();
  };
}
