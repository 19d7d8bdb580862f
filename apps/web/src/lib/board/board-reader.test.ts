import { createKpi, deleteKpi, kpisOf, linkOutcome, moveKpi, readBoard, setValue, updateKpi, type KpiInput } from '@troika/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardReader } from './board-reader';

const input = (name: string, kind: KpiInput['kind'] = 'output'): KpiInput => ({
  name,
  kind,
  category: 'other',
  owners: ['cio'],
  unit: '%',
  direction: 'up',
  target: 1,
});

function setup() {
  const doc = new Y.Doc();
  const reader = new BoardReader(doc);
  kpisOf(doc).observeDeep((events) => reader.note(events));
  return { doc, reader };
}

describe('BoardReader', () => {
  it('reads the same board as readBoard through any sequence of edits, local or remote', () => {
    const { doc, reader } = setup();
    const remote = new Y.Doc();
    const a = createKpi(doc, input('A'));
    const b = createKpi(doc, input('B', 'outcome'));
    expect(reader.read()).toEqual(readBoard(doc));
    setValue(doc, a, { at: '2025-01-01', value: 1 });
    linkOutcome(doc, a, b);
    (kpisOf(doc).get(a)!.get('description') as Y.Text).insert(0, 'typed');
    expect(reader.read()).toEqual(readBoard(doc));
    moveKpi(doc, b, 0);
    expect(reader.read().map((k) => k.id)).toEqual([b, a]);
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    updateKpi(remote, a, { name: 'A2' });
    const c = createKpi(remote, input('C'));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(reader.read()).toEqual(readBoard(doc));
    deleteKpi(doc, b);
    expect(reader.read()).toEqual(readBoard(doc));
    expect(reader.read().map((k) => k.id)).toEqual([a, c]);
  });

  it('reads only the KPI a change touched and keeps the others as they were', () => {
    const { doc, reader } = setup();
    const a = createKpi(doc, input('A'));
    createKpi(doc, input('B'));
    const before = reader.read();
    (kpisOf(doc).get(a)!.get('description') as Y.Text).insert(0, 'x');
    const after = reader.read();
    expect(after[0]!.description).toBe('x');
    expect(after[0]!.values).toBe(before[0]!.values);
    expect(after[1]).toBe(before[1]);
  });

  it('returns the same array when nothing changed', () => {
    const { doc, reader } = setup();
    createKpi(doc, input('A'));
    const first = reader.read();
    expect(reader.read()).toBe(first);
  });
});
