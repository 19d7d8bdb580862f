import type { DatabaseHandle } from '@troika/db';
import { createTestDatabase } from '@troika/db/test-database';
import type { Role, Seat } from '@troika/model';
import { Writable } from 'node:stream';
import { createApp, type App } from '../app';
import { LoginLimiter } from '../auth/login-limiter';
import { createLucia, SESSION_COOKIE } from '../auth/lucia';
import { SessionStore } from '../auth/sessions';
import { loadConfig, type Config } from '../config';
import type { AppDeps } from '../context';
import { createLogger, type Logger } from '../logger';

/**
 * One harness for tests of the server: the real app with real dependencies (a fresh PGlite in
 * memory, or a fresh database on TEST_DATABASE_URL), called through `app.request(...)` with no port.
 *
 *   const t = await createTestApp({ env: { LOGIN_MAX_PER_IP: '3' } });
 *   const ada = await t.signUp();                       // a signed-in user holding their cookie
 *   const { id } = await t.createWorkspace(ada);
 *   const res = await ada.get(`/api/workspaces/${id}`); // { status, headers, body, text }
 *   await t.close();
 */

export interface TestAppOptions {
  /** Environment for loadConfig, as strings (e.g. `{ ORIGIN: 'https://x.example', LOGIN_MAX_PER_IP: '3' }`). */
  env?: Record<string, string>;
  /** Use this database instead of a fresh one (e.g. two app instances on one database); the caller closes it. */
  database?: DatabaseHandle;
  /** Extra or replaced dependencies (onMembershipChanged, metricsText, ...). */
  deps?: Partial<AppDeps>;
}

/** One line the server logged (pino's JSON object: level as a number, msg, and the bound fields). */
export interface LogEntry {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A response with its body already read: parsed JSON when the server sent JSON, else null. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Per-request extras: an Origin header, the peer's address, more headers, or a body sent as is. */
export interface RequestOptions {
  origin?: string;
  ip?: string;
  headers?: Record<string, string>;
  /** Sent verbatim (no JSON encoding, no Content-Type added). */
  rawBody?: NonNullable<RequestInit['body']>;
}

/** How a client authenticates: a session cookie value, an API token, or nothing. */
export interface ClientCredentials {
  /** The session token (the cookie's value, not the whole header). */
  session?: string;
  /** An API token, sent as `Authorization: Bearer`. */
  token?: string;
  /** An Origin header sent with every request (like a browser); none by default. */
  origin?: string;
  /** The peer address the server sees (the login limiter counts per address); 'local' by default. */
  ip?: string;
}

const PINO_ERROR = 50;

/** Calls the app the way an HTTP client would, carrying its credentials on every request. */
export class ApiClient {
  constructor(
    private readonly app: App,
    readonly credentials: ClientCredentials = {},
  ) {}

  get<T = any>(path: string, options?: RequestOptions) {
    return this.send<T>('GET', path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.send<T>('POST', path, body, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.send<T>('PATCH', path, body, options);
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.send<T>('DELETE', path, undefined, options);
  }

  /** Sends one request; `body` is JSON-encoded unless `options.rawBody` is given. */
  async send<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers = new Headers(options.headers);
    const { session, token } = this.credentials;
    if (session !== undefined) headers.set('cookie', `${SESSION_COOKIE}=${session}`);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    const origin = options.origin ?? this.credentials.origin;
    if (origin !== undefined) headers.set('origin', origin);
    let payload: RequestInit['body'] | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers.set('content-type', 'application/json');
    }
    const ip = options.ip ?? this.credentials.ip;
    // clientIp() reads the socket's address from the node-server bindings; this is the same shape.
    const env = ip === undefined ? undefined : { incoming: { socket: { remoteAddress: ip } } };
    // `duplex` lets a ReadableStream be sent (a body without Content-Length); lib.dom's RequestInit lacks it.
    const init = { method, headers, body: payload ?? null, ...(payload ? { duplex: 'half' } : {}) } as RequestInit;
    const response = await this.app.request(path, init, env);
    return readResponse<T>(response);
  }

  /** The same caller with other or extra credentials (e.g. a different Origin or address). */
  with(credentials: ClientCredentials): ApiClient {
    return new ApiClient(this.app, { ...this.credentials, ...credentials });
  }
}

/** A person who signed up through the API and holds their session cookie. */
export class TestUser extends ApiClient {
  constructor(
    app: App,
    readonly id: string,
    readonly email: string,
    readonly name: string,
    readonly password: string,
    session: string,
  ) {
    super(app, { session });
  }

  /** The session token in this user's cookie. */
  get session(): string {
    return this.credentials.session!;
  }
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  config: Config;
  database: DatabaseHandle;
  /** Everything the server logged, oldest first (nothing is printed). */
  logs: LogEntry[];
  /** Log lines at error level or above: a test that expects a clean 4xx can assert this stays empty. */
  errorLogs(): LogEntry[];
  /** An anonymous client, or one with the given credentials. */
  client(credentials?: ClientCredentials): ApiClient;
  /** Signs a new person up through `POST /api/auth/signup` (unique email unless given) and keeps their cookie. */
  signUp(input?: { email?: string; name?: string; password?: string }): Promise<TestUser>;
  /** Creates a workspace owned by `owner` and returns `{id, name}`. */
  createWorkspace(owner: ApiClient, name?: string, seat?: Seat): Promise<{ id: string; name: string }>;
  /** Invites a new (or the given) user into a workspace with a role and seat, via an invite link. */
  addMember(owner: ApiClient, workspaceId: string, role: Role, seat: Seat, user?: TestUser): Promise<TestUser>;
  /** Creates an API token for a workspace and returns a client that sends it as a bearer token. */
  createToken(owner: ApiClient, workspaceId: string, role: 'editor' | 'viewer', name?: string): Promise<TokenClient>;
  /** Closes the database (dropping it on PostgreSQL) unless it was passed in. Safe to call twice. */
  close(): Promise<void>;
}

/** A client that sends an API token, with the token's id (for revoking it) and secret. */
export type TokenClient = ApiClient & { tokenId: string; token: string };

let userCounter = 0;

/** Builds the app with real dependencies: database, lucia sessions, argon2id, login limiter, config. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Tests sign everyone up from one address: the sign-up limit is lifted unless a test sets it.
  const config = loadConfig({ LOG_LEVEL: 'silent', SIGNUP_MAX_PER_IP: '1000000', ...options.env }, { webDir: '/nonexistent' });
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const logs: LogEntry[] = [];
  const logger = captureLogger(logs);
  const sessions = new SessionStore(createLucia(database.db, { secureCookies: config.secureCookies, sessionDays: config.SESSION_DAYS }));
  const loginLimiter = LoginLimiter.fromConfig(config);
  const deps: AppDeps = { config, database, logger, sessions, loginLimiter, ...options.deps };
  const app = createApp(deps);
  const anonymous = new ApiClient(app);
  let closed = false;

  const harness: TestApp = {
    app,
    deps,
    config,
    database,
    logs,
    errorLogs: () => logs.filter((l) => l.level >= PINO_ERROR),
    client: (credentials) => new ApiClient(app, credentials),

    async signUp(input = {}) {
      const n = ++userCounter;
      const email = input.email ?? `user${n}-${process.pid}-${Date.now().toString(36)}@example.com`;
      const name = input.name ?? `User ${n}`;
      const password = input.password ?? `password-${n}-long-enough`;
      const res = await anonymous.post('/api/auth/signup', { email, name, password });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
      const session = sessionFrom(res);
      if (!session) throw new Error('signup set no session cookie');
      return new TestUser(app, res.body.user.id, res.body.user.email, name, password, session);
    },

    async createWorkspace(owner, name = 'Troika HQ', seat) {
      const res = await owner.post('/api/workspaces', seat ? { name, seat } : { name });
      if (res.status !== 201) throw new Error(`create workspace failed: ${res.status} ${res.text}`);
      return res.body;
    },

    async addMember(owner, workspaceId, role, seat, user) {
      const member = user ?? (await harness.signUp());
      const invite = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role, seat });
      if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
      const accepted = await member.post(`/api/invites/${invite.body.token}/accept`);
      if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
      return member;
    },

    async createToken(owner, workspaceId, role, name = `${role} integration`) {
      const res = await owner.post(`/api/workspaces/${workspaceId}/tokens`, { name, role });
      if (res.status !== 201) throw new Error(`create token failed: ${res.status} ${res.text}`);
      return Object.assign(new ApiClient(app, { token: res.body.token }), { tokenId: res.body.id, token: res.body.token });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (ownDatabase) await database.close();
    },
  };
  return harness;
}

/** The session token a response's Set-Cookie carries ('' when it clears the cookie), or null when it sets none. */
export function sessionFrom(res: { headers: Headers }): string | null {
  const cookie = sessionCookieHeader(res);
  if (cookie === null) return null;
  return cookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
}

/** The whole Set-Cookie header for the session cookie (value and attributes), or null. */
export function sessionCookieHeader(res: { headers: Headers }): string | null {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? null;
}

/** Reads a response once into status, headers, text and (for JSON) the parsed body. */
export async function readResponse<T = any>(response: Response): Promise<ApiResponse<T>> {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, headers: response.headers, text, body: (isJson && text ? JSON.parse(text) : null) as T };
}

/** The server's own logger (serializers, redaction) recording every line into `into`, printing nothing. */
export function captureLogger(into: LogEntry[]): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) into.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return createLogger('info', sink);
}
