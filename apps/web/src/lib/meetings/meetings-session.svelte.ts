import { MeetingEntryMissing, meetingsOf, readMeetings, type Meeting } from '@troika/model';
import type * as Y from 'yjs';
import { showError } from '$lib/show-error';
import { DocConnection } from '$lib/sync/doc-connection.svelte';
import { Observed } from '$lib/sync/observed.svelte';
import { Presence, type PresenceUser } from '$lib/sync/presence.svelte';
import { Undo } from '$lib/sync/undo.svelte';
import { toasts } from '$lib/toasts.svelte';

/** The origin of writes the screen makes on its own (attendance, what the presenter shows, timers): not undoable. */
const AUTOMATIC = Symbol('meeting automatic write');

/**
 * One person's live session on a workspace's `meetings` document: the synced document, the meetings
 * read from it, who else is on it, and undo of their own edits. Shared by the meetings screens and
 * the live-meeting bar of the workspace (see `acquireMeetings`).
 */
export class MeetingsSession {
  readonly connection: DocConnection;
  readonly presence: Presence;
  readonly undo: Undo;
  /** Whether this person may change meetings (viewers may not); set by the screen from their role. */
  editable = $state(false);
  private readonly list: Observed<Meeting[]>;

  constructor(
    readonly workspaceId: string,
    readonly me: PresenceUser,
  ) {
    this.connection = new DocConnection(workspaceId, 'meetings');
    const root = meetingsOf(this.connection.doc);
    this.list = new Observed(root, () => readMeetings(this.doc));
    this.undo = new Undo(root);
    this.presence = new Presence(this.connection.provider.awareness, me);
  }

  get doc(): Y.Doc {
    return this.connection.doc;
  }

  /** Every meeting, newest date first. */
  get meetings(): Meeting[] {
    return this.list.value;
  }

  meeting(id: string): Meeting | null {
    return this.meetings.find((m) => m.id === id) ?? null;
  }

  /**
   * Applies one change of this person's as its own undo step. Returns false (and says why) when it
   * cannot be made: a viewer, or something someone else deleted a moment ago.
   */
  edit(change: (doc: Y.Doc) => void): boolean {
    if (!this.editable) return false;
    this.undo.manager.stopCapturing();
    return this.apply(() => change(this.doc));
  }

  /** A change the screen makes by itself (not on the undo stack): attendance, the presenter's page, timers. */
  auto(change: (doc: Y.Doc) => void): boolean {
    if (!this.editable) return false;
    return this.apply(() => this.doc.transact(() => change(this.doc), AUTOMATIC));
  }

  private apply(run: () => void): boolean {
    try {
      run();
      return true;
    } catch (error) {
      if (error instanceof MeetingEntryMissing) toasts.show('error', 'Someone deleted this a moment ago; your change was not made.');
      else showError(error);
      return false;
    }
  }

  destroy(): void {
    this.presence.destroy();
    this.undo.destroy();
    this.connection.destroy();
  }
}

const sessions = new Map<string, { session: MeetingsSession; holders: number }>();

/**
 * The meetings session of a workspace, opened on first use and shared: the meetings screens and the
 * live-meeting bar hold it together, so a tab keeps one connection. Call the returned release once.
 */
export function acquireMeetings(workspaceId: string, me: PresenceUser): { session: MeetingsSession; release: () => void } {
  let entry = sessions.get(workspaceId);
  if (!entry) {
    entry = { session: new MeetingsSession(workspaceId, me), holders: 0 };
    sessions.set(workspaceId, entry);
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
      if (held.holders === 0 && sessions.get(workspaceId) === held) {
        sessions.delete(workspaceId);
        held.session.destroy();
      }
    },
  };
}
