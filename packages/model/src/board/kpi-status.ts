import type { Direction, KpiValue } from './types';

export const KPI_STATUSES = ['on-track', 'at-risk', 'off-track', 'no-data', 'no-target'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export const STATUS_LABELS: Record<KpiStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
  'no-target': 'No target',
};

/** How far on the wrong side of the target a KPI may be and still count as "at risk" rather than "off track". */
export const AT_RISK_MARGIN = 0.1;

/**
 * How close two figures must be to count as equal: a billionth of their size. Decimal figures such as
 * 2.2 are not exact in binary, so 2.2 against a target of 2 misses by 0.20000000000000018, a hair past
 * the 10 % band; a person wrote exactly 10 % off and must see "at risk".
 */
const RELATIVE_TOLERANCE = 1e-9;

/**
 * The status of a KPI from its latest value:
 * - no values: `no-data`; no target: `no-target`;
 * - the target met or beaten in the KPI's direction: `on-track`;
 * - missed by at most 10% of the target's size: `at-risk`;
 * - missed by more: `off-track`.
 * Both edges are compared with a tolerance of a billionth, so a figure exactly on an edge is inside it.
 * A target of 0 leaves no margin: any miss is off track.
 */
export function kpiStatus(latest: KpiValue | null | undefined, target: number | null, direction: Direction): KpiStatus {
  if (!latest) return 'no-data';
  if (target === null) return 'no-target';
  const miss = direction === 'up' ? target - latest.value : latest.value - target;
  const tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(target), Math.abs(latest.value));
  if (miss <= tolerance) return 'on-track';
  return miss <= Math.abs(target) * AT_RISK_MARGIN + tolerance ? 'at-risk' : 'off-track';
}
