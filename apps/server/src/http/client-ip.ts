import type { Context } from 'hono';

/** The peer's address, as the socket reports it (no proxy headers are trusted). */
export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
