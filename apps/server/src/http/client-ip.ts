import type { Context } from 'hono';

/**
 * The caller's address for rate limiting. By default the socket's peer; behind a reverse proxy
 * (TRUST_PROXY), the last X-Forwarded-For entry, which is the one our own proxy appended (entries
 * before it are whatever the client claimed).
 */
export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
