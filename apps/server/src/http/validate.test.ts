import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler } from '../errors';
import { createLogger } from '../logger';
import { jsonBody, paramsOf, queryOf } from './validate';

const app = new Hono()
  .onError(errorHandler(createLogger('silent')))
  .post('/things/:n', paramsOf(z.object({ n: z.coerce.number().int() })), queryOf(z.object({ q: z.string().max(3).optional() })), jsonBody(z.object({ name: z.string().min(1) })), (c) =>
    c.json({ n: c.req.valid('param').n, q: c.req.valid('query').q ?? null, name: c.req.valid('json').name }),
  );

const post = (path: string, body: string, type = 'application/json') =>
  app.request(path, { method: 'POST', body, headers: { 'content-type': type } });

describe('route validators', () => {
  it('passes typed values through', async () => {
    const res = await post('/things/3?q=ab', '{"name":"x"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ n: 3, q: 'ab', name: 'x' });
  });

  it('reads a JSON body sent with a form content type, as curl -d does', async () => {
    const res = await post('/things/3', '{"name":"x"}', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
  });

  it('names the body field, the query parameter and the path parameter that fail', async () => {
    for (const [path, body, field] of [
      ['/things/3', '{"name":""}', 'name'],
      ['/things/3?q=abcd', '{"name":"x"}', 'q'],
      ['/things/x', '{"name":"x"}', 'n'],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error, path).toMatchObject({ code: 'invalid_field', field });
    }
  });

  it('answers malformed JSON with invalid_json', async () => {
    const res = await post('/things/3', '{"name":');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});
