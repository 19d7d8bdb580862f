import type * as Y from 'yjs';
import { addPainPoint, addStage, addTouchpoint, createJourney, newPainPointInput } from './index';
import type { PainPoint, PainPointInput } from './types';

/** A pain point's input with sensible defaults, for tests. */
export function painInput(stageId: string, over: Partial<PainPointInput> = {}): PainPointInput {
  return newPainPointInput(stageId, null, 'Slow checkout', over);
}

/** A plain pain point for pure rules' tests. */
export function painPoint(over: Partial<PainPoint> = {}): PainPoint {
  return {
    id: 'p1',
    title: 'Slow checkout',
    description: '',
    stageId: 's1',
    storedStageId: 's1',
    touchpointId: null,
    severity: 3,
    customersAffected: null,
    side: 'front',
    owners: [],
    status: 'open',
    kpis: [],
    votes: [],
    ...over,
  };
}

/** A journey with two stages (Discover, Buy), a touchpoint on Buy and one pain point on it. */
export function sampleJourney(doc: Y.Doc) {
  const journeyId = createJourney(doc, { title: 'Online purchase', persona: 'Busy parent, buys on the phone' });
  const discover = addStage(doc, journeyId, { name: 'Discover', emotion: 1 });
  const buy = addStage(doc, journeyId, { name: 'Buy', emotion: -1 });
  const checkout = addTouchpoint(doc, journeyId, buy, { name: 'Checkout page', channel: 'web' });
  const pain = addPainPoint(doc, journeyId, painInput(buy, { touchpointId: checkout, severity: 4, customersAffected: 1200, side: 'back' }));
  return { journeyId, discover, buy, checkout, pain };
}
