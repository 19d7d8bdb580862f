import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '$lib/sync/presence.svelte';

/** Someone else on this journey's map. */
export interface MapPeer {
  clientId: number;
  user: PresenceUser;
}

export interface CursorPoint {
  x: number;
  y: number;
}

/** Cursor positions go out at most this often (20 per second), however fast the pointer moves. */
export const CURSOR_INTERVAL_MS = 50;

interface MapState {
  user?: PresenceUser;
  journey?: string;
  cursor?: CursorPoint | null;
}

/**
 * Who is on a journey's map, and their cursors. The list of people is reactive but changes only
 * when someone arrives, leaves or changes name or seat; cursor moves do not touch it. The cursor
 * layer reads positions with `cursorOf` when `onMove` tells it something moved, and draws them itself.
 */
export class MapPresence {
  peers = $state.raw<MapPeer[]>([]);
  private signature = '';
  private readonly listeners = new Set<() => void>();
  private pending: CursorPoint | null | undefined;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;
  private readonly onChange = () => {
    this.refresh();
    for (const listener of this.listeners) listener();
  };

  constructor(
    private readonly awareness: Awareness,
    readonly me: PresenceUser,
    readonly journeyId: string,
  ) {
    awareness.setLocalStateField('user', me);
    awareness.setLocalStateField('journey', journeyId);
    awareness.setLocalStateField('cursor', null);
    awareness.on('change', this.onChange);
    this.refresh();
  }

  /** Shares this person's cursor (canvas coordinates), throttled to CURSOR_INTERVAL_MS; null hides it. */
  moveCursor(point: CursorPoint | null): void {
    this.pending = point ? { x: Math.round(point.x), y: Math.round(point.y) } : null;
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + CURSOR_INTERVAL_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastSent = performance.now();
      if (this.pending !== undefined) this.awareness.setLocalStateField('cursor', this.pending);
      this.pending = undefined;
    }, wait);
  }

  /** A peer's cursor on this map, or null. */
  cursorOf(clientId: number): CursorPoint | null {
    const state = this.awareness.getStates().get(clientId) as MapState | undefined;
    const cursor = state?.journey === this.journeyId ? state.cursor : null;
    return cursor && Number.isFinite(cursor.x) && Number.isFinite(cursor.y) ? cursor : null;
  }

  /** Calls `listener` after any presence change (a cursor moved, someone came or went); returns the unsubscribe. */
  onMove(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private refresh(): void {
    const peers: MapPeer[] = [];
    for (const [clientId, raw] of this.awareness.getStates()) {
      const state = raw as MapState;
      // This person's other tabs are not "someone else" (as in the workspace's presence).
      if (clientId === this.awareness.clientID || state.journey !== this.journeyId || !state.user?.id || state.user.id === this.me.id) continue;
      peers.push({ clientId, user: state.user });
    }
    peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
    const signature = peers.map((p) => `${p.clientId}:${p.user.id}:${p.user.name}:${p.user.seat}:${p.user.color}`).join('|');
    if (signature === this.signature) return;
    this.signature = signature;
    this.peers = peers;
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.off('change', this.onChange);
    this.listeners.clear();
    this.awareness.setLocalStateField('journey', null);
    this.awareness.setLocalStateField('cursor', null);
  }
}
