import type { Direction, KpiValue } from './types';

export type TrendDirection = 'up' | 'down' | 'flat';

export interface Trend {
  direction: TrendDirection;
  /** Whether the movement is welcome given the KPI's direction; null when flat or unknown. */
  good: boolean | null;
  /** The fitted change over the window relative to the values' mean size (0.12 for +12%); null with fewer than two values. */
  change: number | null;
}

/** How many of the latest values the trend looks at. */
export const TREND_WINDOW = 5;
/** A rise of this share of the values' mean size always counts (revenue up 3 % is not steady). */
export const FLAT_THRESHOLD = 0.02;
/** A rise of this share of the farthest distance between the window's values and the target counts. */
export const TARGET_DISTANCE_SHARE = 0.25;
/** Without a target, a rise this many times the values' scatter around their line counts... */
export const SCATTER_MULTIPLE = 4;
/** ...when it is also at least this share of their mean size (a rounding wobble on a flat series is not a trend). */
export const SCATTER_FLOOR = 0.001;

/**
 * The trend over the last values. The rise is the least-squares line's change across the window; it
 * is judged against the KPI's own scale, because 2 % of the mean is nothing for revenue but half the
 * story for uptime (99.5 → 99.97 % is a 0.5 % change that closes the whole gap to a 99.9 % target).
 * The trend is up or down when the rise is at least one of:
 * - 2 % of the values' mean size;
 * - with a target, a quarter of the farthest distance between the window's values and the target;
 * - without one, four times the values' scatter around the line (their residual standard deviation)
 *   and 0.1 % of their mean size.
 * Otherwise it is flat. Good when it moves the KPI's way.
 */
export function kpiTrend(values: readonly KpiValue[], direction: Direction, target: number | null = null): Trend {
  const window = values.slice(-TREND_WINDOW);
  if (window.length < 2) return { direction: 'flat', good: null, change: null };
  const n = window.length;
  const ys = window.map((v) => v.value);
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - meanX) * (ys[i]! - meanY);
    den += (i - meanX) ** 2;
  }
  const slope = num / den;
  const rise = slope * (n - 1);
  const size = ys.reduce((a, b) => a + Math.abs(b), 0) / n;
  const change = size === 0 ? (rise === 0 ? 0 : Math.sign(rise)) : rise / size;
  const moved = Math.abs(rise);
  const meaningful =
    moved > 0 &&
    (moved >= FLAT_THRESHOLD * size ||
      (target !== null
        ? moved >= TARGET_DISTANCE_SHARE * Math.max(...ys.map((y) => Math.abs(y - target)))
        : moved >= SCATTER_MULTIPLE * scatter(ys, meanY, slope, meanX) && moved >= SCATTER_FLOOR * size));
  if (!meaningful) return { direction: 'flat', good: null, change };
  const moving: TrendDirection = rise > 0 ? 'up' : 'down';
  return { direction: moving, good: moving === direction, change };
}

/** The residual standard deviation of values around their least-squares line (0 for two values: a line fits them exactly). */
function scatter(ys: readonly number[], meanY: number, slope: number, meanX: number): number {
  if (ys.length < 3) return 0;
  const squares = ys.reduce((sum, y, i) => sum + (y - (meanY + slope * (i - meanX))) ** 2, 0);
  return Math.sqrt(squares / (ys.length - 2));
}
