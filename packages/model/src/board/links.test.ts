import { describe, expect, it } from 'vitest';
import { linkCandidates, outputsServing } from './links';
import type { Kpi } from './types';

const kpi = (id: string, kind: Kpi['kind'], outcomes: string[] = []): Kpi => ({
  id,
  name: id,
  description: '',
  kind,
  category: 'other',
  owners: [],
  unit: '',
  direction: 'up',
  target: null,
  values: [],
  outcomes,
  order: id,
});

const board = [kpi('a', 'output', ['x']), kpi('b', 'output', ['x', 'y']), kpi('c', 'output'), kpi('x', 'outcome'), kpi('y', 'outcome')];

describe('outputsServing', () => {
  it('lists the outputs that serve an outcome, in board order', () => {
    expect(outputsServing(board, 'x').map((k) => k.id)).toEqual(['a', 'b']);
    expect(outputsServing(board, 'y').map((k) => k.id)).toEqual(['b']);
  });
  it('ignores outcomes that claim to serve (links only run output -> outcome)', () => {
    expect(outputsServing([...board, kpi('z', 'outcome', ['x'])], 'x').map((k) => k.id)).toEqual(['a', 'b']);
  });
});

describe('linkCandidates', () => {
  it('offers an output the outcomes it does not serve yet', () => {
    expect(linkCandidates(board, board[0]!).map((k) => k.id)).toEqual(['y']);
    expect(linkCandidates(board, board[1]!)).toEqual([]);
  });
  it('offers an outcome the outputs that do not serve it yet', () => {
    expect(linkCandidates(board, board[4]!).map((k) => k.id)).toEqual(['a', 'c']);
  });
});
