import type { Seat } from '@troika/model';
import type { Awareness } from 'y-protocols/awareness';

/** What each person announces about themselves on a document (DESIGN.md: awareness carries `user`). */
export interface PresenceUser {
  id: string;
  name: string;
  seat: Seat | null;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  /** Whatever the screen shares: the KPI open, a cursor position, the current view. */
  state: Record<string, unknown>;
}

// Seat colours lead; people in the same seat are told apart by shade.
const SEAT_HUES: Record<Seat, number> = { cio: 217, cmo: 330, business: 152, it: 199, marketing: 28 };

/** A stable colour for a person: their seat's hue, shaded by their id. */
export function colorFor(id: string, seat: Seat | null): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = seat ? SEAT_HUES[seat] : hash % 360;
  return `hsl(${hue} 70% ${38 + (hash % 4) * 6}%)`;
}

/**
 * Who else is on a document right now, as a reactive list (one entry per person, however many tabs
 * they have open), and this tab's own shared state.
 */
export class Presence {
  peers = $state<Peer[]>([]);
  private readonly onChange = () => this.refresh();

  constructor(
    private readonly awareness: Awareness,
    readonly me: PresenceUser,
  ) {
    awareness.setLocalStateField('user', me);
    awareness.on('change', this.onChange);
    this.refresh();
  }

  /** Shares part of this tab's state (e.g. `{ kpi: id }` or `{ cursor: {x, y} }`). */
  set(field: string, value: unknown): void {
    this.awareness.setLocalStateField(field, value);
  }

  private refresh(): void {
    const seen = new Set<string>();
    const peers: Peer[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const user = (state as { user?: PresenceUser }).user;
      if (!user?.id || seen.has(user.id) || user.id === this.me.id) continue;
      seen.add(user.id);
      peers.push({ clientId, user, state: state as Record<string, unknown> });
    }
    this.peers = peers.sort((a, b) => a.user.name.localeCompare(b.user.name));
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.awareness.setLocalState(null);
  }
}
