import type { Kpi } from '@troika/model';
import { describe, expect, it } from 'vitest';
import { changedFields, draftOf, readDraft } from './kpi-form';

const kpi: Kpi = {
  id: 'k1',
  name: 'CSAT',
  description: 'd',
  kind: 'outcome',
  category: 'customer-experience',
  owners: ['cmo', 'business'],
  unit: '%',
  direction: 'up',
  target: 85,
  values: [],
  outcomes: [],
  order: 'a0',
};

describe('KPI form', () => {
  it('reads a draft with an empty target as no target, and trims text', () => {
    const result = readDraft({ ...draftOf(null), name: '  Uptime ', unit: ' % ' });
    expect(result).toEqual({ input: expect.objectContaining({ name: 'Uptime', unit: '%', target: null }) });
  });
  it('names each field in error', () => {
    const result = readDraft({ ...draftOf(null), name: ' ', target: '1,5' });
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual(['name', 'target']);
  });
  it('starts from the KPI when editing', () => {
    expect(draftOf(kpi)).toMatchObject({ name: 'CSAT', target: '85', owners: ['cmo', 'business'] });
  });
  it('patches only the fields that changed', () => {
    const before = readDraft(draftOf(kpi));
    const after = readDraft({ ...draftOf(kpi), target: '90', owners: ['business', 'cmo'] });
    if (!('input' in before) || !('input' in after)) throw new Error('invalid');
    expect(changedFields(before.input, after.input)).toEqual({ target: 90 });
    const owners = readDraft({ ...draftOf(kpi), owners: ['cmo'] });
    if (!('input' in owners)) throw new Error('invalid');
    expect(changedFields(before.input, owners.input)).toEqual({ owners: ['cmo'] });
  });
});
