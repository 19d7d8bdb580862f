import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { principalMiddleware } from './auth/middleware';
import { authRoutes } from './auth/routes';
import type { AppDeps, AppEnv } from './context';
import { ApiError, errorHandler, notFound } from './errors';
import { originCheck } from './http/origin-check';
import { inviteRoutes } from './workspaces/invite-routes';
import { workspaceRoutes } from './workspaces/routes';
import { workspaceAccess } from './workspaces/access';
import { kpiRoutes } from './integrations/kpi-routes';
import { glossaryRoutes } from './integrations/glossary-routes';
import { exportRoutes } from './integrations/export-routes';

/** The HTTP API (`/api`), `/healthz` and `/metrics`. The web client is mounted by main.ts. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(deps.logger));

  app.get('/healthz', async (c) => {
    try {
      await deps.database.ping();
      return c.json({ ok: true, database: deps.database.kind });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      return c.json({ ok: false, error: { code: 'unavailable', message: 'The database does not answer.' } }, 503);
    }
  });

  if (deps.metricsText) {
    const metricsText = deps.metricsText;
    app.get('/metrics', async (c) => c.text(await metricsText(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }));
  }

  const api = new Hono<AppEnv>();
  api.use(secureHeaders());
  api.use(originCheck(deps.config));
  api.use(
    bodyLimit({
      maxSize: deps.config.BODY_LIMIT_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The request body is larger than ${deps.config.BODY_LIMIT_BYTES} bytes.`);
      },
    }),
  );
  api.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.use(principalMiddleware(deps));
  api.route('/', authRoutes(deps));
  // Every route under a workspace checks membership (404) and the write permission (403) first.
  api.use('/workspaces/:id/*', workspaceAccess(deps));
  api.route('/', workspaceRoutes(deps));
  if (deps.sync) api.route('/', kpiRoutes({ ...deps, sync: deps.sync }));
  if (deps.sync) api.route('/', glossaryRoutes({ ...deps, sync: deps.sync }));
  if (deps.sync) api.route('/', exportRoutes({ ...deps, sync: deps.sync }));
  api.route('/', inviteRoutes(deps));
  api.all('*', () => {
    throw notFound('This API route');
  });
  app.route('/api', api);
  return app;
}

export type App = ReturnType<typeof createApp>;
