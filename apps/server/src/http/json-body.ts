import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '../errors';
import { fieldError } from './validate';

/**
 * Reads and validates a JSON body. Malformed JSON is a 400 `invalid_json`; a schema violation is a
 * 400 `invalid_field` naming the first offending field.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw fieldError(result.error);
  }
  return result.data;
}
