import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Context, Hono } from 'hono';
import type { Logger } from '../logger';
import { inlineScriptHashes, pageSecurityHeaders } from './page-security';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built SvelteKit client. The build writes `.br` and `.gz` beside every text file
 * (adapter-static `precompress`), and the browser gets the smallest one its Accept-Encoding takes.
 * Hashed assets under /_app/immutable are cached for a year; everything else, index.html above all,
 * is revalidated (`no-cache`) so that a new deploy is seen on the next load. Every other path that
 * is not a file gets index.html, so client-side routes survive a reload.
 */
export function mountWebClient(app: Hono<any>, webDir: string, logger: Logger, origin: string | null = null): void {
  const indexPath = join(webDir, 'index.html');
  if (!existsSync(indexPath)) {
    logger.warn({ webDir }, 'web client not built: run the build to serve the screens');
    return;
  }
  const index = readIndexVariants(indexPath);
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), webDir) || '.';
  app.use('*', pageSecurityHeaders({ origin, scriptHashes: inlineScriptHashes(index.identity.toString('utf8')) }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.ok) return;
    c.header('Cache-Control', c.req.path.startsWith('/_app/immutable/') ? IMMUTABLE : 'no-cache');
    // serveStatic adds Vary only when it picked a compressed file; a cache must also know that the
    // plain answer given to a client without br or gzip depended on that header.
    if (!c.res.headers.has('Vary')) c.header('Vary', 'Accept-Encoding');
  });
  app.use('*', serveStatic({ root, precompressed: true }));
  // A missing asset is a 404, not the SPA page: a stale tab must not cache HTML as a script for a year.
  app.get('/_app/*', (c) => c.text('Not found', 404));
  app.get('*', (c) => sendIndex(c, index));
}

interface IndexVariants {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** The SPA fallback is one small file: its variants are read once and kept. */
function readIndexVariants(indexPath: string): IndexVariants {
  const maybe = (path: string) => (existsSync(path) ? readFileSync(path) : undefined);
  return { identity: readFileSync(indexPath), br: maybe(`${indexPath}.br`), gzip: maybe(`${indexPath}.gz`) };
}

function sendIndex(c: Context, index: IndexVariants): Response {
  const accepted = acceptedEncodings(c.req.header('Accept-Encoding'));
  c.header('Content-Type', 'text/html; charset=UTF-8');
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding');
  for (const encoding of ['br', 'gzip'] as const) {
    const body = index[encoding];
    if (body && accepted.has(encoding)) {
      c.header('Content-Encoding', encoding);
      return c.body(new Uint8Array(body));
    }
  }
  return c.body(new Uint8Array(index.identity));
}

/** The codings a client accepts, without those it refuses with `q=0`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    accepted.add(name.trim());
  }
  return accepted;
}
