import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { badRequest } from '../errors';

/**
 * Validators for Hono routes. They keep the API's one error shape (a 400 `invalid_field` naming the
 * field, `invalid_json` for a body that does not parse) and carry the schemas' types into `AppType`,
 * so the web's `hc<AppType>` client is checked against them.
 */

type Validated<Target extends string, S extends z.ZodType> = {
  in: { [K in Target]: z.input<S> };
  out: { [K in Target]: z.output<S> };
};

/** The first issue of a failed parse, as the API's 400 naming its field. */
export function fieldError(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, prefix = '') {
  const issue = error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return badRequest('invalid_field', field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}

/**
 * Reads and validates a JSON body. Malformed JSON is a 400 `invalid_json`; a schema violation is a
 * 400 `invalid_field` naming the first offending field. An empty body reads as `{}`, so a schema
 * whose fields are all optional accepts a bodiless POST.
 */
async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw fieldError(result.error);
  return result.data;
}

/**
 * A JSON body. Unlike Hono's `json` validator it does not require `Content-Type: application/json`
 * (curl's `-d` sends a form type; programs relied on that before), and it reads the body once.
 */
// Hono's env and path generics are left open (`any`) so the middleware fits any route it is used on.
export function jsonBody<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, Validated<'json', S>> {
  return async (c, next) => {
    c.req.addValidatedData('json', (await readJson(c, schema)) as object);
    await next();
  };
}

/** A query string; a bad parameter is a 400 naming it. */
export function queryOf<S extends z.ZodType>(schema: S) {
  return zValidator('query', schema, (result) => {
    if (!result.success) throw fieldError(result.error);
  });
}

/** Path parameters; a malformed one is a 400 naming it (an unknown id is still the handler's 404). */
export function paramsOf<S extends z.ZodType>(schema: S) {
  return zValidator('param', schema, (result) => {
    if (!result.success) throw fieldError(result.error);
  });
}

/** Path parameters that are opaque ids (a workspace, a member, a token): present, and passed as is. */
export function pathParams<K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1)])) as Record<K, z.ZodString>);
}
