import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/harness';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /healthz', () => {
  it('answers 200 when the database answers', async () => {
    const res = await t.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: t.database.kind });
  });

  it('answers 503 unavailable when the database does not answer', async () => {
    // A second real database costs seconds to open under PGlite; a ping that fails like a dropped connection is enough here.
    const down = { ...t.database, ping: () => Promise.reject(new Error('Connection terminated unexpectedly')) };
    const broken = await createTestApp({ database: down });
    const res = await broken.client().get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(broken.errorLogs()).toHaveLength(1);
  });
});

describe('the API', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.client().get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('marks every answer, errors included, as not cacheable', async () => {
    expect((await t.client().get('/api/me')).headers.get('cache-control')).toBe('no-store');
    const user = await t.signUp();
    expect((await user.get('/api/me')).headers.get('cache-control')).toBe('no-store');
  });
});
