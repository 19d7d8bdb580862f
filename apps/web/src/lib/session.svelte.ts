import type { User, WorkspaceSummary } from '@troika/model';
import { api, ApiError, data, probe } from './api';

/**
 * Who is signed in and which workspaces they belong to, shared by every screen. Loaded once from
 * `GET /api/me`; sign-in, sign-up and sign-out update it without a reload.
 */
class Session {
  user = $state<User | null>(null);
  workspaces = $state<WorkspaceSummary[]>([]);
  /** True once the first `GET /me` answered (either way). */
  known = $state(false);
  private loading: Promise<User | null> | null = null;

  /** The signed-in person, asking the server only the first time. */
  ensure(): Promise<User | null> {
    if (this.known) return Promise.resolve(this.user);
    this.loading ??= this.refresh().finally(() => (this.loading = null));
    return this.loading;
  }

  /** Reloads the person and their workspaces; a 401 means signed out, other errors are thrown. */
  async refresh(): Promise<User | null> {
    try {
      const me = await data(probe.me.$get());
      this.user = me.user;
      this.workspaces = me.workspaces;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      this.clear();
    }
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
