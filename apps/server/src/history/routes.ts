import { memberships, users } from '@troika/db';
import { HISTORY_DOCS, singleLine, type HistoryDoc } from '@troika/model';
import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { actorOf, historyOf, type AppDeps, type AppEnv } from '../context';
import { ApiError, badRequest, notFound } from '../errors';
import { jsonBody, paramsOf, queryOf } from '../http/validate';
import { exportMeetings } from '../integrations/meeting-export';
import { boardSection, journeysSection, readGlossaryTerms } from '../integrations/export-workspace';
import { changesSince, resolveSince } from './changes';
import type { HistoryService } from './history-service';
import { restoreVersion } from './restore-version';
import type { VersionInfo } from './version-store';

const docSchema = z.enum(HISTORY_DOCS, 'must be board, glossary, journeys or meetings');
const docParams = z.object({ id: z.string().min(1), doc: docSchema });
const versionParams = docParams.extend({ versionId: z.string().min(1) });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) });
// A version's name is shown on one line: no control characters (the model's rule for every name).
const nameBody = z.object({ name: singleLine(200) });
const restoreBody = z.object({ ids: z.array(z.string().min(1).max(200)).min(1, 'must list at least one id').max(1000).optional() });
const changesQuery = z.object({
  since: z.string().min(1, 'is required: an ISO time or a version id'),
  doc: docSchema.optional(),
  /** The end of the window (an ISO time or a version id); now when absent. */
  until: z.string().min(1).optional(),
  /** Only this entry (a KPI, a term, a pain point...): its History tab. */
  entry: z.string().min(1).max(200).optional(),
});

/** Says how long the server worked on the request (`Server-Timing: app;dur=<ms>`), for benchmarks and browsers' dev tools. */
const serverTiming: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  c.header('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
};

/** A version of this workspace's document, or a 404 that says which of the three it is not. */
async function versionOf(history: HistoryService, workspaceId: string, doc: HistoryDoc, versionId: string): Promise<VersionInfo> {
  const found = await history.versions.find(versionId);
  if (!found || found.row.workspaceId !== workspaceId) throw notFound(`Version '${versionId}' of this workspace`);
  if (found.row.doc !== doc) throw new ApiError(404, 'not_found', `Version '${versionId}' is a version of the ${found.row.doc}, not of the ${doc}.`);
  return found.info;
}

async function peopleOf(deps: AppDeps, workspaceId: string): Promise<Map<string, string>> {
  const rows = await deps.database.db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  return new Map(rows.map((m) => [m.id, m.name]));
}

/**
 * History of the documents (DESIGN.md, "History"): versions, a version's content, what changed
 * since, and restore. Viewers read; editors and owners make versions and restore (the workspace
 * guard answers viewers' POSTs with 403).
 */
export function historyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('/workspaces/:id/docs/*', serverTiming)
    .use('/workspaces/:id/changes', serverTiming)
    .get('/workspaces/:id/docs/:doc/versions', paramsOf(docParams), queryOf(listQuery), async (c) => {
      const { workspaceId } = c.get('access');
      const { doc } = c.req.valid('param');
      const versions = await historyOf(deps).versions.list({ workspaceId, doc }, c.req.valid('query').limit);
      return c.json({ versions }, 200);
    })
    .post('/workspaces/:id/docs/:doc/versions', paramsOf(docParams), jsonBody(nameBody), async (c) => {
      const access = c.get('access');
      const { doc } = c.req.valid('param');
      const version = await historyOf(deps).makeVersion(
        { workspaceId: access.workspaceId, doc },
        { kind: 'named', name: c.req.valid('json').name, createdBy: actorOf(access) },
      );
      return c.json({ id: version.id, version }, 201);
    })
    .get('/workspaces/:id/docs/:doc/versions/:versionId', paramsOf(versionParams), async (c) => {
      const { workspaceId } = c.get('access');
      const { doc, versionId } = c.req.valid('param');
      const history = historyOf(deps);
      const version = await versionOf(history, workspaceId, doc, versionId);
      const state = await history.versions.state({ workspaceId, doc }, version.id);
      switch (doc) {
        case 'board':
          return c.json({ version, board: boardSection(state) }, 200);
        case 'glossary':
          return c.json({ version, glossary: { terms: readGlossaryTerms(state) } }, 200);
        case 'journeys': {
          const people = await peopleOf(deps, workspaceId);
          // KPI names and statuses as they are now: the board is another document with its own versions.
          const journeys = await history.sync.read({ workspaceId, doc: 'board' }, (board) => journeysSection(state, board, people));
          return c.json({ version, journeys }, 200);
        }
        case 'meetings':
          return c.json({ version, meetings: exportMeetings(state, await peopleOf(deps, workspaceId), new Date(version.at)) }, 200);
      }
    })
    .post('/workspaces/:id/docs/:doc/versions/:versionId/restore', paramsOf(versionParams), jsonBody(restoreBody), async (c) => {
      const access = c.get('access');
      const { doc, versionId } = c.req.valid('param');
      const history = historyOf(deps);
      const version = await versionOf(history, access.workspaceId, doc, versionId);
      const result = await restoreVersion(history, { workspaceId: access.workspaceId, doc }, version, c.req.valid('json').ids ?? null, actorOf(access));
      return c.json(result, 200);
    })
    .get('/workspaces/:id/changes', queryOf(changesQuery), async (c) => {
      const { workspaceId } = c.get('access');
      const { since, until, doc, entry } = c.req.valid('query');
      const history = historyOf(deps);
      const now = new Date();
      const resolved = await resolveSince(history, workspaceId, since, now);
      const end = until ? (await resolveSince(history, workspaceId, until, now, 'until')).at : null;
      if (end && end.getTime() < resolved.at.getTime()) throw badRequest('invalid_field', 'until: is before since.', 'until');
      const result = await changesSince(history, workspaceId, resolved.at, doc ? [doc] : HISTORY_DOCS, now, end);
      return c.json(entry ? { ...result, changes: result.changes.filter((ch) => ch.id === entry) } : result, 200);
    });
}
