import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Hono } from 'hono';
import type { Logger } from '../logger';

/**
 * Serves the built SvelteKit client. Hashed assets under /_app/immutable are cached for a year;
 * every other path that is not a file gets index.html, so client-side routes survive a reload.
 */
export function mountWebClient(app: Hono<any>, webDir: string, logger: Logger): void {
  const indexPath = join(webDir, 'index.html');
  if (!existsSync(indexPath)) {
    logger.warn({ webDir }, 'web client not built: run the build to serve the screens');
    return;
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), webDir) || '.';
  app.use('/_app/immutable/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  });
}
