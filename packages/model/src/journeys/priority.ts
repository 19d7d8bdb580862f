import type { PainPoint } from './types';

/**
 * A pain point's priority, higher first:
 *
 *   priority = severity² × (1 + log10(1 + customersAffected)) × (1 + votes / 4)
 *
 * - severity (1 to 5) squared, so a critical pain point (25) outweighs a minor one (1) by far;
 * - customers affected on a log scale: each tenfold more customers adds one to the factor
 *   (none or unknown: 1; 9: 2; 99: 3; 9,999: 5), so reach matters without drowning severity;
 * - the team's dot votes: four votes double the priority.
 * Rounded to one decimal. Example: severity 4, 999 customers, 2 votes: 16 × 4 × 1.5 = 96.
 */
export function painPointPriority(p: Pick<PainPoint, 'severity' | 'customersAffected' | 'votes'>): number {
  const reach = 1 + Math.log10(1 + Math.max(0, p.customersAffected ?? 0));
  const raw = p.severity * p.severity * reach * (1 + p.votes.length / 4);
  return Math.round(raw * 10) / 10;
}

export interface PrioritisedPainPoint extends PainPoint {
  priority: number;
  /** 1 for the first of the list. */
  rank: number;
}

/**
 * The pain points for a meeting, most pressing first: unresolved ones by priority, then the resolved
 * ones (by priority too). Ties: severity, customers affected, votes, then title and id (stable).
 */
export function prioritise(painPoints: readonly PainPoint[]): PrioritisedPainPoint[] {
  return painPoints
    .map((p) => ({ ...p, priority: painPointPriority(p), rank: 0 }))
    .sort(
      (a, b) =>
        Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
        b.priority - a.priority ||
        b.severity - a.severity ||
        (b.customersAffected ?? 0) - (a.customersAffected ?? 0) ||
        b.votes.length - a.votes.length ||
        a.title.localeCompare(b.title) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((p, i) => ({ ...p, rank: i + 1 }));
}
