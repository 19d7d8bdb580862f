import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseTarget, targetExists, targetTitle } from './targets';

function nested(root: string, parentId: string, collection: string, id: string, fields: Record<string, unknown>) {
  const doc = new Y.Doc();
  const parent = new Y.Map<unknown>();
  const coll = new Y.Map<unknown>();
  const entry = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) entry.set(k, v);
  coll.set(id, entry);
  parent.set(collection, coll);
  doc.getMap(root).set(parentId, parent);
  return doc;
}

describe('targets', () => {
  it('parses kind:id and refuses anything else', () => {
    expect(parseTarget('kpi:abc123')).toEqual({ kind: 'kpi', id: 'abc123' });
    expect(parseTarget('agendaItem:x_1')).toEqual({ kind: 'agendaItem', id: 'x_1' });
    expect(parseTarget('board:abc')).toBeNull();
    expect(parseTarget('kpi:')).toBeNull();
    expect(parseTarget('kpi')).toBeNull();
    expect(parseTarget('kpi:a/b')).toBeNull();
  });

  it('finds KPIs, terms, journeys and meetings at the root', () => {
    const doc = new Y.Doc();
    const kpi = new Y.Map<unknown>();
    kpi.set('name', 'Churn  rate');
    doc.getMap('kpis').set('k1', kpi);
    expect(targetExists(doc, { kind: 'kpi', id: 'k1' })).toBe(true);
    expect(targetExists(doc, { kind: 'kpi', id: 'k2' })).toBe(false);
    expect(targetTitle(doc, { kind: 'kpi', id: 'k1' })).toBe('Churn rate');
  });

  it('hides a merged glossary duplicate', () => {
    const doc = new Y.Doc();
    const term = new Y.Map<unknown>();
    term.set('term', 'ARR');
    doc.getMap('terms').set('t1', term);
    expect(targetExists(doc, { kind: 'term', id: 't1' })).toBe(true);
    term.set('mergedInto', 't2');
    expect(targetExists(doc, { kind: 'term', id: 't1' })).toBe(false);
  });

  it('finds pain points, notes and agenda items inside their journey or meeting', () => {
    const pain = nested('journeys', 'j1', 'painPoints', 'p1', { title: 'Slow checkout' });
    expect(targetExists(pain, { kind: 'painPoint', id: 'p1' })).toBe(true);
    expect(targetExists(pain, { kind: 'note', id: 'p1' })).toBe(false);
    expect(targetExists(pain, { kind: 'journey', id: 'j1' })).toBe(true);
    expect(targetTitle(pain, { kind: 'painPoint', id: 'p1' })).toBe('Slow checkout');
    const note = nested('journeys', 'j1', 'notes', 'n1', { text: new Y.Text('hello\nworld') });
    expect(targetTitle(note, { kind: 'note', id: 'n1' })).toBe('hello world');
    const agenda = nested('meetings', 'm1', 'agenda', 'a1', { title: 'Budget' });
    expect(targetExists(agenda, { kind: 'agendaItem', id: 'a1' })).toBe(true);
    expect(targetExists(agenda, { kind: 'meeting', id: 'm1' })).toBe(true);
    expect(targetExists(agenda, { kind: 'agendaItem', id: 'zz' })).toBe(false);
  });
});
