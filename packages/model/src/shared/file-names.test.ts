import { describe, expect, it } from 'vitest';
import { fileSlug } from './file-names';

describe('fileSlug', () => {
  it('makes lower-case words joined by dashes, without accents or punctuation', () => {
    expect(fileSlug('Café: Q3 Review!')).toBe('cafe-q3-review');
    expect(fileSlug('  a  _ b -- c ')).toBe('a-b-c');
  });

  it('is empty when nothing usable is left, and at most 60 characters', () => {
    expect(fileSlug('¡¿!!')).toBe('');
    expect(fileSlug('x'.repeat(100))).toHaveLength(60);
  });
});
