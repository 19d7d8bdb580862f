import { GlossaryIndex, addTerm, termsOf } from '@troika/model';
import * as Y from 'yjs';
import { keystrokes, runningText, syntheticGlossary } from './glossary-data';

export interface Timing {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)!) };
}

export interface LocalResults {
  terms: number;
  buildIndexMs: number;
  keystroke: Timing;
  keystrokeAfterRemoteEdit: Timing;
  finder2000Words: Timing;
  finderRebuildMs: Timing;
  occurrencesFound: number;
}

/**
 * What the browser does for a person in a workspace of `count` terms: the live index over the
 * glossary document, one search per keystroke (8 results, like the palette), a keystroke right
 * after someone else's edit (which the index applies first), and the term finder over a long text.
 * The same code runs in Node and, bundled, in Chromium.
 */
export function measureLocal(count = 5000, now: () => number = () => performance.now()): LocalResults {
  const data = syntheticGlossary(count);
  const doc = new Y.Doc();
  const ids = data.map((t) => addTerm(doc, t));
  const index = new GlossaryIndex(doc);

  let start = now();
  index.list();
  index.search('warm', 8);
  const buildIndexMs = now() - start;

  const typed = keystrokes(data);
  for (const q of typed.slice(0, 100)) index.search(q, 8);
  const keystroke: number[] = [];
  for (const q of typed) {
    start = now();
    index.search(q, 8);
    keystroke.push(now() - start);
  }

  // Someone edits a meaning (the usual remote change) just before the keystroke.
  const afterEdit: number[] = [];
  typed.slice(0, 300).forEach((q, i) => {
    const text = termsOf(doc).get(ids[(i * 37) % ids.length]!)!.get('marketing') as Y.Text;
    text.insert(0, 'x');
    start = now();
    index.search(q, 8);
    afterEdit.push(now() - start);
  });

  const text = runningText(data);
  index.find(text);
  const finder: number[] = [];
  let occurrencesFound = 0;
  for (let i = 0; i < 200; i++) {
    start = now();
    occurrencesFound = index.find(text).length;
    finder.push(now() - start);
  }

  // A renamed term rebuilds the finder on the next look-up.
  const rebuild: number[] = [];
  for (let i = 0; i < 10; i++) {
    termsOf(doc).get(ids[i]!)!.set('term', `Renamed ${i}`);
    start = now();
    index.find(text);
    rebuild.push(now() - start);
  }

  index.destroy();
  return {
    terms: count,
    buildIndexMs: Math.round(buildIndexMs * 10) / 10,
    keystroke: summarise(keystroke),
    keystrokeAfterRemoteEdit: summarise(afterEdit),
    finder2000Words: summarise(finder),
    finderRebuildMs: summarise(rebuild),
    occurrencesFound,
  };
}
