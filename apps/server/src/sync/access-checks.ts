import { CLOSE_CODES } from '@troika/model';
import type { SyncAccess } from './access';
import type { RevokedCredential } from './bus';
import type { EngineCore } from './engine-core';
import type { Connection } from './shared-doc';

// Access re-checks on open connections: a session that ended or a token revoked closes its sockets
// (4401); a member whose role changed (4403) or who left (4401) is re-checked through the server's
// access check, their frames held until it is settled.

export function createAccessChecks(core: EngineCore, links: { flush(conn: Connection): void }) {
  const { logger, docs, live, closeConn, checkAccess } = core;
  const { flush } = links;

  function revokeLocal(credential: RevokedCredential): void {
    for (const doc of docs.values()) {
      for (const conn of doc.conns) {
        const principal = conn.context.access.principal;
        const matches =
          'sessionId' in credential
            ? principal.kind === 'user' && principal.sessionId === credential.sessionId
            : principal.kind === 'token' && principal.tokenId === credential.tokenId;
        if (matches) closeConn(conn, CLOSE_CODES.unauthorized, 'signed out or token revoked');
      }
    }
  }

  /** When each member's access last changed (`workspaceId userId` -> performance.now()), briefly. */
  const accessChanged = new Map<string, number>();
  const memberKey = (workspaceId: string, userId: string) => `${workspaceId} ${userId}`;

  function recheckLocal(workspaceId: string, userId: string): Promise<void> {
    const now = performance.now();
    // Only upgrades still under way can predate a change; a minute covers the slowest of them.
    for (const [key, at] of accessChanged) if (now - at > 60_000) accessChanged.delete(key);
    accessChanged.set(memberKey(workspaceId, userId), now);
    const affected = [...live].filter((conn) => {
      const principal = conn.context.access.principal;
      return conn.context.workspaceId === workspaceId && principal.kind === 'user' && principal.userId === userId && !conn.closing;
    });
    return recheck(affected);
  }

  /** Re-reads the access of connections of one member in one workspace; holds their frames until it is settled. */
  async function recheck(conns: Connection[]): Promise<void> {
    const first = conns[0];
    if (!first) return;
    for (const conn of conns) conn.held++;
    try {
      const access = await checkAccess(first.context.access.principal, first.context.workspaceId);
      for (const conn of conns) settleAccess(conn, access);
    } catch (error) {
      logger.warn({ err: error }, 'membership re-check failed; closing the connections so they reconnect and are checked again');
      for (const conn of conns) closeConn(conn, CLOSE_CODES.roleChanged, 'membership changed; reconnect');
    } finally {
      for (const conn of conns) {
        conn.held--;
        flush(conn);
      }
    }
  }

  function settleAccess(conn: Connection, access: SyncAccess | null): void {
    if (!access) return closeConn(conn, CLOSE_CODES.unauthorized, 'no longer a member of this workspace');
    if (access.role !== conn.context.access.role) {
      conn.canWrite = false;
      return closeConn(conn, CLOSE_CODES.roleChanged, `your role changed to ${access.role}; reconnect`);
    }
    // Same role (e.g. a new seat): keep the connection, with what presence says about the member.
    conn.context.access = { ...access, principal: conn.context.access.principal };
  }

  /** Whether the member's access changed at or after `checkedAt` (a connection accepted with older rights). */
  function changedSince(workspaceId: string, userId: string, checkedAt: number): boolean {
    return (accessChanged.get(memberKey(workspaceId, userId)) ?? -Infinity) >= checkedAt;
  }

  return { revokeLocal, recheckLocal, recheck, changedSince };
}
