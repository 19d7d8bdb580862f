import { describe, expect, it } from 'vitest';
import type { Seat } from '../roles';
import { sharedRatio } from './shared-ratio';

const k = (...owners: Seat[]) => ({ owners });

describe('sharedRatio', () => {
  it('says so when the board is empty', () => {
    expect(sharedRatio([])).toEqual({ shared: 0, total: 0, ratio: 0, verdict: 'empty' });
  });
  it('counts KPIs with two or more seats as shared', () => {
    const r = sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo', 'business', 'it'), k()]);
    expect(r).toMatchObject({ shared: 2, total: 4, ratio: 0.5, verdict: 'in-band' });
  });
  it('calls less than a third mostly separate scorecards', () => {
    expect(sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo'), k('it')]).verdict).toBe('mostly-separate');
  });
  it('includes the band edges and flags more than half', () => {
    expect(sharedRatio([k('cio', 'cmo'), k('cio'), k('cmo')]).verdict).toBe('in-band');
    expect(sharedRatio([k('cio', 'cmo'), k('cio', 'business'), k('cmo')]).verdict).toBe('mostly-shared');
  });
  it('does not count one seat listed twice as shared', () => {
    expect(sharedRatio([k('cio', 'cio')]).shared).toBe(0);
  });
});
