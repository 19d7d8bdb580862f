import type { DatabaseHandle } from '@troika/db';
import { HISTORY_DOCS, findMeeting, isHistoryDoc, type HistoryDoc } from '@troika/model';
import type * as Y from 'yjs';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { DocKey } from '../sync/doc-store';
import type { SyncHooks, SyncService } from '../sync/service';
import { EditRecorder, type TouchedBatch } from './edit-recorder';
import { VersionStore, type NewVersion, type VersionInfo } from './version-store';

export interface HistoryDeps {
  config: Pick<Config, 'HISTORY_AUTO_MINUTES' | 'HISTORY_KEEP_DAYS'>;
  database: DatabaseHandle;
  logger: Logger;
  sync: SyncService;
}

export interface HistoryService {
  /** For the sync engine (see SyncHooks). */
  hooks: SyncHooks;
  versions: VersionStore;
  recorder: EditRecorder;
  sync: SyncService;
  database: DatabaseHandle;
  /** Makes a version of a document now (after recording the edits so far, so `by` is complete). */
  makeVersion(key: DocKey, version: NewVersion): Promise<VersionInfo>;
  /** Thins and prunes every document's history now (it also runs every hour). */
  maintain(now?: Date): Promise<void>;
  /** Milliseconds each version took to make, for the benchmark. */
  timings: { versionMs: number[] };
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * History: follows the sync engine through its hooks, records who edited what, and makes versions
 * (automatic ones after HISTORY_AUTO_MINUTES with edits, `meeting` ones when a meeting starts or ends).
 * Everything runs beside the write path, in the background.
 */
export function createHistoryService(deps: HistoryDeps): HistoryService {
  const { config, logger, sync } = deps;
  const versions = new VersionStore(deps.database);
  const timers = new Map<string, NodeJS.Timeout>();
  const making = new Map<string, Promise<unknown>>();
  const background = new Set<Promise<unknown>>();
  const timings = { versionMs: [] as number[] };
  let closed = false;

  const idOf = (key: DocKey) => `${key.workspaceId}/${key.doc}`;
  const track = (work: Promise<unknown>, what: string) => {
    const p = work.catch((error) => logger.error({ err: error }, `history: ${what} failed`)).finally(() => background.delete(p));
    background.add(p);
  };

  async function makeVersion(key: DocKey, version: NewVersion): Promise<VersionInfo> {
    const id = idOf(key);
    // One at a time per document, so each builds on the one before.
    const run = (making.get(id) ?? Promise.resolve()).catch(() => {}).then(async () => {
      await recorder.flush();
      const started = performance.now();
      const previous = await versions.latest(key);
      const deletions = await versions.deletionsOf(key, previous);
      // Stamped by the engine with the read: the edit log cuts exactly where this state does.
      const made = await sync.read(key, (doc, at) => versions.create(key, doc, previous, deletions, { ...version, at: version.at ?? at }));
      timings.versionMs.push(performance.now() - started);
      return made;
    });
    making.set(id, run);
    return run.finally(() => {
      if (making.get(id) === run) making.delete(id);
    });
  }

  function scheduleAuto(key: DocKey): void {
    const id = idOf(key);
    if (timers.has(id) || closed) return;
    const timer = setTimeout(() => {
      timers.delete(id);
      track(makeVersion(key, { kind: 'auto', name: '' }), 'automatic version');
    }, config.HISTORY_AUTO_MINUTES * 60_000);
    timer.unref();
    timers.set(id, timer);
  }

  /** A meeting that started or ended: a `meeting` version of every document, named after it, at one time. */
  async function meetingEvent(workspaceId: string, doc: Y.Doc, meetingId: string, event: 'start' | 'end'): Promise<void> {
    const meeting = findMeeting(doc, meetingId);
    const stamp = event === 'start' ? meeting?.startedAt : meeting?.endedAt;
    if (!meeting || !stamp) return;
    const since = new Date(Math.min(Date.parse(stamp) || Date.now(), Date.now()) - 60_000);
    if (await versions.hasMeetingVersion(workspaceId, meetingId, event, since)) return;
    const at = new Date();
    const name = `${meeting.title || 'Meeting'} (${event === 'start' ? 'started' : 'ended'})`;
    for (const d of HISTORY_DOCS) await makeVersion({ workspaceId, doc: d }, { kind: 'meeting', name, meetingId, event, at });
  }

  function onTouched(batch: TouchedBatch): void {
    if (batch.entries.length === 0 || closed) return;
    scheduleAuto(batch.key);
    if (batch.key.doc !== 'meetings') return;
    for (const e of batch.entries) {
      if (e.kind !== 'meeting' || (e.field !== 'startedAt' && e.field !== 'endedAt')) continue;
      track(meetingEvent(batch.key.workspaceId, batch.doc, e.id, e.field === 'startedAt' ? 'start' : 'end'), 'meeting version');
    }
  }

  const recorder = new EditRecorder(deps.database, logger, onTouched);

  /** After a load: a first version of a document that has none, or an automatic one owed since before a restart. */
  async function afterLoad(key: DocKey, emptyAtLoad: boolean): Promise<void> {
    await recorder.flush();
    const previous = await versions.latest(key);
    if (!previous) {
      // Judged at load: by now, edits made since may already be in memory (they get their own version).
      if (!emptyAtLoad) await makeVersion(key, { kind: 'auto', name: '' });
      return;
    }
    if ((await versions.editorsBetween(key, previous.at, new Date())).length > 0) scheduleAuto(key);
  }

  async function maintain(now = new Date()): Promise<void> {
    for (const key of await versions.documentsWithVersions()) await versions.thin(key, now, config.HISTORY_KEEP_DAYS);
    await versions.pruneEdits(now, config.HISTORY_KEEP_DAYS);
  }
  const maintenance = setInterval(() => track(maintain(), 'thinning'), HOUR_MS);
  maintenance.unref();

  const hooks: SyncHooks = {
    onLoaded(key, ydoc, seq) {
      if (!isHistoryDoc(key.doc) || closed) return;
      recorder.catchUp(key, ydoc, seq);
      track(afterLoad(key, ydoc.store.clients.size === 0), 'first version');
    },
    onDurable(key, ydoc, update, actorId, seq, at) {
      if (isHistoryDoc(key.doc) && !closed) recorder.push(key, ydoc, update, actorId, seq, at);
    },
    beforeCompact: (key) => (isHistoryDoc(key.doc as HistoryDoc) ? recorder.flush() : Promise.resolve()),
  };

  return {
    hooks,
    versions,
    recorder,
    sync,
    database: deps.database,
    makeVersion,
    maintain,
    timings,
    async close() {
      closed = true;
      clearInterval(maintenance);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await recorder.close();
      await Promise.all([...background]);
    },
  };
}
