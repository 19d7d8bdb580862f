import type { Direction, KpiValue } from './types';

export type TrendDirection = 'up' | 'down' | 'flat';

export interface Trend {
  direction: TrendDirection;
  /** Whether the movement is welcome given the KPI's direction; null when flat or unknown. */
  good: boolean | null;
  /** Relative change over the window (e.g. 0.12 for +12%), null with fewer than two values. */
  change: number | null;
}

/** How many of the latest values the trend looks at. */
export const TREND_WINDOW = 5;
/** Below this relative change over the window, a trend is flat. */
export const FLAT_THRESHOLD = 0.02;

/**
 * The trend over the last values: the least-squares slope across the window, times the window's span,
 * relative to the mean magnitude of the values. Flat under 2%. Good when it moves the KPI's way.
 */
export function kpiTrend(values: readonly KpiValue[], direction: Direction): Trend {
  const window = values.slice(-TREND_WINDOW);
  if (window.length < 2) return { direction: 'flat', good: null, change: null };
  const n = window.length;
  const xs = window.map((_, i) => i);
  const ys = window.map((v) => v.value);
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - meanX) * (ys[i]! - meanY);
    den += (xs[i]! - meanX) ** 2;
  }
  const rise = (num / den) * (n - 1);
  const scale = ys.reduce((a, b) => a + Math.abs(b), 0) / n;
  const change = scale === 0 ? (rise === 0 ? 0 : Math.sign(rise)) : rise / scale;
  if (Math.abs(change) < FLAT_THRESHOLD) return { direction: 'flat', good: null, change };
  const moving: TrendDirection = change > 0 ? 'up' : 'down';
  return { direction: moving, good: moving === direction, change };
}
