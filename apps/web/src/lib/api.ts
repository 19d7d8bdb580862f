import type {
  ApiErrorBody,
  ApiTokenInfo,
  CreateInviteRequest,
  CreateTokenRequest,
  CreateWorkspaceRequest,
  InviteCreated,
  InviteInfo,
  LoginRequest,
  MeResponse,
  Member,
  SignupRequest,
  UpdateMemberRequest,
  User,
  WorkspaceDetail,
} from '@troika/model';
import { ApiError } from './api-error';

export { ApiError } from './api-error';

/** The body of `POST /tokens`: the secret is in it once and never again. */
export type ApiTokenCreated = Pick<ApiTokenInfo, 'id' | 'name' | 'role'> & { token: string };

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The model's request types are the schemas' outputs, where defaulted fields are required; what a
 * client sends may leave them out (the server fills them in).
 */
type CreateWorkspaceBody = Pick<CreateWorkspaceRequest, 'name'> & Partial<CreateWorkspaceRequest>;

let onUnauthenticated: (() => void) | null = null;

/** Registers what happens when any call finds the session gone (the app sends people to sign in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function toApiError(response: Response): Promise<ApiError> {
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
 * Calls the API; resolves with the JSON body (undefined for 204) or throws an ApiError. A lost
 * session (401 `unauthenticated`) also triggers the unauthenticated handler, unless `probe` is set.
 */
async function request<T>(method: Method, path: string, body?: unknown, opts: { probe?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Troika cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'unauthenticated' && !opts.probe) onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

/** Every API call the screens make, typed with the shared contract of `@troika/model`. */
export const api = {
  signup: (input: SignupRequest) => request<{ user: User }>('POST', '/auth/signup', input),
  login: (input: LoginRequest) => request<{ user: User }>('POST', '/auth/login', input),
  logout: () => request<void>('POST', '/auth/logout'),
  /** Probes the session: a 401 here means "signed out", not an error to redirect on. */
  me: () => request<MeResponse>('GET', '/me', undefined, { probe: true }),

  createWorkspace: (input: CreateWorkspaceBody) => request<{ id: string; name: string }>('POST', '/workspaces', input),
  workspace: (id: string) => request<WorkspaceDetail>('GET', `/workspaces/${enc(id)}`),
  updateMember: (id: string, userId: string, input: UpdateMemberRequest) =>
    request<Pick<Member, 'userId' | 'role' | 'seat'>>('PATCH', `/workspaces/${enc(id)}/members/${enc(userId)}`, input),
  removeMember: (id: string, userId: string) => request<void>('DELETE', `/workspaces/${enc(id)}/members/${enc(userId)}`),

  createInvite: (id: string, input: CreateInviteRequest) => request<InviteCreated>('POST', `/workspaces/${enc(id)}/invites`, input),
  invite: (token: string) => request<InviteInfo>('GET', `/invites/${enc(token)}`, undefined, { probe: true }),
  acceptInvite: (token: string) => request<{ workspaceId: string }>('POST', `/invites/${enc(token)}/accept`),

  tokens: (id: string) => request<{ tokens: ApiTokenInfo[] }>('GET', `/workspaces/${enc(id)}/tokens`),
  createToken: (id: string, input: CreateTokenRequest) => request<ApiTokenCreated>('POST', `/workspaces/${enc(id)}/tokens`, input),
  revokeToken: (id: string, tokenId: string) => request<void>('DELETE', `/workspaces/${enc(id)}/tokens/${enc(tokenId)}`),
};
