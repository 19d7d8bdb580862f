import type { MiddlewareHandler } from 'hono';
import { notFound } from '../errors';

// A control character in the path, raw or percent-encoded (%00-%1F, %7F).
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)|[\u0000-\u001f\u007f]/i;

/**
 * No id, token or route name holds a control character, and a NUL cannot even reach PostgreSQL (the
 * query fails with a 500): such a path is answered as not found before any handler reads it.
 */
export function pathGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (CONTROL_IN_PATH.test(c.req.path)) throw notFound('This API route');
    await next();
  };
}
