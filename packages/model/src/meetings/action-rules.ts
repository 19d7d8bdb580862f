import { meetingPhase } from './read-meeting';
import type { ActionItem, Meeting } from './types';

/** An action with the meeting it came from. */
export interface MeetingAction extends ActionItem {
  meetingId: string;
  meetingTitle: string;
  meetingDate: string;
}

/** Whether an action is overdue on `today` (YYYY-MM-DD): not done, and due before today. */
export function isOverdue(action: Pick<ActionItem, 'done' | 'due'>, today: string): boolean {
  return !action.done && action.due !== null && action.due < today;
}

/** By due date (undated last), then when they were recorded. */
export function byDue(a: Pick<ActionItem, 'due' | 'at' | 'id'>, b: Pick<ActionItem, 'due' | 'at' | 'id'>): number {
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function withMeeting(meeting: Meeting, action: ActionItem): MeetingAction {
  return { ...action, meetingId: meeting.id, meetingTitle: meeting.title, meetingDate: meeting.date };
}

/** Every action not done yet, across meetings, soonest due first. */
export function openActions(meetings: readonly Meeting[]): MeetingAction[] {
  return meetings.flatMap((m) => m.actions.filter((a) => !a.done).map((a) => withMeeting(m, a))).sort(byDue);
}

/** The actions overdue on `today`, across meetings, most overdue first. */
export function overdueActions(meetings: readonly Meeting[], today: string): MeetingAction[] {
  return openActions(meetings).filter((a) => isOverdue(a, today));
}

export interface PersonActions {
  /** A user id, or null for actions nobody owns yet. */
  owner: string | null;
  actions: MeetingAction[];
  overdue: number;
}

/**
 * The open actions of each person, soonest due first; people with overdue actions first, then most
 * open actions, then the owner id (stable). Unowned actions come last, under owner null.
 */
export function openActionsByOwner(meetings: readonly Meeting[], today: string): PersonActions[] {
  const groups = new Map<string | null, MeetingAction[]>();
  for (const action of openActions(meetings)) {
    const list = groups.get(action.owner) ?? [];
    list.push(action);
    groups.set(action.owner, list);
  }
  return [...groups]
    .map(([owner, actions]) => ({ owner, actions, overdue: actions.filter((a) => isOverdue(a, today)).length }))
    .sort(
      (a, b) =>
        Number(a.owner === null) - Number(b.owner === null) ||
        Number(b.overdue > 0) - Number(a.overdue > 0) ||
        b.actions.length - a.actions.length ||
        ((a.owner ?? '') < (b.owner ?? '') ? -1 : 1),
    );
}

/** Whether `other` took place before `meeting`: ended before it started, or dated earlier. */
function isEarlier(other: Meeting, meeting: Meeting): boolean {
  if (other.id === meeting.id) return false;
  if (other.date !== meeting.date) return other.date < meeting.date;
  return other.endedAt !== null && (meeting.startedAt === null || other.endedAt <= meeting.startedAt);
}

/** The open actions of the meetings before `meeting` (shown at the top of it), soonest due first. */
export function earlierOpenActions(meetings: readonly Meeting[], meeting: Meeting): MeetingAction[] {
  return openActions(meetings.filter((m) => isEarlier(m, meeting)));
}

/** The last meeting held before `meeting` (ended, the latest end first), or null. */
export function previousMeeting(meetings: readonly Meeting[], meeting: Meeting): Meeting | null {
  const held = meetings.filter((m) => m.endedAt !== null && isEarlier(m, meeting));
  held.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.endedAt! < b.endedAt! ? 1 : a.endedAt! > b.endedAt! ? -1 : a.id < b.id ? -1 : 1));
  return held[0] ?? null;
}

export interface MeetingGroups {
  live: Meeting[];
  /** Soonest first. */
  upcoming: Meeting[];
  /** Latest first: ended meetings, and planned ones whose date has passed. */
  past: Meeting[];
}

/** The meetings list's sections on `today`. */
export function groupMeetings(meetings: readonly Meeting[], today: string): MeetingGroups {
  const groups: MeetingGroups = { live: [], upcoming: [], past: [] };
  for (const m of meetings) {
    const phase = meetingPhase(m);
    if (phase === 'live') groups.live.push(m);
    else if (phase === 'planned' && m.date >= today) groups.upcoming.push(m);
    else groups.past.push(m);
  }
  const asc = (a: Meeting, b: Meeting) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  groups.live.sort(asc);
  groups.upcoming.sort(asc);
  groups.past.sort((a, b) => -asc(a, b));
  return groups;
}
