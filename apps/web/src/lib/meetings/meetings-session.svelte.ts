import { meetingsOf, readMeetings, type Meeting } from '@troika/model';
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/doc-connection.svelte';
import { DocSession, type EditAccess } from '$lib/sync/doc-session.svelte';
import { Observed } from '$lib/sync/observed.svelte';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';

/** The origin of writes the screen makes on its own (attendance, what the presenter shows, timers): not undoable. */
const AUTOMATIC = Symbol('meeting automatic write');

/**
 * One person's live session on a workspace's `meetings` document: the meetings read from the
 * workspace's meetings connection, who else is on it, and undo of their own edits. Shared by the
 * meetings screens and the live-meeting bar of the workspace (see `acquireMeetings`).
 */
export class MeetingsSession extends DocSession {
  readonly presence: Presence;
  private readonly list: Observed<Meeting[]>;

  constructor(
    connection: DocConnection,
    access: EditAccess,
    readonly me: PresenceUser,
  ) {
    super(connection, access, meetingsOf(connection.doc));
    this.list = new Observed(meetingsOf(connection.doc), () => readMeetings(this.doc));
    this.presence = new Presence(this.connection.provider.awareness, me);
  }

  /** Every meeting, newest date first. */
  get meetings(): Meeting[] {
    return this.list.value;
  }

  meeting(id: string): Meeting | null {
    return this.meetings.find((m) => m.id === id) ?? null;
  }

  /** A change the screen makes by itself (not on the undo stack): attendance, the presenter's page, timers. */
  auto(change: (doc: Y.Doc) => void): boolean {
    if (!this.editable) return false;
    return this.attempt(() => this.doc.transact(() => change(this.doc), AUTOMATIC));
  }

  override destroy(): void {
    this.presence.destroy();
    super.destroy();
  }
}

const sessions = new Map<DocConnection, { session: MeetingsSession; holders: number }>();

/**
 * The meetings session of a connection, opened on first use and shared: the meetings screens and the
 * live-meeting bar hold it together, so a tab has one presence and one undo history on the meetings.
 * Call the returned release once.
 */
export function acquireMeetings(connection: DocConnection, access: EditAccess, me: PresenceUser): { session: MeetingsSession; release: () => void } {
  let entry = sessions.get(connection);
  if (!entry) {
    entry = { session: new MeetingsSession(connection, access, me), holders: 0 };
    sessions.set(connection, entry);
  }
  entry.holders++;
  const held = entry;
  let released = false;
  return {
    session: held.session,
    release: () => {
      if (released) return;
      released = true;
      held.holders--;
      if (held.holders === 0 && sessions.get(connection) === held) {
        sessions.delete(connection);
        held.session.destroy();
      }
    },
  };
}
