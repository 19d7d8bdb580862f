import { users } from '@troika/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(() => t.close());

const countUsers = async () => (await t.database.db.select({ id: users.id }).from(users)).length;
const json = { 'content-type': 'application/json' };

describe('JSON bodies', () => {
  it.each(['{"email": "a@example.com",', 'not json', '{"email": "a@example.com"}}'])(
    'answers malformed JSON (%s) with 400 invalid_json',
    async (rawBody) => {
      const res = await t.client().post('/api/auth/signup', undefined, { rawBody, headers: json });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_json');
      expect(await countUsers()).toBe(0);
    },
  );

  it('answers a JSON value that is not an object with 400 invalid_field', async () => {
    for (const rawBody of ['[]', '"text"', 'null', '42']) {
      const res = await t.client().post('/api/auth/signup', undefined, { rawBody, headers: json });
      expect(res.status, rawBody).toBe(400);
      expect(res.body.error.code, rawBody).toBe('invalid_field');
    }
  });

  it('names a field of the wrong type', async () => {
    const res = await t.client().post('/api/auth/signup', { email: 'a@example.com', name: 'A', password: 12345678 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_field', field: 'password' });
  });

  it('answers a body over BODY_LIMIT_BYTES with 413, with or without Content-Length, creating nobody', async () => {
    const huge = JSON.stringify({ email: 'big@example.com', name: 'x'.repeat(5000), password: 'long enough' });
    const declared = await t.client().post('/api/auth/signup', undefined, {
      rawBody: huge,
      headers: { ...json, 'content-length': String(Buffer.byteLength(huge)) },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');

    // A chunked body has no Content-Length: the limit must hold while it is read.
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < huge.length; i += 1000) controller.enqueue(encoder.encode(huge.slice(i, i + 1000)));
        controller.close();
      },
    });
    const chunked = await t.client().send('POST', '/api/auth/signup', undefined, { rawBody: stream, headers: json });
    expect(chunked.status).toBe(413);
    expect(chunked.body.error.code).toBe('payload_too_large');
    expect(await countUsers()).toBe(0);
    expect(t.errorLogs()).toEqual([]);
  });
});
