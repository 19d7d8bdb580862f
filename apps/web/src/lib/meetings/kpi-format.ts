// Units written before the number ("€0.42"); everything else follows it ("1,800 ms", "3.4%"), as on the board.
const PREFIX_UNITS = new Set(['€', '$', '£', '¥', 'CHF']);

/** A KPI value as people read it: grouped digits, at most two decimals, with its unit. */
export function formatKpiValue(value: number | null | undefined, unit: string, locale?: string): string {
  if (value === null || value === undefined) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : 2;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  const u = unit.trim();
  if (!u) return number;
  if (u === '%') return `${number}%`;
  if (PREFIX_UNITS.has(u)) return value < 0 ? `-${u}${number.replace(/^[-−]/, '')}` : `${u}${number}`;
  return `${number} ${u}`;
}

/** The points of a small line chart of values, in a `width` × `height` box (empty below two values). */
export function sparkPoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = width / (values.length - 1);
  return values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`).join(' ');
}
