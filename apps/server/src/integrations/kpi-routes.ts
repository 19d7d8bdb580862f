import { kpiValueSchema, readBoard, readKpi, setValue, summariseKpi, kpisOf } from '@troika/model';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { readJson } from '../http/json-body';
import type { SyncService } from '../sync/service';

/** KPI reads and value appends for other programs; writes go through the sync engine, so open boards update live. */
export function kpiRoutes(deps: AppDeps & { sync: SyncService }) {
  const app = new Hono<AppEnv>();
  const board = (workspaceId: string) => ({ workspaceId, doc: 'board' as const });

  app.get('/workspaces/:id/kpis', async (c) => {
    const { workspaceId } = c.get('access');
    const kpis = await deps.sync.read(board(workspaceId), (doc) => readBoard(doc).map(summariseKpi));
    return c.json({ kpis });
  });

  app.post('/workspaces/:id/kpis/:kpiId/values', async (c) => {
    const access = c.get('access');
    const kpiId = c.req.param('kpiId');
    const input = await readJson(c, kpiValueSchema);
    const actor = access.principal.kind === 'user' ? access.principal.userId : `token:${access.principal.tokenId}`;
    let found = true;
    await deps.sync.edit(
      board(access.workspaceId),
      (doc) => {
        if (!kpisOf(doc).has(kpiId)) found = false;
        else setValue(doc, kpiId, input);
      },
      actor,
    ).catch((error) => {
      deps.logger.error({ err: error, workspaceId: access.workspaceId }, 'KPI value not stored');
      throw new ApiError(503, 'unavailable', 'The value could not be stored. Try again.');
    });
    if (!found) throw notFound('This KPI');
    const kpi = await deps.sync.read(board(access.workspaceId), (doc) => {
      const map = kpisOf(doc).get(kpiId);
      return map ? summariseKpi(readKpi(kpiId, map)) : null;
    });
    return c.json({ kpiId, at: input.at, value: input.value, kpi }, 201);
  });

  return app;
}
