import { isDocName, type DocName } from '@troika/model';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/principal';
import type { SessionStore } from '../auth/sessions';
import { isAllowedOrigin, type Config } from '../config';
import type { Database } from '@troika/db';
import type { Logger } from '../logger';
import { resolveAccess } from '../workspaces/access';
import type { SyncHandler } from '../sync/access';
import { SocketCaps } from '../sync/socket-caps';

export interface UpgradeDeps {
  config: Config;
  db: Database;
  sessions: SessionStore;
  logger: Logger;
  handler: SyncHandler;
}

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\/?$/;

function refuse(socket: Duplex, status: number, reason: string, message = reason): void {
  const body = JSON.stringify({ error: { code: reason, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The caller's address: the socket's peer, or behind our own proxy (TRUST_PROXY) the last X-Forwarded-For entry. */
function addressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? 'local';
}

/**
 * Decides every WebSocket upgrade before it happens: the path must name a workspace document, a
 * browser's Origin must be allowed, and the caller must be a member. Refused upgrades get a plain
 * HTTP status (401, 403, 404), so not one byte of a document leaves for an outsider.
 */
export function createUpgradeHandler(deps: UpgradeDeps) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.SYNC_MAX_MESSAGE_BYTES });
  const caps = new SocketCaps({ perMember: deps.config.SYNC_MAX_SOCKETS_PER_MEMBER, perAddress: deps.config.SYNC_MAX_SOCKETS_PER_ADDRESS });

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

    const member = principal.kind === 'user' ? `user:${principal.userId}` : `token:${principal.tokenId}`;
    const slot = caps.take(member, addressOf(request, deps.config.TRUST_PROXY));
    if (!slot.ok) {
      const limit = slot.cap === 'member' ? 'SYNC_MAX_SOCKETS_PER_MEMBER' : 'SYNC_MAX_SOCKETS_PER_ADDRESS';
      return refuse(socket, 429, 'rate_limited', `too many sync connections (${limit}); close some first`);
    }
    // The TCP socket's end gives the slot back, whether or not the upgrade completes.
    socket.once('close', slot.release);
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
