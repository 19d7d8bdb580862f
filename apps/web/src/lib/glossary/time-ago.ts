const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// One formatter per locale: creating one costs far more than formatting (a 500-comment thread asks 500 times).
const formats = new Map<string | undefined, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

/** "just now", "5 minutes ago", "yesterday": how long ago an ISO time was, in the person's locale. */
export function timeAgo(iso: string, now: number = Date.now(), locale?: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const format = relativeFormat(locale);
  for (const [unit, size] of UNITS) {
    if (seconds >= size || unit === 'minute') return format.format(-Math.max(1, Math.round(seconds / size)), unit);
  }
  return '';
}
