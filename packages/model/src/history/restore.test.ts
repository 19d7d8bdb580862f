import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createKpi, readBoard, setValue, updateKpi } from '../board/board-doc';
import type { KpiInput } from '../board/types';
import { readJourneys } from '../journeys/read-journey';
import { deletePainPoint, updatePainPoint } from '../journeys/pain-point-doc';
import { deleteJourney } from '../journeys/journey-doc';
import { sampleJourney } from '../journeys/test-fixtures';
import { entryOfPath, listEntries } from './entry-paths';
import { RestoreError, restoreEntries } from './restore';
import { copyDoc } from './test-docs';

const kpi = (name: string, target: number): KpiInput => ({ name, kind: 'outcome', category: 'other', owners: ['cio'], unit: '', direction: 'up', target });

describe('restoreEntries', () => {
  it('brings one KPI back and leaves later edits to the others', () => {
    const doc = new Y.Doc();
    createKpi(doc, kpi('A', 10), 'a');
    createKpi(doc, kpi('B', 20), 'b');
    const version = copyDoc(doc);
    updateKpi(doc, 'a', { target: 11, name: 'A2' });
    setValue(doc, 'a', { at: '2026-11-01', value: 5 });
    updateKpi(doc, 'b', { target: 21 });
    const restored = doc.transact(() => restoreEntries(doc, version, 'board', ['a']));
    expect(restored).toEqual([{ kind: 'kpi', id: 'a' }]);
    expect(readBoard(doc).map((k) => [k.name, k.target, k.values.length])).toEqual([
      ['A', 10, 0],
      ['B', 21, 0],
    ]);
  });

  it('restores a whole document: entries added since are removed, removed ones come back', () => {
    const doc = new Y.Doc();
    createKpi(doc, kpi('A', 10), 'a');
    const version = copyDoc(doc);
    createKpi(doc, kpi('New', 1), 'new');
    doc.getMap('kpis').delete('a');
    const restored = restoreEntries(doc, version, 'board', null);
    expect(restored.map((r) => r.id).sort()).toEqual(['a', 'new']);
    expect(readBoard(doc).map((k) => k.id)).toEqual(['a']);
    expect(restoreEntries(doc, version, 'board', null)).toEqual([]);
  });

  it('converges when someone edits the same KPI while the restore is written', () => {
    const server = new Y.Doc();
    createKpi(server, kpi('A', 10), 'a');
    const version = copyDoc(server);
    updateKpi(server, 'a', { target: 30 });
    const client = copyDoc(server);
    restoreEntries(server, version, 'board', ['a']);
    updateKpi(client, 'a', { name: 'A (renamed)' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(readBoard(server)).toEqual(readBoard(client));
    expect(readBoard(server)[0]).toMatchObject({ name: 'A (renamed)', target: 10 });
  });

  it('refuses an id found in neither state, before writing anything', () => {
    const doc = new Y.Doc();
    createKpi(doc, kpi('A', 10), 'a');
    const version = copyDoc(doc);
    updateKpi(doc, 'a', { target: 11 });
    expect(() => restoreEntries(doc, version, 'board', ['a', 'ghost'])).toThrow(RestoreError);
    expect(readBoard(doc)[0]!.target).toBe(11);
  });

  it('restores a pain point inside its journey, and asks for the journey when it is gone', () => {
    const doc = new Y.Doc();
    const { journeyId, pain } = sampleJourney(doc);
    const version = copyDoc(doc);
    updatePainPoint(doc, journeyId, pain, { status: 'resolved' });
    deletePainPoint(doc, journeyId, pain);
    expect(restoreEntries(doc, version, 'journeys', [pain])).toEqual([{ kind: 'painPoint', id: pain }]);
    expect(readJourneys(doc)[0]!.painPoints[0]).toMatchObject({ id: pain, status: 'open' });
    deleteJourney(doc, journeyId);
    expect(() => restoreEntries(doc, version, 'journeys', [pain])).toThrow(/restore it too/);
    restoreEntries(doc, version, 'journeys', [pain, journeyId]);
    expect(readJourneys(doc)[0]!.painPoints).toHaveLength(1);
  });
});

describe('entryOfPath', () => {
  it('maps paths of each document to the entry and field they touch', () => {
    expect(entryOfPath('board', ['kpis', 'k1', 'target'])).toEqual({ kind: 'kpi', id: 'k1', field: 'target' });
    expect(entryOfPath('board', ['kpis', 'k1'])).toEqual({ kind: 'kpi', id: 'k1', field: null });
    expect(entryOfPath('journeys', ['journeys', 'j1', 'painPoints', 'p1', 'status'])).toEqual({ kind: 'painPoint', id: 'p1', field: 'status' });
    expect(entryOfPath('journeys', ['journeys', 'j1', 'stages', 's1', 'name'])).toEqual({ kind: 'journey', id: 'j1', field: 'stages' });
    expect(entryOfPath('meetings', ['meetings', 'm1', 'actions', 'a1', 'done'])).toEqual({ kind: 'action', id: 'a1', field: 'done' });
    expect(entryOfPath('meetings', ['meetings', 'm1', 'endedAt'])).toEqual({ kind: 'meeting', id: 'm1', field: 'endedAt' });
    expect(entryOfPath('glossary', ['other', 'x'])).toBeNull();
  });

  it('lists nested entries with their paths', () => {
    const doc = new Y.Doc();
    const { journeyId, pain } = sampleJourney(doc);
    expect(listEntries(doc, 'journeys').map((e) => [e.kind, e.path])).toEqual([
      ['journey', [journeyId]],
      ['painPoint', [journeyId, 'painPoints', pain]],
    ]);
  });
});
