import { describe, expect, it } from 'vitest';
import { loadGroupMode, saveGroupMode } from './group-preference';

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('group preference', () => {
  it('remembers the last choice and starts by category', () => {
    const storage = memory();
    expect(loadGroupMode(storage)).toBe('category');
    saveGroupMode('seat', storage);
    expect(loadGroupMode(storage)).toBe('seat');
  });
  it('ignores junk and storage that throws', () => {
    expect(loadGroupMode({ getItem: () => 'sideways' })).toBe('category');
    expect(loadGroupMode({ getItem: () => { throw new Error('denied'); } })).toBe('category');
    expect(() => saveGroupMode('seat', { setItem: () => { throw new Error('full'); } })).not.toThrow();
  });
});
