import { describe, expect, it } from 'vitest';
import { EntryMissing } from '../entry-missing';
import * as Y from 'yjs';
import {
  addNote,
  addStage,
  addTouchpoint,
  castVote,
  deleteJourney,
  deleteStage,
  deleteTouchpoint,
  linkKpi,
  moveNote,
  movePainPoint,
  moveStage,
  moveTouchpoint,
  retractVote,
  unlinkKpi,
  updateNote,
  updatePainPoint,
  updateStage,
  votesLeft,
  addPainPoint,
} from './index';
import { journeysOf, readJourney, readJourneys } from './read-journey';
import { painInput, sampleJourney } from './test-fixtures';
import { VOTES_PER_PERSON } from './types';

const read = (doc: Y.Doc, id: string) => readJourney(id, journeysOf(doc).get(id)!);

describe('journeys document', () => {
  it('writes the documented shape and reads it back as plain data', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, checkout, pain } = sampleJourney(doc);
    const map = journeysOf(doc).get(journeyId)!;
    const stage = (map.get('stages') as Y.Map<Y.Map<unknown>>).get(buy)!;
    expect(stage.get('touchpoints')).toBeInstanceOf(Y.Map);
    const painMap = (map.get('painPoints') as Y.Map<Y.Map<unknown>>).get(pain)!;
    expect(painMap.get('description')).toBeInstanceOf(Y.Text);
    expect(painMap.get('owners')).toBeInstanceOf(Y.Array);
    expect(painMap.get('votes')).toBeInstanceOf(Y.Map);
    const journey = read(doc, journeyId);
    expect(journey).toMatchObject({ title: 'Online purchase', persona: 'Busy parent, buys on the phone' });
    expect(journey.stages.map((s) => [s.name, s.emotion])).toEqual([
      ['Discover', 1],
      ['Buy', -1],
    ]);
    expect(journey.stages[1]!.touchpoints).toMatchObject([{ id: checkout, name: 'Checkout page', channel: 'web' }]);
    expect(journey.painPoints).toMatchObject([{ id: pain, stageId: buy, touchpointId: checkout, severity: 4, customersAffected: 1200, side: 'back', votes: [] }]);
    expect(readJourneys(doc).map((j) => j.id)).toEqual([journeyId]);
  });

  it('orders stages and touchpoints, and moves them', () => {
    const doc = new Y.Doc();
    const { journeyId, discover, buy } = sampleJourney(doc);
    const use = addStage(doc, journeyId, { name: 'Use', emotion: 0 });
    const aware = addStage(doc, journeyId, { name: 'Aware', emotion: 0 }, 0);
    expect(read(doc, journeyId).stages.map((s) => s.id)).toEqual([aware, discover, buy, use]);
    moveStage(doc, journeyId, aware, 99);
    expect(read(doc, journeyId).stages.map((s) => s.name)).toEqual(['Discover', 'Buy', 'Use', 'Aware']);
    const a = addTouchpoint(doc, journeyId, use, { name: 'App', channel: ' App ' });
    const b = addTouchpoint(doc, journeyId, use, { name: 'Hotline', channel: 'phone' });
    moveTouchpoint(doc, journeyId, use, b, 0);
    const stage = read(doc, journeyId).stages.find((s) => s.id === use)!;
    expect(stage.touchpoints.map((t) => [t.id, t.channel])).toEqual([
      [b, 'phone'],
      [a, 'app'],
    ]);
  });

  it('clamps junk written by other programs instead of failing', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, pain } = sampleJourney(doc);
    const map = journeysOf(doc).get(journeyId)!;
    const stage = (map.get('stages') as Y.Map<Y.Map<unknown>>).get(buy)!;
    stage.set('emotion', 7);
    const p = (map.get('painPoints') as Y.Map<Y.Map<unknown>>).get(pain)!;
    p.set('severity', 'high');
    p.set('side', 'middle');
    p.set('customersAffected', -5);
    (map.get('painPoints') as Y.Map<unknown>).set('junk', 'not a map');
    const journey = read(doc, journeyId);
    expect(journey.stages[1]!.emotion).toBe(2);
    expect(journey.painPoints).toHaveLength(1);
    expect(journey.painPoints[0]).toMatchObject({ severity: 1, side: 'front', customersAffected: null });
  });

  it('edits pain point fields, owners and KPI links without needless updates', () => {
    const doc = new Y.Doc();
    const { journeyId, pain } = sampleJourney(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    updatePainPoint(doc, journeyId, pain, { severity: 4, side: 'back' });
    expect(updates).toBe(0);
    updatePainPoint(doc, journeyId, pain, { title: 'Card declined', owners: ['cio', 'business'], status: 'in-progress', description: 'Bank timeout', customersAffected: null });
    linkKpi(doc, journeyId, pain, 'k1');
    linkKpi(doc, journeyId, pain, 'k1');
    linkKpi(doc, journeyId, pain, 'k2');
    unlinkKpi(doc, journeyId, pain, 'k1');
    expect(read(doc, journeyId).painPoints[0]).toMatchObject({
      title: 'Card declined',
      owners: ['cio', 'business'],
      status: 'in-progress',
      description: 'Bank timeout',
      customersAffected: null,
      kpis: ['k2'],
    });
  });

  it('moves a pain point between cells, and refuses a stage or touchpoint that does not exist', () => {
    const doc = new Y.Doc();
    const { journeyId, discover, buy, checkout, pain } = sampleJourney(doc);
    movePainPoint(doc, journeyId, pain, discover, null);
    expect(read(doc, journeyId).painPoints[0]).toMatchObject({ stageId: discover, touchpointId: null });
    movePainPoint(doc, journeyId, pain, buy, checkout);
    expect(read(doc, journeyId).painPoints[0]).toMatchObject({ stageId: buy, touchpointId: checkout });
    expect(() => movePainPoint(doc, journeyId, pain, 'nope', null)).toThrow(EntryMissing);
    expect(() => movePainPoint(doc, journeyId, pain, discover, checkout)).toThrow(EntryMissing);
  });

  it('deleting a touchpoint keeps its pain points in the stage', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, checkout, pain } = sampleJourney(doc);
    deleteTouchpoint(doc, journeyId, buy, checkout);
    expect(read(doc, journeyId).painPoints).toMatchObject([{ id: pain, stageId: buy, touchpointId: null }]);
  });

  it('deleting a stage leaves its contents unplaced, or deletes them when asked', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, pain } = sampleJourney(doc);
    const note = addNote(doc, journeyId, { text: 'Ask the bank', stageId: buy, x: 10, y: 20, color: 'pink', author: 'u1' });
    deleteStage(doc, journeyId, buy);
    const journey = read(doc, journeyId);
    expect(journey.painPoints).toMatchObject([{ id: pain, stageId: null, storedStageId: buy }]);
    expect(journey.notes).toMatchObject([{ id: note, stageId: null }]);

    const other = new Y.Doc();
    const s = sampleJourney(other);
    addNote(other, s.journeyId, { text: 'x', stageId: s.buy, x: 0, y: 0, color: 'yellow', author: 'u1' });
    deleteStage(other, s.journeyId, s.buy, { withContents: true });
    expect(read(other, s.journeyId)).toMatchObject({ painPoints: [], notes: [] });
  });

  it('gives each person a fixed number of votes per journey, one per pain point', () => {
    const doc = new Y.Doc();
    const { journeyId, buy, pain } = sampleJourney(doc);
    const more = Array.from({ length: VOTES_PER_PERSON + 1 }, (_, i) => addPainPoint(doc, journeyId, painInput(buy, { title: `P${i}` })));
    expect(castVote(doc, journeyId, pain, 'ada')).toBe(true);
    expect(castVote(doc, journeyId, pain, 'ada')).toBe(false);
    for (const id of more.slice(0, VOTES_PER_PERSON - 1)) expect(castVote(doc, journeyId, id, 'ada')).toBe(true);
    expect(votesLeft(doc, journeyId, 'ada')).toBe(0);
    expect(castVote(doc, journeyId, more.at(-1)!, 'ada')).toBe(false);
    expect(castVote(doc, journeyId, more.at(-1)!, 'bea')).toBe(true);
    retractVote(doc, journeyId, pain, 'ada');
    expect(votesLeft(doc, journeyId, 'ada')).toBe(1);
    expect(castVote(doc, journeyId, more.at(-1)!, 'ada')).toBe(true);
    expect(read(doc, journeyId).painPoints.find((p) => p.id === more.at(-1))!.votes).toEqual(['ada', 'bea']);
  });

  it('counts only the allowance when one person voted more offline on two devices', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const { journeyId, buy } = sampleJourney(a);
    const ids = Array.from({ length: 8 }, (_, i) => addPainPoint(a, journeyId, painInput(buy, { title: `P${i}` })));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ids.slice(0, 4).forEach((id) => castVote(a, journeyId, id, 'ada'));
    ids.slice(4).forEach((id) => castVote(b, journeyId, id, 'ada'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const [ja, jb] = [read(a, journeyId), read(b, journeyId)];
    expect(ja).toEqual(jb);
    expect(ja.painPoints.filter((p) => p.votes.includes('ada'))).toHaveLength(VOTES_PER_PERSON);
    expect(votesLeft(a, journeyId, 'ada')).toBe(0);
  });

  it('adds, moves, recolours and deletes sticky notes', () => {
    const doc = new Y.Doc();
    const { journeyId, discover, buy } = sampleJourney(doc);
    const id = addNote(doc, journeyId, { text: 'Hmm', stageId: discover, x: 10.4, y: 20.6, color: 'yellow', author: 'u1' });
    moveNote(doc, journeyId, id, { stageId: buy, x: 30, y: 40 });
    updateNote(doc, journeyId, id, { color: 'blue', text: 'Ask support' });
    expect(read(doc, journeyId).notes).toEqual([{ id, text: 'Ask support', stageId: buy, x: 30, y: 40, color: 'blue', author: 'u1' }]);
    expect(() => moveNote(doc, journeyId, id, { stageId: 'gone', x: 0, y: 0 })).toThrow(EntryMissing);
  });

  it('keeps the identity of unchanged entries between readings', () => {
    const doc = new Y.Doc();
    const { journeyId, discover, buy, pain } = sampleJourney(doc);
    const other = addPainPoint(doc, journeyId, painInput(discover));
    const first = read(doc, journeyId);
    expect(readJourney(journeyId, journeysOf(doc).get(journeyId)!, first)).toBe(first);
    updateStage(doc, journeyId, discover, { emotion: 2 });
    updatePainPoint(doc, journeyId, other, { severity: 5 });
    const second = readJourney(journeyId, journeysOf(doc).get(journeyId)!, first);
    expect(second).not.toBe(first);
    expect(second.painPoints.find((p) => p.id === pain)).toBe(first.painPoints.find((p) => p.id === pain));
    expect(second.painPoints.find((p) => p.id === other)!.severity).toBe(5);
    expect(second.stages.find((s) => s.id === buy)).toBe(first.stages.find((s) => s.id === buy));
    expect(second.stages.find((s) => s.id === discover)!.emotion).toBe(2);
  });

  it('deletes a journey', () => {
    const doc = new Y.Doc();
    const { journeyId } = sampleJourney(doc);
    deleteJourney(doc, journeyId);
    expect(readJourneys(doc)).toEqual([]);
  });
});
