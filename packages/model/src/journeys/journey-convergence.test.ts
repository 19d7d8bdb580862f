import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReplicaNetwork, seededRandom, type Random } from '../testing/convergence';
import {
  addNote,
  addPainPoint,
  addStage,
  addTouchpoint,
  castVote,
  createJourney,
  deleteNote,
  deletePainPoint,
  deleteStage,
  deleteTouchpoint,
  journeyTextField,
  linkKpi,
  moveNote,
  movePainPoint,
  moveStage,
  moveTouchpoint,
  retractVote,
  updatePainPoint,
  updateStage,
} from './index';
import { journeysOf, readJourney, readJourneys } from './read-journey';
import { painInput, sampleJourney } from './test-fixtures';
import { VOTES_PER_PERSON } from './types';

const USERS = ['ada', 'bea', 'cem'];

/** What every replica must agree on, and the ids this run deleted on purpose. */
interface Tracker {
  created: Set<string>;
  deleted: Set<string>;
}

function randomEdit(doc: Y.Doc, random: Random, t: Tracker): void {
  const journey = random.pick(readJourneys(doc));
  const j = journey.id;
  const stage = journey.stages.length > 0 ? random.pick(journey.stages) : null;
  const pain = journey.painPoints.length > 0 ? random.pick(journey.painPoints) : null;
  const note = journey.notes.length > 0 ? random.pick(journey.notes) : null;
  const op = random.int(16);
  if (!stage || op === 0) {
    addStage(doc, j, { name: `Stage ${random.int(100)}`, emotion: random.int(5) - 2 }, random.chance(0.5) ? random.int(journey.stages.length + 1) : undefined);
    return;
  }
  const touchpoint = stage.touchpoints.length > 0 ? random.pick(stage.touchpoints) : null;
  switch (op) {
    case 1:
      updateStage(doc, j, stage.id, { emotion: random.int(5) - 2, name: `Renamed ${random.int(100)}` });
      break;
    case 2:
      moveStage(doc, j, stage.id, random.int(journey.stages.length + 1));
      break;
    case 3: {
      const withContents = random.chance(0.5);
      if (withContents) {
        for (const p of journey.painPoints) if (p.stageId === stage.id) t.deleted.add(p.id);
        for (const n of journey.notes) if (n.stageId === stage.id) t.deleted.add(n.id);
      }
      deleteStage(doc, j, stage.id, { withContents });
      break;
    }
    case 4:
      addTouchpoint(doc, j, stage.id, { name: `Touchpoint ${random.int(100)}`, channel: random.pick(['web', 'app', 'phone', 'store']) });
      break;
    case 5:
      if (touchpoint && random.chance(0.5)) deleteTouchpoint(doc, j, stage.id, touchpoint.id);
      else if (touchpoint) moveTouchpoint(doc, j, stage.id, touchpoint.id, random.int(stage.touchpoints.length + 1));
      break;
    case 6:
    case 7:
      t.created.add(addPainPoint(doc, j, painInput(stage.id, { touchpointId: touchpoint?.id ?? null, severity: 1 + random.int(5), title: `Pain ${random.int(1000)}` })));
      break;
    case 8:
      if (pain) movePainPoint(doc, j, pain.id, stage.id, random.chance(0.5) ? (touchpoint?.id ?? null) : null);
      break;
    case 9:
      if (pain) updatePainPoint(doc, j, pain.id, { severity: 1 + random.int(5), status: random.pick(['open', 'in-progress', 'resolved'] as const), owners: random.chance(0.5) ? ['cio'] : ['cmo', 'it'] });
      break;
    case 10:
      if (pain && random.chance(0.3)) {
        t.deleted.add(pain.id);
        deletePainPoint(doc, j, pain.id);
      } else if (pain) linkKpi(doc, j, pain.id, `k${random.int(4)}`);
      break;
    case 11:
      if (pain && random.chance(0.7)) castVote(doc, j, pain.id, random.pick(USERS));
      else if (pain) retractVote(doc, j, pain.id, random.pick(USERS));
      break;
    case 12:
      if (pain) {
        const text = journeyTextField(doc, j, 'painPoint', pain.id);
        text.insert(random.int(text.length + 1), random.pick(['a', 'bc ', ' d']));
      }
      break;
    case 13:
      t.created.add(addNote(doc, j, { text: 'note', stageId: stage.id, x: random.int(200), y: random.int(400), color: 'yellow', author: random.pick(USERS) }));
      break;
    case 14:
      if (note) moveNote(doc, j, note.id, { stageId: stage.id, x: random.int(200), y: random.int(400) });
      break;
    default:
      if (note && random.chance(0.3)) {
        t.deleted.add(note.id);
        deleteNote(doc, j, note.id);
      } else if (note) {
        const text = journeyTextField(doc, j, 'note', note.id);
        text.insert(random.int(text.length + 1), '!');
      }
  }
}

describe('journeys convergence', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('converges with random edits, moves, deletes and disconnects, losing nothing silently (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const net = new ReplicaNetwork(4, random);
    sampleJourney(net.docs[0]!);
    net.settle();
    const t: Tracker = { created: new Set(), deleted: new Set() };
    for (let step = 0; step < 200; step++) {
      randomEdit(random.pick(net.docs), random, t);
      net.deliverSome(3);
      if (random.chance(0.08)) net.churn();
    }
    net.settle();
    const [first, ...rest] = net.docs.map((d) => readJourneys(d));
    for (const other of rest) expect(other).toEqual(first);
    const journey = first![0]!;
    const present = new Set([...journey.painPoints.map((p) => p.id), ...journey.notes.map((n) => n.id)]);
    for (const id of t.created) if (!t.deleted.has(id)) expect(present.has(id), `entry ${id} vanished`).toBe(true);
    const stageIds = new Set(journey.stages.map((s) => s.id));
    for (const p of journey.painPoints) expect(p.stageId === null || stageIds.has(p.stageId)).toBe(true);
    for (const user of USERS) expect(journey.painPoints.filter((p) => p.votes.includes(user)).length).toBeLessThanOrEqual(VOTES_PER_PERSON);
    expect(new Set(journey.stages.map((s) => s.id)).size).toBe(journey.stages.length);
  });

  it('puts a pain point added to a stage deleted at the same time in the unplaced lane', () => {
    const random = seededRandom(7);
    const net = new ReplicaNetwork(2, random);
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const { journeyId, buy, discover } = sampleJourney(a);
    net.settle();
    net.goOffline(1);
    deleteStage(a, journeyId, buy, { withContents: true });
    const added = addPainPoint(b, journeyId, painInput(buy, { title: 'Added while deleted' }));
    const moved = addPainPoint(b, journeyId, painInput(discover, { title: 'Moved while deleted' }));
    movePainPoint(b, journeyId, moved, buy, null);
    const note = addNote(b, journeyId, { text: 'Note while deleted', stageId: buy, x: 1, y: 2, color: 'pink', author: 'bea' });
    net.settle();
    for (const doc of net.docs) {
      const journey = readJourney(journeyId, journeysOf(doc).get(journeyId)!);
      expect(journey.stages.map((s) => s.id)).toEqual([discover]);
      expect(journey.painPoints.filter((p) => p.stageId === null).map((p) => p.id).sort()).toEqual([added, moved].sort());
      expect(journey.notes).toMatchObject([{ id: note, stageId: null }]);
    }
  });

  it('keeps both stages when two people insert into the same gap, in the same order everywhere', () => {
    const net = new ReplicaNetwork(2, seededRandom(3));
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const { journeyId } = sampleJourney(a);
    net.settle();
    net.goOffline(1);
    addStage(a, journeyId, { name: 'From A', emotion: 0 }, 1);
    addStage(b, journeyId, { name: 'From B', emotion: 0 }, 1);
    net.settle();
    const names = net.docs.map((d) => readJourney(journeyId, journeysOf(d).get(journeyId)!).stages.map((s) => s.name));
    expect(names[0]).toEqual(names[1]);
    expect(names[0]).toHaveLength(4);
    expect([names[0]![0], names[0]![3]]).toEqual(['Discover', 'Buy']);
  });
});
