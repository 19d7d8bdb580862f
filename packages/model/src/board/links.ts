import type { Kpi } from './types';

/** The outputs that say they serve `outcomeId`, in board order (the other side of an output's `outcomes`). */
export function outputsServing(kpis: readonly Kpi[], outcomeId: string): Kpi[] {
  return kpis.filter((k) => k.kind === 'output' && k.id !== outcomeId && k.outcomes.includes(outcomeId));
}

/**
 * The KPIs that could be linked to `kpi` and are not yet: for an output, the outcomes it does not
 * serve; for an outcome, the outputs that do not serve it. Links only ever run output -> outcome.
 */
export function linkCandidates(kpis: readonly Kpi[], kpi: Kpi): Kpi[] {
  if (kpi.kind === 'output') return kpis.filter((k) => k.kind === 'outcome' && k.id !== kpi.id && !kpi.outcomes.includes(k.id));
  return kpis.filter((k) => k.kind === 'output' && k.id !== kpi.id && !k.outcomes.includes(kpi.id));
}
