import { isDocName, type DocName } from '@troika/model';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate } from '../auth/principal';
import type { SessionStore } from '../auth/sessions';
import { isAllowedOrigin, type Config } from '../config';
import type { WorkspaceAccess } from '../context';
import type { Database } from '@troika/db';
import type { Logger } from '../logger';
import { resolveAccess } from '../workspaces/access';

/** A connection that passed authentication, ready for the sync engine. */
export interface SyncConnectionContext {
  workspaceId: string;
  doc: DocName;
  access: WorkspaceAccess;
  /** When `access` was read (performance.now()): a membership change after it re-checks the connection. */
  checkedAt?: number;
}

export interface SyncHandler {
  handleConnection(socket: WebSocket, context: SyncConnectionContext): void;
}

export interface UpgradeDeps {
  config: Config;
  db: Database;
  sessions: SessionStore;
  logger: Logger;
  handler: SyncHandler;
}

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/?$/;

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: { code: reason, message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Decides every WebSocket upgrade before it happens: the path must name a workspace document, a
 * browser's Origin must be allowed, and the caller must be a member. Refused upgrades get a plain
 * HTTP status (401, 403, 404), so not one byte of a document leaves for an outsider.
 */
export function createUpgradeHandler(deps: UpgradeDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.SYNC_MAX_MESSAGE_BYTES });

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = SYNC_PATH.exec(url.pathname);
    if (!match || !isDocName(match[2]!)) return refuse(socket, 404, 'not_found');
    const workspaceId = match[1]!;
    const doc = match[2] as DocName;

    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(deps.config, origin)) return refuse(socket, 403, 'forbidden_origin');

    const principal = await authenticate(deps.db, deps.sessions, {
      cookie: request.headers.cookie,
      authorization: request.headers.authorization,
    });
    if (!principal) return refuse(socket, 401, 'unauthenticated');
    const checkedAt = performance.now();
    const access = await resolveAccess(deps.db, principal, workspaceId);
    if (!access) return refuse(socket, 404, 'not_found');

    wss.handleUpgrade(request, socket, head, (ws) => deps.handler.handleConnection(ws, { workspaceId, doc, access, checkedAt }));
  }

  return {
    handle(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      onUpgrade(request, socket, head).catch((error) => {
        deps.logger.error({ err: error }, 'upgrade failed');
        refuse(socket, 503, 'unavailable');
      });
    },
    close(): void {
      wss.close();
    },
  };
}
