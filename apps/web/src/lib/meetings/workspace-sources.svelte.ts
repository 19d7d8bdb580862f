import {
  journeysOf,
  kpisOf,
  readBoard,
  readGlossary,
  readJourneys,
  summariseKpi,
  termsOf,
  type GlossaryTerm,
  type Journey,
  type Kpi,
  type KpiSummary,
  type PainPoint,
} from '@troika/model';
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import { Observed } from '$lib/sync/observed.svelte';

export interface BoardKpi {
  kpi: Kpi;
  summary: KpiSummary;
}

/**
 * The board, the journeys and the glossary, read live and never written: what a meeting's agenda is
 * suggested from and what its items show inline.
 */
export class WorkspaceSources {
  private readonly kpiList: Observed<BoardKpi[]>;
  private readonly journeyList: Observed<Journey[]>;
  private readonly termList: Observed<GlossaryTerm[]>;

  /** The workspace's own connections to the three documents (nothing is opened here). */
  constructor(
    private readonly board: DocConnection,
    private readonly journeysDoc: DocConnection,
    private readonly glossary: DocConnection,
  ) {
    this.kpiList = new Observed(kpisOf(this.board.doc), () => readBoard(this.board.doc).map((kpi) => ({ kpi, summary: summariseKpi(kpi) })));
    this.journeyList = new Observed(journeysOf(this.journeysDoc.doc), () => readJourneys(this.journeysDoc.doc));
    this.termList = new Observed(termsOf(this.glossary.doc), () => readGlossary(this.glossary.doc));
  }

  /** Whether all three have arrived (from this browser's copy or the server). */
  get ready(): boolean {
    return this.board.ready && this.journeysDoc.ready && this.glossary.ready;
  }

  get kpis(): BoardKpi[] {
    return this.kpiList.value;
  }

  get journeys(): Journey[] {
    return this.journeyList.value;
  }

  get terms(): GlossaryTerm[] {
    return this.termList.value;
  }

  kpi(id: string): BoardKpi | undefined {
    return this.kpis.find((k) => k.kpi.id === id);
  }

  journey(id: string): Journey | undefined {
    return this.journeys.find((j) => j.id === id);
  }

  /** A pain point with the journey it is on. */
  painPoint(id: string): { painPoint: PainPoint; journey: Journey } | undefined {
    for (const journey of this.journeys) {
      const painPoint = journey.painPoints.find((p) => p.id === id);
      if (painPoint) return { painPoint, journey };
    }
    return undefined;
  }

  term(id: string): GlossaryTerm | undefined {
    return this.terms.find((t) => t.id === id);
  }

  /** The board document, for the snapshot of the KPIs kept in the minutes. */
  get boardDoc(): Y.Doc {
    return this.board.doc;
  }
}
