import { workspacePath, type AgendaRef, type Presenting } from '@troika/model';

/** A meeting's page, showing one agenda item when given. */
export function meetingPath(workspaceId: string, meetingId: string, itemId?: string | null): string {
  const base = `/w/${encodeURIComponent(workspaceId)}/meetings/${encodeURIComponent(meetingId)}`;
  return itemId ? `${base}?item=${encodeURIComponent(itemId)}` : base;
}

/** What a follower compares with the presenter's: the path and query of a URL (no hash, no origin). */
export function pathOf(url: URL): string {
  return url.pathname + url.search;
}

/** The agenda item a path shows, when it is this meeting's page; undefined for any other page. */
export function itemOfPath(path: string, workspaceId: string, meetingId: string): string | null | undefined {
  const url = new URL(path, 'http://x');
  if (url.pathname !== meetingPath(workspaceId, meetingId)) return undefined;
  return url.searchParams.get('item');
}

/**
 * Whether a path lies inside the workspace (the presenter's other pages worth following), judged
 * after normalising it as the browser will (`/w/<id>/../../x` opens `/x`, so it is not).
 */
export function isWorkspacePath(path: string, workspaceId: string): boolean {
  return workspacePath(path, workspaceId) !== null;
}

export interface FollowState {
  following: boolean;
  amPresenter: boolean;
  presenting: Presenting | null;
  /** Where this tab is now (`pathOf(page.url)`). */
  here: string;
}

/** Where a follower must go to be with the presenter, or null when they are there (or do not follow). */
export function followTarget(state: FollowState): string | null {
  if (!state.following || state.amPresenter || !state.presenting) return null;
  return state.presenting.path === state.here ? null : state.presenting.path;
}

/**
 * Whether a navigation means the person stopped following: they went somewhere on their own (not
 * where the presenter is, nor where following recently took them: when the presenter moves twice
 * quickly, the first trip may land after the second began).
 */
export function leftThePresenter(
  to: string,
  state: { following: boolean; amPresenter: boolean; presenting: Presenting | null; followedTo: readonly string[] },
): boolean {
  if (!state.following || state.amPresenter || !state.presenting) return false;
  return to !== state.presenting.path && !state.followedTo.includes(to);
}

/** Where the thing an agenda item points at lives in Troika. */
export function refHref(workspaceId: string, ref: AgendaRef, journeyOfPainPoint?: string | null): string {
  const w = `/w/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent(ref.id);
  switch (ref.kind) {
    case 'kpi':
      return `${w}/board?kpi=${id}`;
    case 'journey':
      return `${w}/journeys/${id}`;
    case 'painPoint':
      return journeyOfPainPoint ? `${w}/journeys/${encodeURIComponent(journeyOfPainPoint)}` : `${w}/journeys`;
    case 'term':
      return `${w}/glossary?term=${id}`;
    case 'meeting':
      return `${w}/meetings/${id}`;
  }
}

/** Today as YYYY-MM-DD in this person's own time zone. */
export function localDay(date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
