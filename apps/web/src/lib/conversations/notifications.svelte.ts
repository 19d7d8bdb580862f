import type { NotificationView } from '@troika/model';
import { api, data } from '$lib/api';
import { showError } from '$lib/show-error';

/** How many times one `load` reads while live changes keep overtaking its answers. */
const MAX_READS = 4;

/**
 * The signed-in person's inbox: loaded from `GET /api/notifications` (what came while the page was
 * closed), then kept live by the Server-Sent Events stream (EventSource reconnects by itself, sending
 * Last-Event-ID, so nothing is missed across a short drop).
 */
class Inbox {
  items = $state<NotificationView[]>([]);
  unread = $state(0);
  /** Unread per workspace id, counted by the server (beyond the page of items loaded here). */
  unreadByWorkspace = $state<Record<string, number>>({});
  loaded = $state(false);
  private source: EventSource | null = null;
  private users = 0;
  /** Reads started, and changes made here since the page opened (see `load`). */
  private loads = 0;
  private changes = 0;

  /** Starts (or shares) the inbox; returns how to stop it. */
  start(): () => void {
    this.users++;
    if (this.users === 1) {
      void this.load();
      this.source = new EventSource('/api/notifications/stream');
      this.source.addEventListener('notification', (event) => this.add(JSON.parse((event as MessageEvent<string>).data) as NotificationView));
      // After a reconnect the list may have missed more than the stream replays: reload it.
      this.source.addEventListener('open', () => {
        if (this.loaded) void this.load();
      });
    }
    return () => {
      this.users--;
      if (this.users > 0) return;
      this.source?.close();
      this.source = null;
    };
  }

  /**
   * Reads the inbox from the server. An answer is what the server held when it read: a notification
   * streamed in, or one marked read here, while it was on its way would be undone by it, so such an
   * answer is dropped and the inbox read again; and only the newest read in flight applies.
   */
  async load(): Promise<void> {
    const attempt = ++this.loads;
    for (let tries = 0; tries < MAX_READS; tries++) {
      const changesBefore = this.changes;
      let answer;
      try {
        answer = await data(api.notifications.$get({ query: { limit: '50' } }));
      } catch (error) {
        if (attempt === this.loads) showError(error);
        return;
      }
      if (attempt !== this.loads) return;
      if (this.changes !== changesBefore && tries < MAX_READS - 1) continue;
      this.items = answer.notifications as NotificationView[];
      this.unread = answer.unread;
      this.unreadByWorkspace = answer.unreadByWorkspace;
      this.loaded = true;
      return;
    }
  }

  private add(item: NotificationView): void {
    if (this.items.some((n) => n.id === item.id)) return;
    this.changes++;
    this.items = [item, ...this.items];
    if (!item.read) this.count(item.workspaceId, 1);
  }

  private count(workspaceId: string, delta: number): void {
    this.unread = Math.max(0, this.unread + delta);
    this.unreadByWorkspace = { ...this.unreadByWorkspace, [workspaceId]: Math.max(0, (this.unreadByWorkspace[workspaceId] ?? 0) + delta) };
  }

  /** Unread ones of one workspace (for its navigation's bell and the workspaces list). */
  unreadIn(workspaceId: string): number {
    return this.unreadByWorkspace[workspaceId] ?? 0;
  }

  async markRead(ids: string[]): Promise<void> {
    const fresh = this.items.filter((n) => ids.includes(n.id) && !n.read);
    if (fresh.length === 0) return;
    this.changes++;
    this.items = this.items.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n));
    for (const n of fresh) this.count(n.workspaceId, -1);
    try {
      await data(api.notifications.read.$post({ json: { ids: fresh.map((n) => n.id) } }));
      // A read that reached the server before this did is out of date too.
      this.changes++;
    } catch (error) {
      showError(error);
      void this.load();
    }
  }

  async markAllRead(): Promise<void> {
    this.changes++;
    this.items = this.items.map((n) => ({ ...n, read: true }));
    this.unread = 0;
    this.unreadByWorkspace = {};
    try {
      await data(api.notifications.read.$post({ json: { all: true } }));
      this.changes++;
    } catch (error) {
      showError(error);
      void this.load();
    }
  }
}

export const inbox = new Inbox();
