import type { DatabaseHandle } from '@troika/db';
import type { Config } from '../config';
import type { OnAwaitingSide } from '../integrations/awaiting-side';
import type { Logger } from '../logger';
import type { SyncService } from '../sync/service';
import { createDocWatcher, type DocWatcher } from './doc-watcher';
import { actorNames } from './members';
import { NotificationHub } from './notification-hub';
import { createNotifier, type Notifier } from './notifier';
import { createWebhookWorker, type WebhookWorker } from './webhook-worker';

/** Conversations' moving parts: live streams, the notifier other modules call, the webhook queue and the document watcher. */
export interface Conversations {
  hub: NotificationHub;
  /** `notify(...)`, `notifySide(...)` (glossary approvals) and `emit(...)` (webhook-only events). */
  notifier: Notifier;
  webhooks: WebhookWorker;
  watcher: DocWatcher;
  /** The glossary agreement's hook: a term one side signed waits for the other side (`approval`). */
  awaitingSide(event: Parameters<OnAwaitingSide>[0]): Promise<void>;
  /**
   * Runs a request's notification fan-out after its answer, one task at a time per workspace (so
   * notifications keep the order of the comments), errors logged. The comment itself is stored before
   * the answer; what runs here costs the request nothing (issue 15 allows 5 ms for a mention of 20).
   */
  later(workspaceId: string, task: () => Promise<void>): void;
  /** Resolves when every task given to `later` has finished (tests, shutdown). */
  settled(): Promise<void>;
  /** Starts the webhook worker and the document watcher. */
  start(): void;
  /** Stops them and closes every stream. */
  close(): Promise<void>;
}

export function createConversations(deps: { config: Config; database: DatabaseHandle; logger: Logger; sync: SyncService }): Conversations {
  const { config, logger } = deps;
  const db = deps.database.db;
  const hub = new NotificationHub(logger, config.REDIS_URL ? { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } : undefined);
  const webhooks = createWebhookWorker({ db, config, logger });
  const notifier = createNotifier({ db, hub, logger, onQueued: () => webhooks.poke() });
  const watcher = createDocWatcher({ db, sync: deps.sync, notifier, logger, pollMs: config.WATCH_POLL_MS });
  const chains = new Map<string, Promise<void>>();
  const later = (workspaceId: string, task: () => Promise<void>) => {
    const next = (chains.get(workspaceId) ?? Promise.resolve())
      .then(task)
      .catch((error) => logger.error({ err: error, workspaceId }, 'notification fan-out failed'))
      .finally(() => {
        if (chains.get(workspaceId) === next) chains.delete(workspaceId);
      });
    chains.set(workspaceId, next);
  };
  const settled = async () => {
    while (chains.size > 0) await Promise.all([...chains.values()]);
  };

  return {
    hub,
    later,
    settled,
    notifier,
    webhooks,
    watcher,
    async awaitingSide(event) {
      try {
        const name = (await actorNames(db, [event.actorUserId])).get(event.actorUserId) ?? '';
        await notifier.notifySide(event.workspaceId, event.waitingSide, {
          actor: { id: event.actorUserId, name },
          target: { kind: 'term', id: event.termId },
          facts: { event: 'approval', term: event.term, approvedBy: name, side: event.waitingSide === 'technology' ? 'business' : 'technology' },
          data: { termId: event.termId, waitingSide: event.waitingSide },
        });
      } catch (error) {
        logger.error({ err: error, workspaceId: event.workspaceId, termId: event.termId }, 'approval notification failed');
      }
    },
    start() {
      webhooks.start();
      watcher.start();
    },
    async close() {
      await Promise.all([webhooks.stop(), watcher.stop(), settled()]);
      await hub.close();
    },
  };
}
