/** The live meeting this tab takes part in, and whether it follows the presenter. */
export interface JoinedMeeting {
  workspaceId: string;
  meetingId: string;
}

const KEY = 'troika:live-meeting';

/**
 * This tab's part in a live meeting, kept in sessionStorage so a reload stays in the meeting. Joining
 * happens on the meeting's page once it is live; from then on the workspace's live-meeting bar
 * follows the presenter across pages until the person stops following or leaves.
 */
class LiveMeeting {
  joined = $state<JoinedMeeting | null>(null);
  following = $state(true);
  /** The last paths following took this tab to (so that arriving there is not taken for wandering off). */
  followedTo: string[] = [];

  constructor() {
    try {
      const saved = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? 'null') as (JoinedMeeting & { following?: boolean }) | null;
      if (saved?.workspaceId && saved.meetingId) {
        this.joined = { workspaceId: saved.workspaceId, meetingId: saved.meetingId };
        this.following = saved.following !== false;
      }
    } catch {
      // No storage (private mode) or junk in it: start outside any meeting.
    }
  }

  /** Whether this tab is in that meeting. */
  isIn(workspaceId: string, meetingId: string): boolean {
    return this.joined?.workspaceId === workspaceId && this.joined.meetingId === meetingId;
  }

  /** Joins a live meeting, following the presenter (a meeting already joined keeps its choice). */
  join(workspaceId: string, meetingId: string): void {
    if (this.isIn(workspaceId, meetingId)) return;
    this.joined = { workspaceId, meetingId };
    this.following = true;
    this.followedTo = [];
    this.save();
  }

  /** Notes a trip following makes (the last few are kept). */
  followingTo(path: string): void {
    this.followedTo = [...this.followedTo.filter((p) => p !== path), path].slice(-5);
  }

  setFollowing(following: boolean): void {
    this.following = following;
    this.followedTo = [];
    this.save();
  }

  leave(): void {
    this.joined = null;
    this.following = true;
    this.followedTo = [];
    this.save();
  }

  private save(): void {
    try {
      if (this.joined) globalThis.sessionStorage?.setItem(KEY, JSON.stringify({ ...this.joined, following: this.following }));
      else globalThis.sessionStorage?.removeItem(KEY);
    } catch {
      // Not kept across reloads then; the meeting goes on.
    }
  }
}

export const liveMeeting = new LiveMeeting();
