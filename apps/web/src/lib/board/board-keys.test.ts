import { describe, expect, it } from 'vitest';
import { BoardKeys } from './board-keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('BoardKeys', () => {
  it('maps single letters on the page', () => {
    const keys = new BoardKeys();
    expect(keys.action(key('n'), 'page', 0)).toBe('new');
    expect(keys.action(key('i'), 'page', 10)).toBe('import');
    expect(keys.action(key('j'), 'page', 20)).toBe('next');
    expect(keys.action(key('N', { shiftKey: true }), 'page', 30)).toBeNull();
    expect(keys.action(key('x'), 'page', 40)).toBeNull();
  });
  it('leaves the second key of a workspace sequence alone (g j goes to journeys)', () => {
    const keys = new BoardKeys();
    expect(keys.action(key('g'), 'page', 0)).toBeNull();
    expect(keys.action(key('j'), 'page', 100)).toBeNull();
    expect(keys.action(key('j'), 'page', 200)).toBe('next');
    expect(keys.action(key('g'), 'page', 300)).toBeNull();
    expect(keys.action(key('k'), 'page', 5000)).toBe('previous');
  });
  it('leaves letters to fields', () => {
    const keys = new BoardKeys();
    expect(keys.action(key('n'), 'field', 0)).toBeNull();
    expect(keys.action(key('n'), 'collab', 0)).toBeNull();
  });
  it('undoes and redoes with Ctrl or Cmd, Shift for redo, Ctrl+Y too', () => {
    const keys = new BoardKeys();
    expect(keys.action(key('z', { ctrlKey: true }), 'page', 0)).toBe('undo');
    expect(keys.action(key('z', { metaKey: true }), 'page', 0)).toBe('undo');
    expect(keys.action(key('Z', { metaKey: true, shiftKey: true }), 'page', 0)).toBe('redo');
    expect(keys.action(key('y', { ctrlKey: true }), 'page', 0)).toBe('redo');
  });
  it("uses the board's undo in a collaborative text but the browser's in other fields", () => {
    const keys = new BoardKeys();
    expect(keys.action(key('z', { ctrlKey: true }), 'collab', 0)).toBe('undo');
    expect(keys.action(key('z', { ctrlKey: true }), 'field', 0)).toBeNull();
  });
  it('closes on Escape from anywhere and moves with Alt+arrows on the page only', () => {
    const keys = new BoardKeys();
    expect(keys.action(key('Escape'), 'field', 0)).toBe('close');
    expect(keys.action(key('ArrowUp', { altKey: true }), 'page', 0)).toBe('move-up');
    expect(keys.action(key('ArrowDown', { altKey: true }), 'page', 0)).toBe('move-down');
    expect(keys.action(key('ArrowDown', { altKey: true }), 'field', 0)).toBeNull();
    expect(keys.action(key('ArrowDown'), 'page', 0)).toBeNull();
  });
});
