import { groupMeetings, minutesMarkdown, readMeetings, summariseMeeting, type MeetingSummary } from '@troika/model';
import type * as Y from 'yjs';

/** The meetings in a workspace export: live, then upcoming (soonest first), then past (latest first). */
function ordered(doc: Y.Doc, today: string) {
  const { live, upcoming, past } = groupMeetings(readMeetings(doc), today);
  return [...live, ...upcoming, ...past];
}

/** Every meeting as plain data with names resolved; an ended one carries its minutes (the KPIs as they stood). */
export function exportMeetings(doc: Y.Doc, people: ReadonlyMap<string, string>, at: Date): MeetingSummary[] {
  const today = at.toISOString().slice(0, 10);
  return ordered(doc, today).map((m) => summariseMeeting(m, { people, today, nowMs: at.getTime() }));
}

/** The `## Meetings` section of the workspace's Markdown: each meeting's minutes (or agenda so far), times and days in `timeZone`. */
export function meetingsMarkdown(doc: Y.Doc, people: ReadonlyMap<string, string>, at: Date, timeZone = 'UTC'): string {
  const today = at.toISOString().slice(0, 10);
  const meetings = ordered(doc, today);
  const lines = ['## Meetings', ''];
  if (meetings.length === 0) lines.push('No meetings yet.', '');
  for (const m of meetings) lines.push(minutesMarkdown(m, { people, today, timeZone, nowMs: at.getTime() }, 3));
  return lines.join('\n');
}
