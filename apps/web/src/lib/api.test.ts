import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, data, probe, setUnauthenticatedHandler } from './api';

/**
 * The client's one error path, against real Responses: an in-process Hono app answers in place of
 * the server (the browser's fetch is pointed at it), as the API does for each case.
 */
const server = new Hono()
  .post('/api/auth/login', (c) =>
    c.json({ error: { code: 'rate_limited', message: 'Too many attempts. Try again in 2 minute(s).' } }, 429, { 'Retry-After': '120' }),
  )
  .post('/api/workspaces', (c) => c.json({ error: { code: 'invalid_field', message: 'name: must not be empty', field: 'name' } }, 400))
  .get('/api/workspaces/:id', (c) => c.json({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } }, 401))
  .get('/api/invites/:token', (c) => c.json({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } }, 401))
  .get('/api/workspaces/:id/tokens', (c) => c.text('Bad gateway', 502))
  .delete('/api/workspaces/:id/tokens/:tokenId', (c) => c.body(null, 204));

let redirects = 0;
beforeEach(() => {
  redirects = 0;
  setUnauthenticatedHandler(() => redirects++);
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => server.fetch(new Request(new URL(String(input), 'http://troika.test'), init)));
});
afterEach(() => vi.unstubAllGlobals());

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the API client', () => {
  it('throws the error body as an ApiError, with Retry-After in seconds', async () => {
    const error = await failure(data(api.auth.login.$post({ json: { email: 'a@example.com', password: 'x' } })));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 120 });
  });

  it('keeps the field a 400 names', async () => {
    const error = await failure(data(api.workspaces.$post({ json: { name: '' } })));
    expect(error).toMatchObject({ status: 400, code: 'invalid_field', field: 'name', message: 'name: must not be empty' });
  });

  it('sends people to sign in when a call finds the session gone, but not from a probe', async () => {
    await failure(data(api.workspaces[':id'].$get({ param: { id: 'w1' } })));
    expect(redirects).toBe(1);
    await failure(data(probe.invites[':token'].$get({ param: { token: 't1' } })));
    expect(redirects).toBe(1);
  });

  it('turns an answer that is not the API error body into an error with its status', async () => {
    const error = await failure(data(api.workspaces[':id'].tokens.$get({ param: { id: 'w1' } })));
    expect(error).toMatchObject({ status: 502, code: 'internal', message: 'The server answered 502.' });
  });

  it('calls a server that cannot be reached a network error, and lets a cancelled call be cancelled', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await failure(data(api.workspaces[':id'].$get({ param: { id: 'w1' } })))).toMatchObject({ status: 0, code: 'network' });

    const cancel = new AbortController();
    cancel.abort();
    vi.stubGlobal('fetch', (_: unknown, init?: RequestInit) => Promise.reject(init?.signal?.reason ?? new Error('aborted')));
    const aborted = await api.workspaces[':id'].$get({ param: { id: 'w1' } }, { init: { signal: cancel.signal } }).catch((e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(ApiError);
  });

  it('resolves a 204 with nothing', async () => {
    expect(await data(api.workspaces[':id'].tokens[':tokenId'].$delete({ param: { id: 'w1', tokenId: 't1' } }))).toBeUndefined();
  });
});
