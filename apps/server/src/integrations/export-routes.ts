import { memberships, users, workspaces } from '@troika/db';
import { exportFileName, isTimeZone } from '@troika/model';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import { historyOf, syncOf, type AppDeps, type AppEnv } from '../context';
import { notFound } from '../errors';
import { paramsOf, pathParams, queryOf } from '../http/validate';
import { buildWorkspaceExport, workspaceMarkdown, type ExportSources } from './export-workspace';

const querySchema = z.object({
  format: z.enum(['json', 'md'], 'must be json or md').default('json'),
  /** `true`: the JSON export also lists each document's versions (not their contents). */
  versions: z.enum(['true', 'false'], 'must be true or false').default('false'),
  /** The reader's time zone for the Markdown minutes (an IANA name); UTC by default. */
  tz: z.string().max(64).refine(isTimeZone, 'must be a time zone such as Europe/Paris').default('UTC'),
});

/**
 * `GET /workspaces/:id/export?format=json|md`: the whole workspace (board, glossary, journeys, meetings, threads), read
 * through the sync engine so it includes every edit people just made. Viewers may export.
 */
export function exportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/workspaces/:id/export', paramsOf(pathParams('id')), queryOf(querySchema), async (c) => {
    const { workspaceId } = c.get('access');
    const { format, versions, tz } = c.req.valid('query');
    const sync = syncOf(deps);

    const db = deps.database.db;
    const [workspace] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
    if (!workspace) throw notFound('This workspace');
    const members = await db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId));
    // Copies of the five documents, so each is released at once and the export reads them together.
    const copy = (doc: 'board' | 'glossary' | 'journeys' | 'meetings' | 'comments') =>
      sync.read({ workspaceId, doc }, (d) => {
        const out = new Y.Doc();
        Y.applyUpdate(out, Y.encodeStateAsUpdate(d));
        return out;
      });
    const [board, glossary, journeys, meetings, comments] = await Promise.all([copy('board'), copy('glossary'), copy('journeys'), copy('meetings'), copy('comments')]);
    const sources: ExportSources = { workspace, exportedAt: new Date(), board, glossary, journeys, meetings, comments, people: new Map(members.map((m) => [m.id, m.name])), timeZone: tz };

    if (format === 'json') {
      const body = buildWorkspaceExport(sources);
      return c.json(versions === 'true' ? { ...body, versions: await historyOf(deps).versions.listWorkspace(workspaceId) } : body);
    }
    const name = exportFileName(workspace.name, sources.exportedAt, 'md');
    return c.body(workspaceMarkdown(sources), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });
}
