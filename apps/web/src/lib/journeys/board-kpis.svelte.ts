import { kpisOf, readBoard, summariseKpi, type KpiSummary } from '@troika/model';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import { Observed } from '$lib/sync/observed.svelte';

/** The board's KPIs with their status, read live from the workspace's `board` connection (the journey screens only read it). */
export class BoardKpis {
  private readonly observed: Observed<KpiSummary[]>;
  private byId = new Map<string, KpiSummary>();

  constructor(private readonly connection: DocConnection) {
    this.observed = new Observed(kpisOf(this.connection.doc), () => {
      const list = readBoard(this.connection.doc).map(summariseKpi);
      this.byId = new Map(list.map((k) => [k.id, k]));
      return list;
    });
  }

  /** Whether the board has arrived (from this browser's copy or the server). */
  get ready(): boolean {
    return this.connection.ready;
  }

  get list(): KpiSummary[] {
    return this.observed.value;
  }

  /** A KPI by id, or undefined when it is not (or no longer) on the board. */
  get(id: string): KpiSummary | undefined {
    void this.observed.value;
    return this.byId.get(id);
  }
}
