import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CURSOR_INTERVAL_MS, MapPresence } from './map-presence.svelte';

const user = (id: string, name: string) => ({ id, name, seat: 'cmo' as const, color: '#b8336f' });

/** Another tab: its own awareness, whose state we copy into ours as the provider would. */
function peer(into: Awareness, state: Record<string, unknown>) {
  const other = new Awareness(new Y.Doc());
  other.setLocalState(state);
  applyAwarenessUpdate(into, encodeAwarenessUpdate(other, [other.clientID]), 'remote');
  return other;
}

describe('map presence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists the other people on this journey only, not those on another map nor my other tabs', () => {
    const awareness = new Awareness(new Y.Doc());
    const presence = new MapPresence(awareness, user('me', 'Ada'), 'j1');
    const bea = peer(awareness, { user: user('bea', 'Bea'), journey: 'j1', cursor: { x: 10, y: 20 } });
    peer(awareness, { user: user('cem', 'Cem'), journey: 'j2' });
    peer(awareness, { user: user('me', 'Ada'), journey: 'j1' });
    expect(presence.peers.map((p) => p.user.name)).toEqual(['Bea']);
    expect(presence.cursorOf(bea.clientID)).toEqual({ x: 10, y: 20 });
    presence.destroy();
    expect(awareness.getLocalState()).toMatchObject({ journey: null, cursor: null });
  });

  it('keeps the same list while only cursors move, and tells the cursor layer', () => {
    const awareness = new Awareness(new Y.Doc());
    const presence = new MapPresence(awareness, user('me', 'Ada'), 'j1');
    const bea = peer(awareness, { user: user('bea', 'Bea'), journey: 'j1', cursor: { x: 0, y: 0 } });
    const before = presence.peers;
    let moves = 0;
    presence.onMove(() => moves++);
    bea.setLocalStateField('cursor', { x: 5, y: 5 });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(bea, [bea.clientID]), 'remote');
    expect(presence.peers).toBe(before);
    expect(moves).toBe(1);
    expect(presence.cursorOf(bea.clientID)).toEqual({ x: 5, y: 5 });
  });

  it(`sends this person's cursor at most every ${CURSOR_INTERVAL_MS} ms, always the latest position`, () => {
    const awareness = new Awareness(new Y.Doc());
    const presence = new MapPresence(awareness, user('me', 'Ada'), 'j1');
    const sent: unknown[] = [];
    awareness.on('change', () => sent.push(awareness.getLocalState()?.cursor));
    for (let i = 0; i < 100; i++) {
      presence.moveCursor({ x: i, y: i });
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    // 100 moves over 500 ms: about 10 messages (at most one per 50 ms), the last one where the pointer stopped.
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toEqual({ x: 99, y: 99 });
    presence.moveCursor(null);
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(awareness.getLocalState()?.cursor).toBeNull();
  });
});
