import type { HistoryDoc } from '@troika/model';
import { api, data } from '$lib/api';

/**
 * The history calls of the API (README, "History: versions, changes, restore"), typed by the
 * server's routes through `lib/api.ts`: a renamed field fails the type check here.
 */
export function historyApi(workspaceId: string) {
  const docs = api.workspaces[':id'].docs[':doc'];
  return {
    versions: (doc: HistoryDoc) => data(docs.versions.$get({ param: { id: workspaceId, doc }, query: {} })),
    name: (doc: HistoryDoc, name: string) => data(docs.versions.$post({ param: { id: workspaceId, doc }, json: { name } })),
    version: (doc: HistoryDoc, versionId: string) => data(docs.versions[':versionId'].$get({ param: { id: workspaceId, doc, versionId } })),
    /** What changed in `doc` since a version (to `until`, a version id, or now), for one entry when given. */
    changes: (doc: HistoryDoc, since: string, entry?: string, until?: string) =>
      data(
        api.workspaces[':id'].changes.$get({
          param: { id: workspaceId },
          query: { since, doc, ...(entry ? { entry } : {}), ...(until ? { until } : {}) },
        }),
      ),
    restore: (doc: HistoryDoc, versionId: string, ids?: readonly string[]) =>
      data(docs.versions[':versionId'].restore.$post({ param: { id: workspaceId, doc, versionId }, json: ids ? { ids: [...ids] } : {} })),
  };
}

export type HistoryApi = ReturnType<typeof historyApi>;
export type VersionInfo = Awaited<ReturnType<HistoryApi['versions']>>['versions'][number];
export type VersionContent = Awaited<ReturnType<HistoryApi['version']>>;
export type AttributedChange = Awaited<ReturnType<HistoryApi['changes']>>['changes'][number];
export type RestoreAnswer = Awaited<ReturnType<HistoryApi['restore']>>;
