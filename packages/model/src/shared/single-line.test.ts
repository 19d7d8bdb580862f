import { describe, expect, it } from 'vitest';
import { createTokenSchema, createWorkspaceSchema, signupSchema } from '../api';
import { kpiInputSchema } from '../board/types';
import { journeyInputSchema } from '../journeys/types';
import { meetingInputSchema } from '../meetings/types';
import { hasControlCharacters, singleLine } from './single-line';

describe('singleLine', () => {
  it('refuses NUL, line breaks, tabs, escape, C1 and Unicode line separators inside a name', () => {
    const schema = singleLine(100);
    for (const bad of ['Acme\u0000', 'Ac\nme', 'Ac\rme', 'Ac\tme', '\u001b[31mAcme', 'Ac\u0085me', 'Ac\u2028me', 'Ac\u007fme']) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(hasControlCharacters(bad)).toBe(true);
    }
    expect(schema.parse('  Acme — Überblick 🚀 ')).toBe('Acme — Überblick 🚀');
    // Surrounding line breaks are whitespace and trimmed away, as before.
    expect(schema.parse('\nAcme\n')).toBe('Acme');
  });

  it('is the rule of every one-line name in the API and form schemas, naming the field', () => {
    const nul = 'Evil\u0000name';
    const cases = [
      [signupSchema, { email: 'a@b.co', password: 'correct horse battery', name: nul }, 'name'],
      [createWorkspaceSchema, { name: nul }, 'name'],
      [createTokenSchema, { name: nul, role: 'viewer' }, 'name'],
      [journeyInputSchema, { title: nul, persona: '' }, 'title'],
      [meetingInputSchema, { title: nul, date: '2026-12-01' }, 'title'],
      [kpiInputSchema, { name: nul, kind: 'output', category: 'other', owners: [], unit: '', direction: 'up', target: null }, 'name'],
    ] as const;
    for (const [schema, input, field] of cases) {
      const result = schema.safeParse(input);
      expect(result.error?.issues.map((i) => i.path.join('.')), field).toEqual([field]);
    }
  });
});
