import type { ErrorCode } from '@troika/model';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './logger';

/** The one error type of the API: thrown anywhere, turned into `{error: {code, message}}` by `onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: 'invalid_json' | 'invalid_field', message: string, field?: string) =>
  new ApiError(400, code, message, field);
export const unauthenticated = (message = 'Sign in to continue.') => new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'Your role does not allow this.') => new ApiError(403, 'forbidden', message);
export const notFound = (what = 'This') => new ApiError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: ErrorCode, message: string) => new ApiError(409, code, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, undefined, {
    'Retry-After': String(Math.ceil(retryAfterSeconds)),
  });

/** Turns thrown errors into the API's error body; anything unexpected is logged and answered as a 500. */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v);
      const body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
      return c.json({ error: body }, error.status);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  };
}

/** Whether a database error is a unique-constraint violation (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | undefined;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
