import type { Kpi } from './types';

export interface Orphans {
  /** Outputs linked to no outcome: delivery nobody has tied to a business result. */
  outputs: Kpi[];
  /** Outcomes that no output feeds: results nobody has said how to move. */
  outcomes: Kpi[];
}

/** The board's loose ends, in board order. Links to deleted or non-outcome KPIs do not count. */
export function findOrphans(kpis: readonly Kpi[]): Orphans {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const fed = new Set<string>();
  const outputs: Kpi[] = [];
  for (const kpi of kpis) {
    if (kpi.kind !== 'output') continue;
    const served = kpi.outcomes.filter((id) => byId.get(id)?.kind === 'outcome');
    served.forEach((id) => fed.add(id));
    if (served.length === 0) outputs.push(kpi);
  }
  return { outputs, outcomes: kpis.filter((k) => k.kind === 'outcome' && !fed.has(k.id)) };
}
