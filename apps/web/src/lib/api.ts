import type { ApiErrorBody } from '@troika/model';
// Type only: the server's routes give the client its types; no server code reaches the browser
// (the package exports nothing but types, so a value import would not even resolve).
import type { AppType } from '@troika/server/app';
import { hc, parseResponse, type ClientResponse } from 'hono/client';
import { ApiError } from './api-error';

export { ApiError } from './api-error';

/**
 * The one way the screens call the HTTP API: `hc<AppType>`, typed by the server's own route
 * declarations, so a renamed field or path fails the type check instead of a user. Every call
 * either resolves with a successful response or throws an ApiError (from the server's error body,
 * with `Retry-After`), and a lost session sends people to sign in.
 *
 *   const detail = await data(api.workspaces[':id'].$get({ param: { id } }));
 *
 * Path parameters are sent as given: ids and tokens are URL-safe (base36, base64url).
 */

let onUnauthenticated: (() => void) | null = null;

/** Registers what happens when any call finds the session gone (the app sends people to sign in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** The ApiError an unsuccessful response stands for (its JSON error body, else its status). */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not JSON: a proxy or a crashed server answered.
  }
  const retry = Number(response.headers.get('retry-after'));
  const e = body?.error;
  return new ApiError(
    response.status,
    e?.code ?? 'internal',
    e?.message ?? `The server answered ${response.status}.`,
    e?.field,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/**
 * `fetch` with the client's one error path: unreachable is a `network` ApiError, an unsuccessful
 * answer an ApiError from its body; a 401 `unauthenticated` also calls the handler above unless
 * `redirect` is off (a probe of the session, where 401 just means "signed out").
 */
function apiFetch(redirect: boolean): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
    } catch (error) {
      // A call the page cancelled (an AbortSignal) is not a lost connection.
      if (init?.signal?.aborted) throw error;
      throw new ApiError(0, 'network', 'Troika cannot be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      const error = await toApiError(response);
      if (redirect && error.code === 'unauthenticated') onUnauthenticated?.();
      throw error;
    }
    return response;
  };
}

/** The API (`/api/...`): every call the screens make. */
export const api = hc<AppType>('/', { fetch: apiFetch(true) }).api;

/** The same API for probes (an invite link): a 401 there means "signed out", not a reason to leave the page. */
export const probe = hc<AppType>('/', { fetch: apiFetch(false) }).api;

/**
 * The body of a successful call, typed by the route that answered (JSON parsed; undefined for 204).
 * Unsuccessful answers never get here: the client's fetch has already thrown their ApiError.
 */
export function data<R extends ClientResponse<unknown>>(call: Promise<R>) {
  return parseResponse(call);
}
