/**
 * One entry's history as a timeline (its History section): the document's versions cut into
 * consecutive windows, newest first (the newest version → now, then each version → the next newer
 * one), each asked of `GET /changes?since=&until=&entry=`; a window where the entry changed is a row.
 */

interface VersionLike {
  id: string;
  at: string;
}

/** A period between two versions: `until` null is "now". */
export interface TimelineWindow<V extends VersionLike = VersionLike> {
  since: V;
  until: V | null;
}

export interface ChangeLike {
  change: 'added' | 'changed' | 'removed';
  title: string;
  fields: readonly { field: string; from: unknown; to: unknown; at?: string }[];
}

/** How many versions one "Show older" adds (and the first read covers). */
export const TIMELINE_STEP = 12;

/** The windows for the `count` newest versions (versions newest first, as the API lists them). */
export function timelineWindows<V extends VersionLike>(versions: readonly V[], count: number): TimelineWindow<V>[] {
  return versions.slice(0, count).map((since, i) => ({ since, until: i === 0 ? null : versions[i - 1]! }));
}

/**
 * The rows to show: the windows read so far, in order, while none before is still unread (a later
 * answer does not jump ahead of a missing one), those where the entry changed, stopping at the one
 * where it was added (older windows cannot hold it).
 */
export function timelineRows<V extends VersionLike, C extends ChangeLike>(
  windows: readonly TimelineWindow<V>[],
  answers: ReadonlyMap<number, C | null>,
): { window: TimelineWindow<V>; change: C }[] {
  const rows: { window: TimelineWindow<V>; change: C }[] = [];
  for (let i = 0; i < windows.length && answers.has(i); i++) {
    const change = answers.get(i);
    if (!change) continue;
    rows.push({ window: windows[i]!, change });
    if (change.change === 'added') break;
  }
  return rows;
}

/** Whether the window where the entry appeared has been read: nothing older to ask. */
export function reachedStart(answers: ReadonlyMap<number, ChangeLike | null>): boolean {
  return [...answers.values()].some((c) => c?.change === 'added');
}

/**
 * What restoring the entry as of row `index`'s older version does, from the rows newer than and
 * including it: each field goes from what it is now (the newest row's `to`) back to what it was
 * (that row's `from`). Null for the row where it was added (restoring would remove it).
 */
export function netChange<C extends ChangeLike>(rows: readonly { change: C }[], index: number): ChangeLike | null {
  const span = rows.slice(0, index + 1).map((r) => r.change);
  if (span.length === 0 || span.at(-1)!.change === 'added') return null;
  if (span[0]!.change === 'removed') return { change: 'removed', title: span[0]!.title, fields: [] };
  const fields = new Map<string, { field: string; from: unknown; to: unknown; at?: string }>();
  // Oldest first: a field's `from` is its oldest, its `to` its newest.
  for (const change of [...span].reverse()) {
    for (const f of change.fields) {
      const key = `${f.field}\n${f.at ?? ''}`;
      const seen = fields.get(key);
      fields.set(key, seen ? { ...seen, to: f.to } : { ...f });
    }
  }
  const moved = [...fields.values()].filter((f) => JSON.stringify(f.from) !== JSON.stringify(f.to));
  return { change: 'changed', title: span[0]!.title, fields: moved };
}

/** Runs `task` for each index in `indexes`, at most `limit` at a time; stops starting new ones once `stop()` says so. */
export async function readLimited(indexes: readonly number[], limit: number, task: (index: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  async function worker(): Promise<void> {
    while (next < indexes.length && !stop()) await task(indexes[next++]!);
  }
  await Promise.all(Array.from({ length: Math.min(limit, indexes.length) }, worker));
}
