// Units written before the number ("€0.42"); everything else follows it ("1,800 ms", "3.4%").
const PREFIX_UNITS = new Set(['€', '$', '£', '¥', 'CHF']);

// Building an Intl.NumberFormat costs far more than using one: a table of sixty values must not build sixty.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/**
 * A KPI value in two parts: the figure with the symbols that belong to it ("€0.42", "3.4%", "1,800")
 * and a word unit that reads after it ("ms", "customers"), so a card can show the unit smaller.
 * The one rule for KPI figures: the board, the meetings, the minutes and the exports all use it.
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

/** A KPI value as people read it: grouped digits, at most two decimals (money keeps its cents), with its unit; "–" for none. */
export function formatValue(value: number | null | undefined, unit: string, locale?: string): string {
  if (value === null || value === undefined) return '–';
  const parts = valueParts(value, unit, locale);
  return parts.unit ? `${parts.figure} ${parts.unit}` : parts.figure;
}
