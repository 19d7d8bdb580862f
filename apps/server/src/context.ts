import type { DatabaseHandle } from '@troika/db';
import { actorId, type Role, type Seat } from '@troika/model';
import type { LoginLimiter } from './auth/login-limiter';
import type { Principal } from './auth/principal';
import type { SessionStore } from './auth/sessions';
import type { Config } from './config';
import type { Conversations } from './conversations/service';
import type { HistoryService } from './history/history-service';
import { ApiError } from './errors';
import type { Logger } from './logger';
import type { RevokedCredential } from './sync/bus';
import type { SyncService } from './sync/service';
import type { AgreementWatcher } from './integrations/agreement-watcher';
import type { OnAwaitingSide } from './integrations/awaiting-side';

/** What the HTTP app needs from the rest of the process; main.ts builds it, tests build their own. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  sessions: SessionStore;
  loginLimiter: LoginLimiter;
  /** Called after a sign-out or an API token's revocation, so sockets opened with it close. */
  onCredentialRevoked?: (credential: RevokedCredential) => void;
  /**
   * Called after a member's role changed or they left, so live connections are re-checked; the route
   * answers only once it resolves (an update sent right after the answer never lands with the old role).
   */
  onMembershipChanged?: (workspaceId: string, userId: string) => void | Promise<void>;
  /** Prometheus text for /metrics. */
  metricsText?: () => Promise<string>;
  /** The sync engine, for integrations that read or change documents (KPI values, imports, export). */
  sync?: SyncService;
  /** Keeps the glossary agreement rule on the server (built with the engine's hooks). */
  agreement?: AgreementWatcher;
  /** Told when a term waits for the other side's signature (the conversations inbox notifies them). */
  onAwaitingSide?: OnAwaitingSide;
  /** Threads, notifications (SSE) and webhooks; other modules notify through `conversations.notifier`. */
  conversations?: Conversations;
  /** Versions, changes and restore of the documents (needs `sync`). */
  history?: HistoryService;
}

/** The caller's standing in the workspace of the current request. */
export interface WorkspaceAccess {
  workspaceId: string;
  role: Role;
  /** Null for API tokens, which have no seat. */
  seat: Seat | null;
  principal: Principal;
}

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    access: WorkspaceAccess;
  };
}

/** The id what this request changes is recorded under: the person, or `token:<id>` for an API token. */
export function actorOf(access: WorkspaceAccess): string {
  return actorId(access.principal);
}

/**
 * The sync engine, for routes that read or change documents. Every process started by main.ts has
 * one; an app built without it (tests of accounts and members) answers those routes with 503.
 */
export function syncOf(deps: AppDeps): SyncService {
  if (!deps.sync) throw new ApiError(503, 'unavailable', 'Documents are not served by this process.');
  return deps.sync;
}

/** Conversations (threads, notifications, webhooks), served by every process main.ts starts; 503 otherwise. */
export function conversationsOf(deps: AppDeps): Conversations {
  if (!deps.conversations) throw new ApiError(503, 'unavailable', 'Conversations are not served by this process.');
  return deps.conversations;
}

/** The history service, or a 503 from an app built without documents (tests of accounts and members). */
export function historyOf(deps: AppDeps): HistoryService {
  if (!deps.history) throw new ApiError(503, 'unavailable', 'History is not served by this process.');
  return deps.history;
}
