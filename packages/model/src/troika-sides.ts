import type { Seat } from './roles';

/**
 * The three sides of the troika. A seat belongs to one: the CIO and the IT team are technology, the
 * CMO and the marketing team are marketing, the business heads are business. A KPI owned by the CIO
 * and the IT team is owned by one side, not shared across the troika.
 */
export const TROIKA_SIDES = ['technology', 'marketing', 'business'] as const;
export type TroikaSide = (typeof TROIKA_SIDES)[number];

export const TROIKA_SIDE_OF_SEAT: Record<Seat, TroikaSide> = {
  cio: 'technology',
  it: 'technology',
  cmo: 'marketing',
  marketing: 'marketing',
  business: 'business',
};

export const TROIKA_SIDE_LABELS: Record<TroikaSide, string> = {
  technology: 'Technology',
  marketing: 'Marketing',
  business: 'Business',
};

/** The sides that a set of seats spans, in the order of `TROIKA_SIDES`. */
export function troikaSidesOf(seats: readonly Seat[]): TroikaSide[] {
  const sides = new Set(seats.map((s) => TROIKA_SIDE_OF_SEAT[s]));
  return TROIKA_SIDES.filter((side) => sides.has(side));
}
