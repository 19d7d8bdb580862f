import { kpisOf, setValues, summariseKpi, type Kpi, type KpiSummary, type KpiValue } from '@troika/model';
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import { DocSession, type EditAccess } from '$lib/sync/doc-session.svelte';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';
import { applyInChunks } from './apply-in-chunks';
import type { ImportRow, RowError } from './csv-import';
import { BoardReader } from './board-reader';

/**
 * One person's live session on a workspace's board: the KPIs read from the board's shared connection
 * (once per change, and only the KPIs that changed), who else is here, and undo.
 */
export class BoardSession extends DocSession {
  readonly presence: Presence;
  private readonly reader: BoardReader;
  private readonly subscribe: () => void;
  private watchers = 0;
  private readonly summaries = new WeakMap<Kpi, KpiSummary>();

  constructor(connection: DocConnection, access: EditAccess, me: PresenceUser) {
    super(connection, access, kpisOf(connection.doc), 'Someone deleted this KPI a moment ago');
    const kpis = kpisOf(this.connection.doc);
    this.reader = new BoardReader(this.connection.doc);
    // Like Observed, but the change events tell the reader which KPIs to read again.
    this.subscribe = createSubscriber((update) => {
      const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        this.reader.note(events);
        update();
      };
      this.watchers++;
      this.reader.reset();
      kpis.observeDeep(onChange);
      return () => {
        this.watchers--;
        kpis.unobserveDeep(onChange);
      };
    });
    this.presence = new Presence(this.connection.provider.awareness, me);
  }

  /** The KPIs in board order; the same objects as long as they do not change. */
  get kpis(): readonly Kpi[] {
    this.subscribe();
    // Unwatched (an event handler): changes may have gone unseen, so read everything.
    if (this.watchers === 0) this.reader.reset();
    return this.reader.read();
  }

  /** Latest value, status and trend of a KPI, computed once per version of it. */
  summary(kpi: Kpi): KpiSummary {
    let summary = this.summaries.get(kpi);
    if (!summary) this.summaries.set(kpi, (summary = summariseKpi(kpi)));
    return summary;
  }

  /**
   * Records imported values in chunks (the page stays responsive and shows progress) as one undo
   * step. Returns the rows whose KPI someone deleted while the import ran.
   */
  async importValues(rows: readonly ImportRow[], onProgress: (done: number, total: number) => void): Promise<RowError[]> {
    if (!this.editable) return [];
    const lost: RowError[] = [];
    const kpis = kpisOf(this.doc);
    const manager = this.undo.manager;
    const timeout = manager.captureTimeout;
    manager.stopCapturing();
    manager.captureTimeout = Number.POSITIVE_INFINITY;
    try {
      await applyInChunks(
        rows,
        (chunk) =>
          this.doc.transact(() => {
            const byKpi = new Map<string, KpiValue[]>();
            for (const row of chunk) {
              if (!kpis.has(row.kpiId)) {
                lost.push({ line: row.line, text: `${row.kpiId}, ${row.at}, ${row.value}`, message: 'The KPI was deleted during the import' });
                continue;
              }
              let list = byKpi.get(row.kpiId);
              if (!list) byKpi.set(row.kpiId, (list = []));
              list.push({ at: row.at, value: row.value });
            }
            for (const [id, values] of byKpi) setValues(this.doc, id, values);
          }),
        { onProgress },
      );
    } finally {
      manager.captureTimeout = timeout;
      manager.stopCapturing();
    }
    return lost;
  }

  override destroy(): void {
    this.presence.destroy();
    super.destroy();
  }
}
