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

// The seat colours of app.css (--seat-*): a person's colour says which seat they hold.
const SEAT_COLORS: Record<Seat, string> = { cio: '#2f55d4', cmo: '#b8336f', business: '#a15c07', it: '#0b7b7d', marketing: '#6d44c6' };

/** A person's colour: their seat's, or a stable grey-blue shade for API tokens and unknown seats. */
export function colorFor(id: string, seat: Seat | null): string {
  if (seat) return SEAT_COLORS[seat];
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${210 + (hash % 40)} 25% 40%)`;
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
