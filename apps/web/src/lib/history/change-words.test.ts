import { describe, expect, it } from 'vitest';
import { fieldLabel, peopleNames, personName, restoreLine, showValue, versionTitle } from './change-words';

const members = [
  { userId: 'u1', name: 'Ada Lovelace' },
  { userId: 'u2', name: 'Bea Marketing' },
];

describe('history words', () => {
  it('names fields as people read them', () => {
    expect(fieldLabel('target')).toBe('target');
    expect(fieldLabel('it')).toBe('meaning for IT');
    expect(fieldLabel('customersAffected')).toBe('customers affected');
    expect(fieldLabel('value', '2026-11-01')).toBe('value on 2026-11-01');
  });

  it('shows values on one short line', () => {
    expect(showValue(null)).toBe('—');
    expect(showValue('')).toBe('—');
    expect(showValue([])).toBe('—');
    expect(showValue(['cio', 'cmo'])).toBe('cio, cmo');
    expect(showValue(12500)).toBe('12,500');
    expect(showValue(true)).toBe('yes');
    expect(showValue('a\n  b')).toBe('a b');
    expect(showValue('x'.repeat(200))).toHaveLength(80);
  });

  it('names people: you, members, integrations and former members', () => {
    expect(personName('u1', members, 'u2')).toBe('Ada Lovelace');
    expect(personName('u2', members, 'u2')).toBe('you');
    expect(personName('token:abc', members, 'u2')).toBe('an integration');
    expect(personName('gone', members, 'u2')).toBe('a former member');
    expect(peopleNames(['u1', 'u1'], members, null)).toBe('Ada Lovelace');
    expect(peopleNames(['u1', 'u2'], members, null)).toBe('Ada Lovelace and Bea Marketing');
    expect(peopleNames(['u1', 'u2', 'x', 'token:t'], members, null)).toBe('Ada Lovelace, Bea Marketing and 2 others');
  });

  it('titles a version by its name, else by what made it', () => {
    expect(versionTitle({ name: 'Before the Q3 review', kind: 'named' })).toBe('Before the Q3 review');
    expect(versionTitle({ name: '', kind: 'auto' })).toBe('Saved automatically');
  });
});

describe('restoreLine', () => {
  it('says what each field goes back to, and what comes or goes', () => {
    expect(restoreLine({ title: 'NPS', change: 'changed', fields: [{ field: 'target', from: 40, to: 45 }] })).toBe('NPS: target 45 → 40');
    expect(restoreLine({ title: 'NPS', change: 'changed', fields: [{ field: 'value', at: '2026-11-01', from: null, to: 42 }] })).toBe('NPS: value on 2026-11-01 42 → —');
    expect(restoreLine({ title: 'Churn', change: 'added', fields: [] })).toBe('Churn: removed (it was added since)');
    expect(restoreLine({ title: 'Churn', change: 'removed', fields: [] })).toBe('Churn: comes back');
  });
});
