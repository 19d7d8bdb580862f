import { dateFormat, numberFormat } from '$lib/intl-cache';

// Units written before the number ("€0.42"); everything else follows it ("1,800 ms", "3.4%").
const PREFIX_UNITS = new Set(['€', '$', '£', '¥', 'CHF']);

/**
 * A KPI value in two parts: the figure with the symbols that belong to it ("€0.42", "3.4%", "1,800")
 * and a word unit that reads after it ("ms", "customers"), so a card can show the unit smaller.
 */
export function valueParts(value: number, unit: string, locale?: string): { figure: string; unit: string } {
  const u = unit.trim();
  const currency = PREFIX_UNITS.has(u);
  // Money keeps its cents (€0.40, not €0.4); other figures drop decimals past 100.
  const digits =
    currency && !Number.isInteger(value) && Math.abs(value) < 1000
      ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
      : { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 };
  const number = numberFormat(locale, digits).format(value);
  if (u === '%') return { figure: `${number}%`, unit: '' };
  if (currency) return { figure: value < 0 ? `-${u}${number.replace(/^[-−]/, '')}` : `${u}${number}`, unit: '' };
  return { figure: number, unit: u };
}

/** A KPI value as people read it: grouped digits, at most two decimals, with its unit. */
export function formatValue(value: number, unit: string, locale?: string): string {
  const parts = valueParts(value, unit, locale);
  return parts.unit ? `${parts.figure} ${parts.unit}` : parts.figure;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number typed by a person or read from a CSV cell, strictly: digits with a dot for decimals, no
 * thousands separators (is "1,500" fifteen hundred or one and a half?). Null when it is not one.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Today as YYYY-MM-DD in the person's own time zone (the default date of a new value). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A YYYY-MM-DD date as people read it ("31 Jan 2025"); read as UTC, so no time zone moves it a day. */
export function formatDay(iso: string, locale?: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}
