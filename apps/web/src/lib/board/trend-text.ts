import type { Trend } from '@troika/model';

export interface TrendText {
  arrow: '↗' | '↘' | '→';
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * A trend in words ("Improving"), judged by the KPI's direction; null with too few values. The
 * model's `change` (slope relative to the mean) decides flatness but reads badly as a percentage
 * ("−114%" for a fall from 800 to 300), so it is not shown.
 */
export function trendText(trend: Trend): TrendText | null {
  if (trend.change === null) return null;
  if (trend.direction === 'flat') return { arrow: '→', text: 'Steady', tone: 'neutral' };
  const arrow = trend.direction === 'up' ? '↗' : '↘';
  return trend.good ? { arrow, text: 'Improving', tone: 'good' } : { arrow, text: 'Worsening', tone: 'bad' };
}
