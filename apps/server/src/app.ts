import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { principalMiddleware } from './auth/middleware';
import { authRoutes } from './auth/routes';
import type { AppDeps, AppEnv } from './context';
import { ApiError, errorHandler, notFound } from './errors';
import { metricsAuth } from './http/metrics-auth';
import { originCheck } from './http/origin-check';
import { pathGuard } from './http/path-guard';
import { agreementRoutes } from './integrations/agreement-routes';
import { historyRoutes } from './history/routes';
import { exportRoutes } from './integrations/export-routes';
import { glossaryRoutes } from './integrations/glossary-routes';
import { kpiRoutes } from './integrations/kpi-routes';
import { notificationRoutes } from './conversations/notification-routes';
import { threadRoutes } from './conversations/thread-routes';
import { webhookRoutes } from './conversations/webhook-routes';
import { workspaceAccess } from './workspaces/access';
import { inviteRoutes } from './workspaces/invite-routes';
import { workspaceRoutes } from './workspaces/routes';

/**
 * The HTTP API (`/api`), `/healthz` and `/metrics`. The web client is mounted by server.ts.
 * Routes are composed in one chain so that their types (paths, validated inputs, JSON answers) add
 * up to `AppType`, which the web's `hc<AppType>` client is checked against: a route added with
 * statements (`api.get(...)`) would work but be invisible to the client's type check.
 */
export function createApp(deps: AppDeps) {
  const api = new Hono<AppEnv>()
    .use(secureHeaders())
    .use(originCheck(deps.config))
    .use(pathGuard())
    .use(
      bodyLimit({
        maxSize: deps.config.BODY_LIMIT_BYTES,
        onError: () => {
          throw new ApiError(413, 'payload_too_large', `The request body is larger than ${deps.config.BODY_LIMIT_BYTES} bytes.`);
        },
      }),
    )
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .use(principalMiddleware(deps))
    .route('/', authRoutes(deps))
    .route('/', notificationRoutes(deps))
    // Every route under a workspace checks membership (404) and the write permission (403) first.
    .use('/workspaces/:id/*', workspaceAccess(deps))
    .route('/', workspaceRoutes(deps))
    .route('/', kpiRoutes(deps))
    .route('/', glossaryRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', agreementRoutes(deps))
    .route('/', threadRoutes(deps))
    .route('/', webhookRoutes(deps))
    .route('/', historyRoutes(deps))
    .route('/', inviteRoutes(deps));
  // Last, and outside the chain: it answers whatever no route above matched, and is no route of the contract.
  api.all('*', () => {
    throw notFound('This API route');
  });

  const app = new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      try {
        await deps.database.ping();
        return c.json({ ok: true, database: deps.database.kind }, 200);
      } catch (error) {
        deps.logger.error({ err: error }, 'health check failed');
        return c.json({ ok: false, error: { code: 'unavailable', message: 'The database does not answer.' } }, 503);
      }
    })
    .route('/api', api);
  app.onError(errorHandler(deps.logger));
  if (deps.metricsText) {
    const metricsText = deps.metricsText;
    app.get('/metrics', metricsAuth(deps.config.METRICS_TOKEN), async (c) => c.text(await metricsText(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }));
  }
  return app;
}

export type App = ReturnType<typeof createApp>;

/** The type of the whole HTTP API, for the web's `hc<AppType>` client (a type-only import: no server code reaches the browser). */
export type AppType = App;
