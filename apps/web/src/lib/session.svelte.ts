import type { User, WorkspaceSummary } from '@troika/model';
import { api, data } from './api';

/**
 * Who is signed in and which workspaces they belong to, shared by every screen. Loaded once from
 * `GET /api/session` (a 200 either way: `GET /api/me`'s 401 would be logged by the browser as a failed
 * request on every signed-out page); sign-in, sign-up and sign-out update it without a reload.
 */
class Session {
  user = $state<User | null>(null);
  workspaces = $state<WorkspaceSummary[]>([]);
  /** True once the first `GET /session` answered. */
  known = $state(false);
  private loading: Promise<User | null> | null = null;

  /** The signed-in person, asking the server only the first time. */
  ensure(): Promise<User | null> {
    if (this.known) return Promise.resolve(this.user);
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Reloads the person and their workspaces (none when signed out); errors are thrown. */
  async refresh(): Promise<User | null> {
    const me = await data(api.session.$get());
    if (me.user) {
      this.user = me.user;
      this.workspaces = me.workspaces;
    } else this.clear();
    this.known = true;
    return this.user;
  }

  /** Forgets the person locally (after sign-out or when the server says the session is gone). */
  clear(): void {
    this.user = null;
    this.workspaces = [];
    this.known = true;
  }

  async signOut(): Promise<void> {
    try {
      await data(api.auth.logout.$post());
    } finally {
      this.clear();
    }
  }
}

export const session = new Session();
