import type { Member } from '@troika/model';
import { createContext } from 'svelte';
import type { MeetingsSession } from './meetings-session.svelte';

export const [getMeetingsSession, setMeetingsSession] = createContext<MeetingsSession>();

/** The workspace's members by user id, and a name for anyone (former members and API tokens too). */
export class People {
  readonly byId: ReadonlyMap<string, Member>;

  constructor(readonly members: readonly Member[]) {
    this.byId = new Map(members.map((m) => [m.userId, m]));
  }

  name(id: string | null | undefined, fallback = 'A former member'): string {
    if (!id) return 'Nobody';
    return this.byId.get(id)?.name || fallback;
  }

  /** Member id -> name, as the model's minutes take it. */
  get names(): ReadonlyMap<string, string> {
    return new Map(this.members.map((m) => [m.userId, m.name]));
  }

  /** Members sorted by name, for owner pickers. */
  get sorted(): Member[] {
    return [...this.members].sort((a, b) => a.name.localeCompare(b.name));
  }
}
