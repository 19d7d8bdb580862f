import { TROIKA_SIDES, troikaSidesOf, type TroikaSide } from '../troika-sides';
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

/** How many shared KPIs span one combination of sides (e.g. technology with business). */
export interface SharedSides {
  sides: TroikaSide[];
  count: number;
}

export interface SharedRatio {
  /** KPIs whose owners span two or three troika sides. */
  shared: number;
  total: number;
  /** shared / total, 0 when the board is empty. */
  ratio: number;
  verdict: SharedVerdict;
  /** The shared KPIs by the sides they span, most first (ties in side order); combinations with none left out. */
  bySides: SharedSides[];
  /** KPIs with two or more owners from one side only (the CIO with the IT team): not counted as shared. */
  withinOneSide: number;
}

const comboKey = (sides: readonly TroikaSide[]) => sides.join('+');
const comboRank = (sides: readonly TroikaSide[]) => sides.reduce((n, s) => n * 4 + TROIKA_SIDES.indexOf(s) + 1, sides.length);

/**
 * The share of KPIs jointly owned across the troika: owners on at least two of its three sides
 * (technology, marketing, business), judged against the 1/3 to 1/2 band. The band is about metrics
 * shared between the technology and business leaders, so a KPI of the CIO and the IT team, or of the
 * CMO and the marketing team, is one side's own.
 */
export function sharedRatio(kpis: readonly Pick<Kpi, 'owners'>[]): SharedRatio {
  const total = kpis.length;
  const combos = new Map<string, SharedSides>();
  let withinOneSide = 0;
  for (const kpi of kpis) {
    const sides = troikaSidesOf(kpi.owners);
    if (sides.length < 2) {
      if (new Set(kpi.owners).size >= 2) withinOneSide++;
      continue;
    }
    const key = comboKey(sides);
    const combo = combos.get(key) ?? { sides, count: 0 };
    combo.count++;
    combos.set(key, combo);
  }
  const bySides = [...combos.values()].sort((a, b) => b.count - a.count || comboRank(a.sides) - comboRank(b.sides));
  const shared = bySides.reduce((n, c) => n + c.count, 0);
  const ratio = total === 0 ? 0 : shared / total;
  const verdict: SharedVerdict =
    total === 0 ? 'empty' : ratio < SHARED_BAND.low ? 'mostly-separate' : ratio <= SHARED_BAND.high ? 'in-band' : 'mostly-shared';
  return { shared, total, ratio, verdict, bySides, withinOneSide };
}
