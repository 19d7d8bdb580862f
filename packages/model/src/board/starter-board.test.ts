import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from './board-doc';
import { findOrphans } from './orphans';
import { sharedRatio } from './shared-ratio';
import { seedStarterBoard } from './starter-board';

describe('seedStarterBoard', () => {
  it('gives a board of shared KPIs with every output tied to an outcome', () => {
    const doc = new Y.Doc();
    seedStarterBoard(doc);
    const board = readBoard(doc);
    expect(board.map((k) => k.name)).toContain('Customers affected by outages');
    expect(board.length).toBeGreaterThanOrEqual(5);
    expect(findOrphans(board)).toEqual({ outputs: [], outcomes: [] });
    expect(sharedRatio(board).verdict).not.toBe('mostly-separate');
    expect(board.every((k) => k.values.length === 0)).toBe(true);
  });
});
