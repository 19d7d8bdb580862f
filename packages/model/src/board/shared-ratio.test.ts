import { describe, expect, it } from 'vitest';
import type { Seat } from '../roles';
import { sharedRatio } from './shared-ratio';

const k = (...owners: Seat[]) => ({ owners });

describe('sharedRatio', () => {
  it('says so when the board is empty', () => {
    expect(sharedRatio([])).toEqual({ shared: 0, total: 0, ratio: 0, verdict: 'empty', bySides: [], withinOneSide: 0 });
  });
  it('counts KPIs whose owners span two or more troika sides as shared', () => {
    const r = sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo', 'business', 'it'), k()]);
    expect(r).toMatchObject({ shared: 2, total: 4, ratio: 0.5, verdict: 'in-band' });
  });
  it('does not count a leader with their own team as shared', () => {
    const r = sharedRatio([k('cio', 'it'), k('cmo', 'marketing'), k('it', 'cio', 'it')]);
    expect(r).toMatchObject({ shared: 0, total: 3, ratio: 0, verdict: 'mostly-separate', withinOneSide: 3 });
  });
  it('counts the teams for their side: the IT team with the marketing team spans two sides', () => {
    expect(sharedRatio([k('it', 'marketing'), k('marketing', 'business')]).shared).toBe(2);
  });
  it('judges the board of the report right: 3 of 6 cross sides, not 5 of 6', () => {
    const board = [k('cio', 'it'), k('cmo', 'marketing'), k('cio', 'business'), k('cmo', 'business'), k('cio', 'cmo', 'business'), k('business')];
    const r = sharedRatio(board);
    expect(r).toMatchObject({ shared: 3, total: 6, ratio: 0.5, verdict: 'in-band', withinOneSide: 2 });
  });
  it('says which sides the shared KPIs span, most first', () => {
    const r = sharedRatio([k('cio', 'business'), k('it', 'business'), k('cmo', 'business'), k('cio', 'cmo', 'business'), k('cio', 'cmo')]);
    expect(r.bySides).toEqual([
      { sides: ['technology', 'business'], count: 2 },
      { sides: ['technology', 'marketing'], count: 1 },
      { sides: ['marketing', 'business'], count: 1 },
      { sides: ['technology', 'marketing', 'business'], count: 1 },
    ]);
  });
  it('calls less than a third mostly separate scorecards', () => {
    expect(sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo'), k('it')]).verdict).toBe('mostly-separate');
  });
  it('includes the band edges and flags more than half', () => {
    expect(sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo')]).verdict).toBe('in-band');
    expect(sharedRatio([k('cio', 'cmo'), k('cio', 'business'), k('cmo')]).verdict).toBe('mostly-shared');
  });
  it('does not count one seat listed twice as shared', () => {
    expect(sharedRatio([k('cio', 'cio')])).toMatchObject({ shared: 0, withinOneSide: 0 });
  });
});
