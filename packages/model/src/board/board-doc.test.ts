import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import { ReplicaNetwork, seededRandom } from '../testing/convergence';
import {
  createKpi,
  deleteKpi,
  kpisOf,
  linkOutcome,
  moveKpi,
  readBoard,
  removeValue,
  setOwners,
  setValue,
  setValues,
  unlinkOutcome,
  updateKpi,
} from './board-doc';
import { findOrphans } from './orphans';
import type { KpiInput } from './types';

const input = (name: string, over: Partial<KpiInput> = {}): KpiInput => ({
  name,
  kind: 'output',
  category: 'customer-experience',
  owners: ['cio'],
  unit: '%',
  direction: 'up',
  target: 3,
  ...over,
});

describe('board document', () => {
  it('creates KPIs in the documented shape and reads them back in order', () => {
    const doc = new Y.Doc();
    const a = createKpi(doc, input('Conversion', { description: 'Online orders / visits' }));
    const b = createKpi(doc, input('Availability', { kind: 'outcome', owners: ['cio', 'cmo'] }));
    const map = doc.getMap('kpis').get(a) as Y.Map<unknown>;
    expect(map.get('description')).toBeInstanceOf(Y.Text);
    expect(map.get('values')).toBeInstanceOf(Y.Array);
    expect(typeof map.get('order')).toBe('string');
    const board = readBoard(doc);
    expect(board.map((k) => k.id)).toEqual([a, b]);
    expect(board[0]).toMatchObject({ name: 'Conversion', description: 'Online orders / visits', values: [], outcomes: [] });
    expect(board[1]!.owners).toEqual(['cio', 'cmo']);
  });

  it('throws EntryMissing for a change to a KPI someone deleted', () => {
    const doc = new Y.Doc();
    const id = createKpi(doc, input('NPS'));
    deleteKpi(doc, id);
    expect(() => updateKpi(doc, id, { name: 'Net promoter score' })).toThrow(EntryMissing);
    expect(() => setValue(doc, id, { at: '2026-02-01', value: 30 })).toThrow(EntryMissing);
  });

  it('keeps one value per date: setting a date again corrects it; removing drops it', () => {
    const doc = new Y.Doc();
    const id = createKpi(doc, input('NPS'));
    setValue(doc, id, { at: '2026-02-01', value: 30 });
    setValue(doc, id, { at: '2026-01-01', value: 20 });
    setValue(doc, id, { at: '2026-02-01', value: 31 });
    expect(readBoard(doc)[0]!.values).toEqual([
      { at: '2026-01-01', value: 20 },
      { at: '2026-02-01', value: 31 },
    ]);
    removeValue(doc, id, '2026-01-01');
    expect(readBoard(doc)[0]!.values).toEqual([{ at: '2026-02-01', value: 31 }]);
  });

  it('records many values at once with the same one-per-date rule, the last of a date winning', () => {
    const doc = new Y.Doc();
    const id = createKpi(doc, input('NPS'));
    setValue(doc, id, { at: '2026-01-01', value: 20 });
    setValue(doc, id, { at: '2026-03-01', value: 40 });
    setValues(doc, id, [
      { at: '2026-02-01', value: 30 },
      { at: '2026-01-01', value: 21 },
      { at: '2026-02-01', value: 32 },
    ]);
    expect(readBoard(doc)[0]!.values).toEqual([
      { at: '2026-01-01', value: 21 },
      { at: '2026-02-01', value: 32 },
      { at: '2026-03-01', value: 40 },
    ]);
    expect(kpisOf(doc).get(id)!.get('values')).toHaveProperty('length', 3);
  });

  it('moves a KPI between two others', () => {
    const doc = new Y.Doc();
    const [a, b, c] = ['A', 'B', 'C'].map((n) => createKpi(doc, input(n)));
    moveKpi(doc, c!, 0);
    expect(readBoard(doc).map((k) => k.name)).toEqual(['C', 'A', 'B']);
    moveKpi(doc, c!, 1);
    expect(readBoard(doc).map((k) => k.name)).toEqual(['A', 'C', 'B']);
    moveKpi(doc, a!, 99);
    expect(readBoard(doc).map((k) => k.id)).toEqual([c, b, a]);
  });

  it('links outputs to outcomes, and a deleted KPI leaves no dangling link', () => {
    const doc = new Y.Doc();
    const output = createKpi(doc, input('Page load time', { direction: 'down' }));
    const outcome = createKpi(doc, input('Conversion', { kind: 'outcome' }));
    const lonely = createKpi(doc, input('CSAT', { kind: 'outcome' }));
    linkOutcome(doc, output, outcome);
    linkOutcome(doc, output, outcome);
    expect(readBoard(doc)[0]!.outcomes).toEqual([outcome]);
    expect(findOrphans(readBoard(doc)).outcomes.map((k) => k.id)).toEqual([lonely]);
    unlinkOutcome(doc, output, outcome);
    expect(findOrphans(readBoard(doc)).outputs.map((k) => k.id)).toEqual([output]);
    linkOutcome(doc, output, outcome);
    deleteKpi(doc, outcome);
    expect(readBoard(doc)[0]!.outcomes).toEqual([]);
  });

  it('edits only what changed', () => {
    const doc = new Y.Doc();
    const id = createKpi(doc, input('Cost per transaction'));
    let updates = 0;
    doc.on('update', () => updates++);
    updateKpi(doc, id, { name: 'Cost per transaction', target: 3 });
    expect(updates).toBe(0);
    updateKpi(doc, id, { target: 2.5, owners: ['cio', 'business'], description: 'All channels' });
    expect(readBoard(doc)[0]).toMatchObject({ target: 2.5, owners: ['cio', 'business'], description: 'All channels' });
  });
});

describe('board convergence', () => {
  const names = ['Conversion', 'NPS', 'Uptime', 'Cost', 'CSAT'];

  function randomEdit(doc: Y.Doc, random: ReturnType<typeof seededRandom>) {
    const board = readBoard(doc);
    const target = board.length > 0 ? random.pick(board) : null;
    const op = board.length === 0 ? 0 : random.int(10);
    switch (op) {
      case 0:
        createKpi(doc, input(random.pick(names), { kind: random.chance(0.5) ? 'output' : 'outcome' }));
        break;
      case 1:
        updateKpi(doc, target!.id, { name: `${random.pick(names)} ${random.int(100)}`, target: random.int(100) });
        break;
      case 2:
        deleteKpi(doc, target!.id);
        break;
      case 3:
        moveKpi(doc, target!.id, random.int(board.length + 1));
        break;
      case 4:
        setValue(doc, target!.id, { at: `2026-0${1 + random.int(9)}-01`, value: random.int(1000) });
        break;
      case 5:
        removeValue(doc, target!.id, `2026-0${1 + random.int(9)}-01`);
        break;
      case 6: {
        const other = random.pick(board);
        if (other.id !== target!.id) linkOutcome(doc, target!.id, other.id);
        break;
      }
      case 7:
        setOwners(doc, target!.id, (['cio', 'cmo', 'business', 'it', 'marketing'] as const).filter(() => random.chance(0.4)));
        break;
      case 8: {
        const text = (doc.getMap('kpis').get(target!.id) as Y.Map<unknown>).get('description') as Y.Text;
        text.insert(random.int(text.length + 1), random.pick(['a', 'bc', ' d ']));
        break;
      }
      case 9:
        setValues(doc, target!.id, [
          { at: `2026-0${1 + random.int(9)}-01`, value: random.int(1000) },
          { at: `2026-0${1 + random.int(9)}-01`, value: random.int(1000) },
        ]);
        break;
    }
  }

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('converges with random edits, delivery order and disconnects (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const net = new ReplicaNetwork(4, random);
    for (let step = 0; step < 150; step++) {
      randomEdit(random.pick(net.docs), random);
      net.deliverSome(3);
      if (random.chance(0.08)) net.churn();
    }
    net.settle();
    const [first, ...rest] = net.docs.map((d) => readBoard(d));
    for (const other of rest) expect(other).toEqual(first);
    for (const doc of net.docs.slice(1)) expect(doc.getMap('kpis').toJSON()).toEqual(net.docs[0]!.getMap('kpis').toJSON());
    // Concurrent moves never lose a KPI or duplicate one.
    expect(new Set(first!.map((k) => k.id)).size).toBe(first!.length);
  });
});
