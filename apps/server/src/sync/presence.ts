import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Presence speaks for its connection (DESIGN.md, "Sync"): the server stamps `user.id`, `user.name`
 * and `user.seat` of every awareness state a connection sends with the connection's member, takes
 * from a connection only the awareness client ids it introduced, refuses states over 8 KiB and
 * rate-limits what each connection sends. These are the pure parts; the engine applies them.
 */

/** The largest awareness state (its JSON, in bytes) the server passes on. */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

/** Awareness messages a connection may send: a steady rate with a burst; beyond it, only the latest state waits. */
export const AWARENESS_RATE = { perSecond: 30, burst: 60 } as const;

/** Who a connection's presence says it is. */
export interface PresenceIdentity {
  id: string;
  name: string;
  seat: string | null;
}

/** One client's entry of an awareness update: its state as JSON (`null` when it left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/** Reads an awareness update (y-protocols/awareness's encoding); throws when it does not decode. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    entries.push({ clientId, clock, json });
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes after awareness update');
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.json);
  }
  return encoding.toUint8Array(e);
}

/** The JSON's size in bytes (UTF-8), without allocating a buffer. */
export function jsonBytes(json: string): number {
  return Buffer.byteLength(json, 'utf8');
}

/**
 * The state with `user.id`, `user.name` and `user.seat` set from the connection's member (other
 * `user` fields, such as a colour, are kept). Throws when the JSON does not parse or is not an
 * object or null.
 */
export function stampState(json: string, identity: PresenceIdentity): string {
  const state: unknown = JSON.parse(json);
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('an awareness state must be an object or null');
  const record = state as Record<string, unknown>;
  const user = record.user && typeof record.user === 'object' && !Array.isArray(record.user) ? (record.user as Record<string, unknown>) : {};
  return JSON.stringify({ ...record, user: { ...user, id: identity.id, name: identity.name, seat: identity.seat } });
}

/** A token bucket: `take()` is true while the connection is within its rate. */
export class RateBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token. */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
  }
}
