import { describe, expect, it } from 'vitest';
import { exportFileName, fileSlug } from './file-names';

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

describe('exportFileName', () => {
  it('names a workspace export after the workspace and the day', () => {
    expect(exportFileName('Acme leadership', new Date('2026-12-03T10:00:00Z'), 'json')).toBe('troika-acme-leadership-2026-12-03.json');
    expect(exportFileName('***', new Date('2026-12-03T10:00:00Z'), 'md')).toBe('troika-workspace-2026-12-03.md');
  });
});
