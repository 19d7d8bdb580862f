import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPainPoint, castVote, isUntouchedPainPoint, linkKpi, newPainPointInput, updatePainPoint } from './index';
import { journeysOf, readJourney } from './read-journey';
import { sampleJourney } from './test-fixtures';

describe('isUntouchedPainPoint', () => {
  const setup = () => {
    const doc = new Y.Doc();
    const { journeyId, buy, checkout } = sampleJourney(doc);
    const input = newPainPointInput(buy, checkout, 'New pain point');
    const id = addPainPoint(doc, journeyId, input);
    const read = () => readJourney(journeyId, journeysOf(doc).get(journeyId)!).painPoints.find((p) => p.id === id)!;
    return { doc, journeyId, id, input, read };
  };

  it('holds for a pain point exactly as "+ Pain point" created it', () => {
    const { input, read } = setup();
    expect(isUntouchedPainPoint(read(), input)).toBe(true);
  });

  it('fails once anyone wrote into it, voted for it or linked a KPI', () => {
    for (const touch of [
      (t: ReturnType<typeof setup>) => updatePainPoint(t.doc, t.journeyId, t.id, { title: 'Card declined' }),
      (t: ReturnType<typeof setup>) => updatePainPoint(t.doc, t.journeyId, t.id, { description: 'Bank times out' }),
      (t: ReturnType<typeof setup>) => updatePainPoint(t.doc, t.journeyId, t.id, { severity: 5 }),
      (t: ReturnType<typeof setup>) => updatePainPoint(t.doc, t.journeyId, t.id, { owners: ['cio'] }),
      (t: ReturnType<typeof setup>) => castVote(t.doc, t.journeyId, t.id, 'u1'),
      (t: ReturnType<typeof setup>) => linkKpi(t.doc, t.journeyId, t.id, 'k1'),
    ]) {
      const t = setup();
      touch(t);
      expect(isUntouchedPainPoint(t.read(), t.input)).toBe(false);
    }
  });
});
