import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards `/metrics` with `Authorization: Bearer <METRICS_TOKEN>` when a token is configured; without
 * one the endpoint stays open (a scraper on a private network, the default of most exporters). The
 * comparison takes the same time whatever the guess.
 */
export function metricsAuth(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? null : digest(token);
  return async (c, next) => {
    if (expected) {
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
      if (!timingSafeEqual(digest(given), expected)) {
        throw new ApiError(401, 'unauthenticated', 'Send the metrics token as Authorization: Bearer.', undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
      }
    }
    await next();
  };
}
