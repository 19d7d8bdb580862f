import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ReplicaNetwork, seededRandom, type Random } from '../testing/convergence';
import {
  addSynonym,
  addTerm,
  deleteTerm,
  deprecateTerm,
  isLiveTerm,
  linkRelated,
  readGlossary,
  removeSynonym,
  termsOf,
  unlinkRelated,
  updateTerm,
} from './glossary-doc';
import { GlossaryIndex } from './glossary-index';
import { foldKey } from './normalize';
import { mergeTerms } from './term-merge';
import { TERM_STATUSES } from './types';

const WORDS = ['churn', 'lead', 'SLA', 'conversion', 'café', 'attribution', 'uptime', 'segment'];

function liveIds(doc: Y.Doc): string[] {
  const terms = termsOf(doc);
  return [...terms.keys()].filter((id) => isLiveTerm(terms, id));
}

/** One random edit, as a person on this replica would make it; edits to terms this replica no longer shows are skipped. */
function randomEdit(doc: Y.Doc, random: Random, replica: number): void {
  const ids = liveIds(doc);
  const actor = { id: `p${replica}`, at: '2026-11-22T12:00:00.000Z' };
  const pick = () => random.pick(ids);
  const op = ids.length < 3 ? 0 : random.int(10);
  switch (op) {
    case 0:
      addTerm(doc, { term: `${random.pick(WORDS)} ${random.int(50)}`, it: random.pick(WORDS), synonyms: [random.pick(WORDS)] }, actor);
      return;
    case 1: {
      const text = termsOf(doc).get(pick())!.get(random.pick(['definition', 'it', 'marketing'])) as Y.Text;
      text.insert(random.int(text.length + 1), random.pick(WORDS));
      if (text.length > 12 && random.chance(0.3)) text.delete(random.int(text.length - 5), 4);
      return;
    }
    case 2:
      updateTerm(doc, pick(), { term: `${random.pick(WORDS)} ${random.int(50)}`, status: random.pick(TERM_STATUSES) }, actor);
      return;
    case 3:
      addSynonym(doc, pick(), random.pick(WORDS), actor);
      return;
    case 4:
      removeSynonym(doc, pick(), random.pick(WORDS), actor);
      return;
    case 5: {
      const [a, b] = [pick(), pick()];
      if (a !== b) linkRelated(doc, a, b, actor);
      return;
    }
    case 6:
      unlinkRelated(doc, pick(), pick(), actor);
      return;
    case 7: {
      const [a, b] = [pick(), pick()];
      if (a !== b) mergeTerms(doc, a, b, actor);
      return;
    }
    case 8:
      if (random.chance(0.3)) deleteTerm(doc, pick());
      return;
    default:
      deprecateTerm(doc, pick(), actor);
  }
}

describe('glossary convergence', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`converges under concurrent edits, merges and deletes, offline and out of order (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const net = new ReplicaNetwork(4, random);
      // Each replica's live index must follow every local and remote change exactly.
      const indexes = net.docs.map((doc) => new GlossaryIndex(doc));
      for (let step = 0; step < 250; step++) {
        const replica = random.int(net.docs.length);
        randomEdit(net.docs[replica]!, random, replica);
        net.deliverSome(3);
        if (random.chance(0.08)) net.churn();
        if (random.chance(0.1)) indexes[random.int(indexes.length)]!.list();
      }
      net.settle();

      const [first, ...rest] = net.docs.map((d) => readGlossary(d));
      for (const other of rest) expect(other).toEqual(first);
      for (const doc of net.docs.slice(1)) expect(termsOf(doc).toJSON()).toEqual(termsOf(net.docs[0]!).toJSON());
      indexes.forEach((index) => expect(index.list()).toEqual(first));

      const live = new Set(first!.map((t) => t.id));
      for (const term of first!) {
        expect(term.related.every((id) => live.has(id) && id !== term.id)).toBe(true);
        const names = [term.term, term.abbreviation, ...term.synonyms].map(foldKey).filter(Boolean);
        expect(new Set(names).size).toBe(names.length);
      }
    });
  }
});
