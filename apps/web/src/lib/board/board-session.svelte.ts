import { kpisOf, setValues, summariseKpi, type Kpi, type KpiSummary, type KpiValue } from '@troika/model';
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { showError } from '$lib/show-error';
import { toasts } from '$lib/toasts.svelte';
import { DocConnection } from '$lib/sync/doc-connection.svelte';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';
import { Undo } from '$lib/sync/undo.svelte';
import { applyInChunks, type ImportRow, type RowError } from './csv-import';
import { BoardReader } from './board-reader';

/**
 * One person's live session on a workspace's board: the synced document, the KPIs read from it
 * (once per change, and only the KPIs that changed), who else is here, and undo.
 */
export class BoardSession {
  readonly connection: DocConnection;
  readonly presence: Presence;
  readonly undo: Undo;
  /** Whether this person may change the board (viewers may not); set by the screen from their role. */
  editable = $state(false);
  private readonly reader: BoardReader;
  private readonly subscribe: () => void;
  private watchers = 0;
  private readonly summaries = new WeakMap<Kpi, KpiSummary>();

  constructor(workspaceId: string, me: PresenceUser) {
    this.connection = new DocConnection(workspaceId, 'board');
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
    this.undo = new Undo(kpis);
  }

  get doc(): Y.Doc {
    return this.connection.doc;
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
   * Applies one change of this person's as its own undo step. Returns false (and says why) when it
   * cannot be made: a viewer, or a KPI someone else deleted a moment ago.
   */
  edit(change: (doc: Y.Doc) => void): boolean {
    if (!this.editable) return false;
    this.undo.manager.stopCapturing();
    try {
      change(this.doc);
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('unknown KPI')) {
        toasts.show('error', 'Someone deleted this KPI a moment ago; your change was not made.');
      } else showError(error);
      return false;
    }
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

  destroy(): void {
    this.presence.destroy();
    this.undo.destroy();
    this.connection.destroy();
  }
}
