import { addTerm, meaningFingerprint, planGlossaryImport, settleAfterServerEdit, termsOf, readCsvHeader, readGlossary, updateTerm, type GlossaryImportReport, type GlossarySearchResponse } from '@troika/model';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { actorOf, syncOf, type AppDeps, type AppEnv } from '../context';
import { ApiError, badRequest } from '../errors';
import { paramsOf, pathParams, queryOf } from '../http/validate';
import { workspaceMembers } from '../conversations/members';
import { glossaryToCsv, parseCsv } from './glossary-csv';
import { glossaryIndexOf } from './glossary-index-cache';

const querySchema = z.object({
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  format: z.enum(['json', 'csv']).default('json'),
});

const glossary = (workspaceId: string) => ({ workspaceId, doc: 'glossary' as const });

/** Glossary look-ups for other tools (chat bots, browser extensions), CSV export and import through the sync engine. */
export function glossaryRoutes(deps: AppDeps) {
  const exportCsv = async (c: Context<AppEnv>) => {
    const { workspaceId } = c.get('access');
    const names = new Map((await workspaceMembers(deps.database.db, workspaceId)).map((m) => [m.userId, m.name]));
    const nameOf = (userId: string) => names.get(userId) ?? 'a former member';
    const csv = await syncOf(deps).read(glossary(workspaceId), (doc) => glossaryToCsv(glossaryIndexOf(doc).list(), nameOf));
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="glossary-${workspaceId}.csv"`,
    });
  };

  return new Hono<AppEnv>()
    .get('/workspaces/:id/glossary.csv', paramsOf(pathParams('id')), exportCsv)
    .get('/workspaces/:id/glossary', paramsOf(pathParams('id')), queryOf(querySchema), async (c) => {
      const { q, limit, format } = c.req.valid('query');
      if (format === 'csv') return exportCsv(c);
      const { workspaceId } = c.get('access');
      const results = await syncOf(deps).read(glossary(workspaceId), (doc) => {
        const index = glossaryIndexOf(doc);
        return q?.trim() ? index.search(q, limit) : index.search('');
      });
      return c.json({ results } satisfies GlossarySearchResponse);
    })
    // The body is the CSV file itself (any delimiter), read here rather than by a JSON validator.
    .post('/workspaces/:id/glossary/import', paramsOf(pathParams('id')), async (c) => {
      const access = c.get('access');
      const rows = parseCsv(await c.req.text());
      const header = rows[0] ? readCsvHeader(rows[0]) : null;
      if (!header) {
        throw badRequest('invalid_field', 'The CSV needs a header row with a "term" column (and any of abbreviation, definition, IT meaning, marketing meaning, synonyms, status).', 'term');
      }
      const actor = { id: actorOf(access) };
      const outcome: { report?: GlossaryImportReport } = {};
      await syncOf(deps)
        .edit(
          glossary(access.workspaceId),
          (doc) => {
            // Planned against the document as it is at this moment, so concurrent edits are respected.
            const plan = planGlossaryImport(rows.slice(1), header, readGlossary(doc));
            const added = new Map<number, string>();
            for (const change of plan.changes) {
              if (change.kind === 'add') {
                const id = addTerm(doc, change.input, actor);
                added.set(change.row, id);
                settleAfterServerEdit(doc, id, actor.id, null);
              } else {
                const before = meaningFingerprint(termsOf(doc).get(change.id)!);
                updateTerm(doc, change.id, change.patch, actor);
                settleAfterServerEdit(doc, change.id, actor.id, before);
              }
            }
            for (const row of plan.report.rows) if (added.has(row.row)) row.id = added.get(row.row);
            outcome.report = plan.report;
          },
          actor.id,
        )
        .catch((error) => {
          deps.logger.error({ err: error, workspaceId: access.workspaceId }, 'glossary import not stored');
          throw new ApiError(503, 'unavailable', 'The import could not be stored. Try again.');
        });
      if (!outcome.report) throw new ApiError(503, 'unavailable', 'The import could not be stored. Try again.');
      return c.json(outcome.report);
    });
}
