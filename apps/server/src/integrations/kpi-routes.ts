import { kpiValueSchema, readBoard, readKpi, setValue, summariseKpi, kpisOf } from '@troika/model';
import { Hono } from 'hono';
import { actorOf, syncOf, type AppDeps, type AppEnv } from '../context';
import { ApiError, notFound } from '../errors';
import { jsonBody, paramsOf, pathParams } from '../http/validate';

const board = (workspaceId: string) => ({ workspaceId, doc: 'board' as const });

/** KPI reads and value appends for other programs; writes go through the sync engine, so open boards update live. */
export function kpiRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/workspaces/:id/kpis', paramsOf(pathParams('id')), async (c) => {
      const { workspaceId } = c.get('access');
      const kpis = await syncOf(deps).read(board(workspaceId), (doc) => readBoard(doc).map(summariseKpi));
      return c.json({ kpis });
    })
    .post('/workspaces/:id/kpis/:kpiId/values', paramsOf(pathParams('id', 'kpiId')), jsonBody(kpiValueSchema), async (c) => {
      const access = c.get('access');
      const { kpiId } = c.req.valid('param');
      const input = c.req.valid('json');
      const sync = syncOf(deps);
      let found = true;
      await sync
        .edit(
          board(access.workspaceId),
          (doc) => {
            if (!kpisOf(doc).has(kpiId)) found = false;
            else setValue(doc, kpiId, input);
          },
          actorOf(access),
        )
        .catch((error) => {
          deps.logger.error({ err: error, workspaceId: access.workspaceId }, 'KPI value not stored');
          throw new ApiError(503, 'unavailable', 'The value could not be stored. Try again.');
        });
      if (!found) throw notFound('This KPI');
      const kpi = await sync.read(board(access.workspaceId), (doc) => {
        const map = kpisOf(doc).get(kpiId);
        return map ? summariseKpi(readKpi(kpiId, map)) : null;
      });
      return c.json({ kpiId, at: input.at, value: input.value, kpi }, 201);
    });
}
