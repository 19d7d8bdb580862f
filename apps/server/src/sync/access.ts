import type { DocName, Role, Seat } from '@troika/model';
import type { WebSocket } from 'ws';

/**
 * What the engine is handed about who is connected, so that it needs nothing of the HTTP app
 * (sessions, workspaces, the request context): the upgrade authenticates, the engine only re-asks
 * `AccessCheck` when a member's standing may have changed.
 */

/** An authenticated caller: a signed-in person (one session), or an integration holding an API token. */
export type SyncPrincipal =
  | { kind: 'user'; userId: string; name: string; email: string; sessionId: string }
  | { kind: 'token'; tokenId: string; name: string; workspaceId: string; role: Role };

/** A principal's standing in one workspace. */
export interface SyncAccess {
  workspaceId: string;
  role: Role;
  /** Null for API tokens, which have no seat. */
  seat: Seat | null;
  principal: SyncPrincipal;
}

/** Reads a principal's standing in a workspace now (null: not a member, or no such workspace). */
export type AccessCheck = (principal: SyncPrincipal, workspaceId: string) => Promise<SyncAccess | null>;

/** A connection that passed authentication, ready for the sync engine. */
export interface SyncConnectionContext {
  workspaceId: string;
  doc: DocName;
  access: SyncAccess;
  /** When `access` was read (performance.now()): a membership change after it re-checks the connection. */
  checkedAt?: number;
}

export interface SyncHandler {
  handleConnection(socket: WebSocket, context: SyncConnectionContext): void;
}
