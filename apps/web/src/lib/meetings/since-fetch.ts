import { sinceItems, type Meeting, type SinceRecord } from '@troika/model';
import { api, data } from '$lib/api';

/** The meeting versions of the workspace, for the exact bounds of the window (made at one time for every document). */
async function meetingVersions(workspaceId: string) {
  const { versions } = await data(api.workspaces[':id'].docs[':doc'].versions.$get({ param: { id: workspaceId, doc: 'meetings' }, query: { limit: '1000' } }));
  return versions.filter((v) => v.kind === 'meeting');
}

export interface SinceAnswer {
  record: SinceRecord;
  /** Whether the window is bounded by the versions made at the two events (else it starts about then, or ends now). */
  exact: boolean;
}

/**
 * "Since the last meeting" for `meeting`: what `GET /changes` says moved between `previous`'s end and
 * this meeting's start (or now, while it has not started), kept to what a meeting looks at.
 */
export async function fetchSince(workspaceId: string, meeting: Meeting, previous: Meeting | null, units: ReadonlyMap<string, string>): Promise<SinceAnswer> {
  if (!previous || !previous.endedAt) return { record: { previous: null, until: meeting.startedAt, items: [] }, exact: true };
  const versions = await meetingVersions(workspaceId);
  const end = versions.find((v) => v.meetingId === previous.id && v.event === 'end');
  const start = meeting.startedAt ? versions.find((v) => v.meetingId === meeting.id && v.event === 'start') : undefined;
  const since = end?.id ?? previous.endedAt;
  // Until the start version is made (the server makes it as it records the start), the window stays
  // open: a time would be compared with the version before it, which lacks the edits made since.
  const until = start?.id;
  const { changes } = await data(api.workspaces[':id'].changes.$get({ param: { id: workspaceId }, query: { since, ...(until ? { until } : {}) } }));
  return {
    record: { previous: { id: previous.id, title: previous.title, endedAt: previous.endedAt }, until: meeting.startedAt, items: sinceItems(changes, { meetingId: meeting.id, units }) },
    exact: end !== undefined && (!meeting.startedAt || start !== undefined),
  };
}
