import type { DatabaseHandle } from '@troika/db';
import type { WebSocket } from 'ws';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { SyncConnectionContext, SyncHandler } from './upgrade';

export interface SyncService extends SyncHandler {
  recheckMember(workspaceId: string, userId: string): void;
  metricsText(): Promise<string>;
  close(): Promise<void>;
}

// Interim wiring while the engine lands (issue 3): accepted connections are closed politely.
export async function createSyncService(deps: { config: Config; database: DatabaseHandle; logger: Logger }): Promise<SyncService> {
  void deps;
  return {
    handleConnection(socket: WebSocket, context: SyncConnectionContext) {
      void context;
      socket.close(1013, 'sync engine not ready');
    },
    recheckMember() {},
    metricsText: async () => '',
    close: async () => {},
  };
}
