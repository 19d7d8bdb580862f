import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number) => z.coerce.number().int().min(min);

const envSchema = z.object({
  PORT: int(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL')
    .optional(),
  ORIGIN: z
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .transform((u) => new URL(u).origin)
    .optional(),
  REDIS_PREFIX: z.string().default('troika:'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WEB_DIR: z.string().optional(),
  SESSION_DAYS: int(1).max(365).default(30),
  BODY_LIMIT_BYTES: int(1024).default(1024 * 1024),
  LOGIN_MAX_PER_IP: int(1).default(30),
  LOGIN_MAX_PER_ACCOUNT: int(1).default(10),
  LOGIN_WINDOW_SECONDS: int(1).default(15 * 60),
  SIGNUP_MAX_PER_IP: int(1).default(30),
  SIGNUP_WINDOW_SECONDS: int(1).default(60 * 60),
  // Node holds a slow client's request headers for 60 s and its body for 300 s by default.
  HTTP_HEADERS_TIMEOUT_MS: int(1000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(1000).default(30_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SYNC_MAX_MESSAGE_BYTES: int(1024).default(8 * 1024 * 1024),
  SYNC_MAX_DOC_BYTES: int(1024).default(64 * 1024 * 1024),
  SYNC_MAX_BUFFERED_BYTES: int(1024).default(16 * 1024 * 1024),
  SYNC_UNLOAD_AFTER_MS: int(0).default(5000),
  SYNC_COMPACT_AFTER: int(2).default(500),
  SYNC_HEAD_POLL_MS: int(10).default(1000),
  SYNC_MAX_PENDING_BYTES: int(1024).default(64 * 1024 * 1024),
  SYNC_MAX_SOCKETS_PER_MEMBER: int(1).default(50),
  SYNC_MAX_SOCKETS_PER_ADDRESS: int(1).default(200),
  SHUTDOWN_TIMEOUT_MS: int(100).default(10_000),
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WEBHOOK_TIMEOUT_MS: int(100).default(10_000),
  WEBHOOK_RETRY_MS: int(10).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: int(5).max(20).default(8),
  NOTIFY_HEARTBEAT_MS: int(100).default(25_000),
  WATCH_POLL_MS: int(50).default(1000),
  /** Minutes after a document's first edit since its last version before an automatic version is made (fractions allowed). */
  HISTORY_AUTO_MINUTES: z.coerce.number().positive('must be a positive number of minutes').default(10),
  HISTORY_KEEP_DAYS: int(1).default(180),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** The public origin when ORIGIN is set, else null (then loopback origins are accepted). */
  origin: string | null;
  /** The URL people open: ORIGIN, or http://localhost:PORT. */
  publicUrl: string;
  /** Cookies are Secure when the public URL is https. */
  secureCookies: boolean;
  /** The built web client. */
  webDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the environment once at start-up. Empty variables count as unset; every problem is
 * reported at once, so a bad deployment is fixed in one go.
 */
export function loadConfig(env: Record<string, string | undefined>, defaults: { webDir: string }): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(['HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS']);
  }
  const origin = e.ORIGIN ?? null;
  const publicUrl = origin ?? `http://localhost:${e.PORT}`;
  return {
    ...e,
    origin,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    webDir: resolve(e.WEB_DIR ?? defaults.webDir),
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a browser Origin may talk to this server: the configured origin, or any loopback origin when none is set. */
export function isAllowedOrigin(config: Pick<Config, 'origin'>, origin: string): boolean {
  if (config.origin) return origin === config.origin;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
