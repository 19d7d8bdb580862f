import { RestoreError, planRestore, restoreEntries, type HistoryDoc, type RestoredEntry } from '@troika/model';
import { badRequest } from '../errors';
import type { HistoryService } from './history-service';
import type { VersionInfo } from './version-store';

export interface RestoreResult {
  /** The entries that changed back. */
  restored: RestoredEntry[];
  /** The version made just before, holding the document as it was until now (restore it to undo). */
  before: VersionInfo;
}

const asApiError = (error: RestoreError) => badRequest('invalid_field', error.message, 'ids');

/**
 * Restores a version (whole, or the entries `ids`) as one new change through the sync engine, so
 * every open screen sees it at once and edits made since to other entries stay. The ids are checked
 * first and a `restore` version of the current state is made, so nothing changes on bad input and
 * the restore itself can be undone.
 */
export async function restoreVersion(
  history: HistoryService,
  key: { workspaceId: string; doc: HistoryDoc },
  version: VersionInfo,
  ids: readonly string[] | null,
  actor: string,
): Promise<RestoreResult> {
  const then = await history.versions.state(key, version.id);
  if (ids) {
    // Checked first: an id found in neither state is refused before anything is written.
    await history.sync.read(key, (now) => {
      try {
        planRestore(now, then, key.doc, ids);
      } catch (error) {
        if (error instanceof RestoreError) throw asApiError(error);
        throw error;
      }
    });
  }
  const label = version.name || new Date(version.at).toISOString().replace('T', ' ').slice(0, 16);
  const before = await history.makeVersion(key, { kind: 'restore', name: `Before restoring ${label}`, createdBy: actor });
  let restored: RestoredEntry[] = [];
  try {
    await history.sync.edit(key, (doc) => (restored = restoreEntries(doc, then, key.doc, ids)), actor);
  } catch (error) {
    if (error instanceof RestoreError) throw asApiError(error);
    throw error;
  }
  return { restored, before };
}
