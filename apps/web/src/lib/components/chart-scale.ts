/** Pure geometry of the KPI charts (the sparkline and the history chart), tested without a browser. */
import { dateFormat } from '$lib/intl-cache';

export interface Point {
  x: number;
  y: number;
}

/** A function mapping a domain linearly onto a range; a zero-width domain maps to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * Round tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max] with about
 * `count` ticks; the returned bounds are the outer ticks.
 */
export function niceTicks(min: number, max: number, count = 5): { min: number; max: number; step: number; ticks: number[] } {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return { min: 0, max: 1, step: 1, ticks: [0, 1] };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest to the raw one on a log scale (as d3 does), so the tick count stays near `count`.
  const error = raw / power;
  const step = (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1) * power;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 shows as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return { min: ticks[0]!, max: ticks.at(-1)!, step, ticks };
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no time zone shifts a day). */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** The values' span, widened to include the target so its line is always on the chart. */
export function valueExtent(values: readonly number[], target: number | null): [number, number] {
  const all = target === null ? [...values] : [...values, target];
  if (all.length === 0) return [0, 1];
  return [Math.min(...all), Math.max(...all)];
}

/** Which of `n` evenly spread points get a date label, so at most `max` labels fit (always the first and last). */
export function labelIndexes(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n === 1 || max <= 1) return [n - 1];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const picks = new Set<number>();
  for (let i = 0; i < max; i++) picks.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...picks].sort((a, b) => a - b);
}

export interface SparklineGeometry {
  /** SVG path data of the line ("M x y L x y ..."), empty with no values. */
  path: string;
  points: Point[];
  /** The target line's height, or null without a target. */
  targetY: number | null;
}

/** A small line of a KPI's history (by date) in a width x height box with `pad` pixels of room for the dots. */
export function sparkline(
  values: readonly { at: string; value: number }[],
  target: number | null,
  width: number,
  height: number,
  pad = 3,
): SparklineGeometry {
  const [lo, hi] = valueExtent(
    values.map((v) => v.value),
    target,
  );
  const days = values.map((v) => dayNumber(v.at));
  const x = linearScale([days[0] ?? 0, days.at(-1) ?? 0], [pad, width - pad]);
  // Higher values sit higher: the range runs bottom to top.
  const y = linearScale(lo === hi ? [lo - 1, hi + 1] : [lo, hi], [height - pad, pad]);
  const points = values.map((v, i) => ({ x: round(x(days[i]!)), y: round(y(v.value)) }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { path, points, targetY: target === null ? null : round(y(target)) };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** A short axis label for a date: "3 Mar" within a year's span, "Mar 2025" beyond. */
export function axisDate(iso: string, spanDays: number, locale?: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    spanDays > 370 ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return dateFormat(locale, options).format(date);
}
