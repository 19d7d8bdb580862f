import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The sync engine's Prometheus metrics, on a registry of their own (one per service, so tests can run several). */
export function createSyncMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'troika_' });
  const ms = [0.5, 1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000];
  return {
    registry,
    connections: new Gauge({ name: 'troika_sync_connections', help: 'Open sync connections', registers: [registry] }),
    loadedDocs: new Gauge({ name: 'troika_sync_loaded_documents', help: 'Documents held in memory', registers: [registry] }),
    updatesIn: new Counter({ name: 'troika_sync_updates_in_total', help: 'Updates accepted from clients and the server', labelNames: ['source'], registers: [registry] }),
    updatesOut: new Counter({ name: 'troika_sync_messages_out_total', help: 'Update messages sent to clients', registers: [registry] }),
    updatesDropped: new Counter({ name: 'troika_sync_updates_dropped_total', help: 'Updates refused (viewers, no-ops)', labelNames: ['reason'], registers: [registry] }),
    appendSeconds: new Histogram({ name: 'troika_sync_append_ms', help: 'Time from receiving an update to its durable commit (ms)', buckets: ms, registers: [registry] }),
    commitBatch: new Histogram({ name: 'troika_sync_commit_batch_size', help: 'Updates committed per group commit', buckets: [1, 2, 5, 10, 20, 50, 100, 500], registers: [registry] }),
    fanoutSeconds: new Histogram({ name: 'troika_sync_fanout_ms', help: 'Time to hand an update to every local client (ms)', buckets: ms, registers: [registry] }),
    loadSeconds: new Histogram({ name: 'troika_sync_load_ms', help: 'Time to load a document (ms)', buckets: ms, registers: [registry] }),
    compactions: new Counter({ name: 'troika_sync_compactions_total', help: 'Compactions of document logs', registers: [registry] }),
    remoteUpdates: new Counter({ name: 'troika_sync_remote_updates_total', help: 'Updates applied from other instances', labelNames: ['via'], registers: [registry] }),
    errors: new Counter({ name: 'troika_sync_errors_total', help: 'Errors by kind', labelNames: ['kind'], registers: [registry] }),
    closes: new Counter({ name: 'troika_sync_closes_total', help: 'Connections closed by the server, by reason', labelNames: ['reason'], registers: [registry] }),
  };
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
