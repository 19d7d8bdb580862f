import type { Kpi } from './types';

/** The band of jointly owned KPIs seen in the best-run companies: a third to a half. */
export const SHARED_BAND = { low: 1 / 3, high: 1 / 2 } as const;

export type SharedVerdict = 'empty' | 'mostly-separate' | 'in-band' | 'mostly-shared';

export const SHARED_VERDICT_LABELS: Record<SharedVerdict, string> = {
  empty: 'No KPIs yet',
  'mostly-separate': 'Mostly separate scorecards',
  'in-band': 'In the band of the best-run companies',
  'mostly-shared': 'More shared than most',
};

export interface SharedRatio {
  shared: number;
  total: number;
  /** shared / total, 0 when the board is empty. */
  ratio: number;
  verdict: SharedVerdict;
}

/** The share of KPIs owned by two or more seats, judged against the 1/3 to 1/2 band. */
export function sharedRatio(kpis: readonly Pick<Kpi, 'owners'>[]): SharedRatio {
  const total = kpis.length;
  const shared = kpis.filter((k) => new Set(k.owners).size >= 2).length;
  const ratio = total === 0 ? 0 : shared / total;
  const verdict: SharedVerdict =
    total === 0 ? 'empty' : ratio < SHARED_BAND.low ? 'mostly-separate' : ratio <= SHARED_BAND.high ? 'in-band' : 'mostly-shared';
  return { shared, total, ratio, verdict };
}
