const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Automatic versions younger than this are all kept. */
export const THIN_AFTER_MS = 7 * DAY;
/** Automatic versions between THIN_AFTER_MS and this age keep one an hour; older ones one a day. */
export const DAILY_AFTER_MS = 30 * DAY;

export interface ThinnableVersion {
  id: string;
  at: Date;
  kind: string;
}

/**
 * The versions to delete: every one older than `keepDays`; of the automatic ones, after a week only
 * the newest of each hour, after a month only the newest of each day. Named, meeting and
 * restore versions stay until they are `keepDays` old.
 */
export function versionsToDrop(versions: readonly ThinnableVersion[], now: Date, keepDays: number): Set<string> {
  const drop = new Set<string>();
  const kept = new Set<string>();
  // Newest first, so the first one seen in a bucket is the one kept.
  const newestFirst = [...versions].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const v of newestFirst) {
    const age = now.getTime() - v.at.getTime();
    if (age > keepDays * DAY) {
      drop.add(v.id);
      continue;
    }
    if (v.kind !== 'auto' || age < THIN_AFTER_MS) continue;
    const bucket = age < DAILY_AFTER_MS ? `h${Math.floor(v.at.getTime() / HOUR)}` : `d${Math.floor(v.at.getTime() / DAY)}`;
    if (kept.has(bucket)) drop.add(v.id);
    else kept.add(bucket);
  }
  return drop;
}
