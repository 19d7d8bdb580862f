import { describe, expect, it } from 'vitest';
import { byOrder, keyAfterAll, keyAt, usableKey } from './order-keys';

describe('order keys', () => {
  it('puts a key between its new neighbours', () => {
    const others = [{ order: 'a0' }, { order: 'a1' }];
    const key = keyAt(others, 1);
    expect(key > 'a0' && key < 'a1').toBe(true);
  });

  it('goes past tied neighbours instead of failing', () => {
    const others = [{ order: 'a0' }, { order: 'a0' }, { order: 'a2' }];
    const key = keyAt(others, 1);
    expect(key > 'a0' && key < 'a2').toBe(true);
  });

  it('ignores junk keys as neighbours and when appending', () => {
    expect(usableKey('not a key!')).toBeNull();
    expect(usableKey('')).toBeNull();
    expect(keyAfterAll([{ order: 'a3' }, { order: '!!' }, { order: 'a1' }]) > 'a3').toBe(true);
  });

  it('breaks ties by id, the same on every replica', () => {
    const items = [
      { id: 'b', order: 'a0' },
      { id: 'a', order: 'a0' },
      { id: 'c', order: 'Zz' },
    ];
    expect([...items].sort(byOrder).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });
});
