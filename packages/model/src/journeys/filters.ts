import type { Seat } from '../roles';
import type { PainPoint, PainStatus, Side } from './types';

/** What the map and the list filter pain points by; an empty or null field lets everything through. */
export interface PainFilter {
  sides: Side[];
  owners: Seat[];
  statuses: PainStatus[];
  minSeverity: number;
}

export const NO_PAIN_FILTER: PainFilter = { sides: [], owners: [], statuses: [], minSeverity: 1 };

/** Whether a pain point passes a filter: each set field must match (an owner filter matches any listed owner). */
export function matchesPainFilter(p: PainPoint, filter: PainFilter): boolean {
  if (filter.sides.length > 0 && !filter.sides.includes(p.side)) return false;
  if (filter.owners.length > 0 && !p.owners.some((o) => filter.owners.includes(o))) return false;
  if (filter.statuses.length > 0 && !filter.statuses.includes(p.status)) return false;
  return p.severity >= filter.minSeverity;
}

/** Whether a filter lets everything through. */
export function isEmptyPainFilter(filter: PainFilter): boolean {
  return filter.sides.length === 0 && filter.owners.length === 0 && filter.statuses.length === 0 && filter.minSeverity <= 1;
}
