import type { AgendaItem, ItemTimer } from './types';

/** How long an item has been discussed at `nowMs` (ms since the epoch): its total plus the running stretch. */
export function timerElapsedMs(timer: ItemTimer, nowMs: number): number {
  const started = timer.startedAt ? Date.parse(timer.startedAt) : Number.NaN;
  // A clock a little ahead on another machine must not show negative time.
  return timer.elapsedMs + (Number.isNaN(started) ? 0 : Math.max(0, nowMs - started));
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Whether an item has run past its planned minutes. */
export function isOverTime(item: Pick<AgendaItem, 'duration' | 'timer'>, nowMs: number): boolean {
  return item.duration !== null && timerElapsedMs(item.timer, nowMs) > item.duration * 60_000;
}

/** The minutes planned for the whole agenda (items without a plan count as nothing). */
export function plannedMinutes(agenda: readonly Pick<AgendaItem, 'duration'>[]): number {
  return agenda.reduce((sum, item) => sum + (item.duration ?? 0), 0);
}
