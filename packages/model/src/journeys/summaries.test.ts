import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPainPoint, addNote, deleteStage } from './index';
import { journeysOf, readJourney } from './read-journey';
import { journeyCard, summarisePainPoints, summariseStages, unplacedOf } from './summaries';
import { painInput, painPoint, sampleJourney } from './test-fixtures';
import { isEmptyPainFilter, matchesPainFilter, NO_PAIN_FILTER } from './filters';

describe('stage summaries', () => {
  it('counts unresolved pain points, their worst severity and the back office share', () => {
    const summary = summarisePainPoints([
      painPoint({ severity: 2, side: 'back' }),
      painPoint({ severity: 4, side: 'both', status: 'in-progress' }),
      painPoint({ severity: 3, side: 'front' }),
      painPoint({ severity: 5, side: 'back', status: 'resolved' }),
    ]);
    expect(summary).toEqual({ open: 3, inProgress: 1, resolved: 1, worstSeverity: 4, backOfficeShare: 0.5 });
    expect(summarisePainPoints([painPoint({ status: 'resolved' })])).toMatchObject({ open: 0, worstSeverity: null, backOfficeShare: null });
  });

  it('summarises each stage in order, and keeps unplaced pain points apart', () => {
    const doc = new Y.Doc();
    const { journeyId, discover, buy } = sampleJourney(doc);
    addPainPoint(doc, journeyId, painInput(discover, { severity: 5, side: 'back' }));
    const doomed = addPainPoint(doc, journeyId, painInput(buy, { severity: 2 }));
    const read = () => readJourney(journeyId, journeysOf(doc).get(journeyId)!);
    expect(summariseStages(read()).map((s) => [s.stageId, s.open, s.worstSeverity])).toEqual([
      [discover, 1, 5],
      [buy, 2, 4],
    ]);
    addNote(doc, journeyId, { text: 'n', stageId: buy, x: 0, y: 0, color: 'yellow', author: 'u' });
    deleteStage(doc, journeyId, buy);
    const journey = read();
    expect(summariseStages(journey).map((s) => s.stageId)).toEqual([discover]);
    expect(unplacedOf(journey).painPoints.map((p) => p.id)).toContain(doomed);
    expect(unplacedOf(journey).notes).toHaveLength(1);
    expect(journeyCard(journey)).toMatchObject({ title: 'Online purchase', stages: 1, touchpoints: 0, painPoints: 3, open: 3, worstSeverity: 5, notes: 1 });
  });
});

describe('pain point filters', () => {
  const p = painPoint({ side: 'back', owners: ['cio', 'it'], status: 'in-progress', severity: 3 });
  it('lets everything through when empty', () => {
    expect(isEmptyPainFilter(NO_PAIN_FILTER)).toBe(true);
    expect(matchesPainFilter(p, NO_PAIN_FILTER)).toBe(true);
  });
  it('matches by side, any owner seat, status and minimum severity', () => {
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, sides: ['front'] })).toBe(false);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, sides: ['back', 'both'] })).toBe(true);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, owners: ['cmo', 'it'] })).toBe(true);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, owners: ['cmo'] })).toBe(false);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, statuses: ['open'] })).toBe(false);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, minSeverity: 3 })).toBe(true);
    expect(matchesPainFilter(p, { ...NO_PAIN_FILTER, minSeverity: 4 })).toBe(false);
    expect(isEmptyPainFilter({ ...NO_PAIN_FILTER, minSeverity: 2 })).toBe(false);
  });
});
