import { seededRandom } from '@troika/model/testing';

/**
 * A synthetic glossary of realistic shape for the benchmark: names of one to three business and
 * technology words (unique), abbreviations for most multi-word names, a few synonyms, and texts of
 * twenty-odd words, all from one seed so every run measures the same glossary.
 */

const WORDS = `account acquisition active adoption agency agile analytics api application architecture asset attribution audience
audit availability backlog balance bandwidth baseline benchmark billing brand budget build bundle business cache campaign
capacity capital cart catalog channel checkout churn click cloud cluster cohort commerce commitment compliance component
consent content contract conversion cookie cost coverage customer dashboard data database deal decision delivery demand
deployment design device digital discount domain downtime dwell edge effort email employee endpoint engagement enterprise
entry environment event experience experiment exposure feature feedback field file filter finance forecast form frequency
funnel gateway governance gross growth handover identity impression incident index infrastructure insight integration
interface inventory invoice journey key landing latency launch lead ledger license lifecycle lifetime loyalty margin market
marketing master media merchant message metric migration mobile model monitoring net network offer onboarding order outage
owner page partner payment performance persona pipeline platform policy portal premium price pricing privacy process product
profile program project promotion prospect quality query queue quota rate reach recovery referral region release reliability
renewal report request resolution response retention return revenue risk roadmap rollout sales scale schema score security
segment sentiment server service session share signal sprint stack stakeholder storage strategy subscription supplier support
survey system target team tenant test ticket time token touchpoint traffic transaction trial trust uptime usage user value
vendor velocity version visit visitor volume warehouse web workflow workload yield`.split(/\s+/);

export interface SyntheticTerm {
  term: string;
  abbreviation: string;
  synonyms: string[];
  definition: string;
  it: string;
  marketing: string;
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `count` unique synthetic terms. */
export function syntheticGlossary(count: number, seed = 42): SyntheticTerm[] {
  const random = seededRandom(seed);
  const sentence = (n: number) => capital(Array.from({ length: n }, () => random.pick(WORDS)).join(' ')) + '.';
  const names = new Set<string>();
  const terms: SyntheticTerm[] = [];
  while (terms.length < count) {
    const length = random.chance(0.1) ? 1 : random.chance(0.6) ? 2 : 3;
    const words = Array.from({ length }, () => random.pick(WORDS));
    const term = capital(words.join(' '));
    if (names.has(term.toLowerCase())) continue;
    names.add(term.toLowerCase());
    const abbreviation = length > 1 && random.chance(0.6) ? words.map((w) => w[0]!.toUpperCase()).join('') : '';
    const synonyms = Array.from({ length: random.int(3) }, () => `${random.pick(WORDS)} ${random.pick(WORDS)}`);
    terms.push({ term, abbreviation, synonyms, definition: sentence(15 + random.int(15)), it: sentence(20 + random.int(20)), marketing: sentence(20 + random.int(20)) });
  }
  return terms;
}

/** What people type into the palette, keystroke by keystroke: prefixes of names, abbreviations, and whole words with a typo. */
export function keystrokes(terms: readonly SyntheticTerm[], people = 60, seed = 7): string[] {
  const random = seededRandom(seed);
  const typed: string[] = [];
  for (let i = 0; i < people; i++) {
    const t = random.pick(terms);
    const target = random.chance(0.2) && t.abbreviation ? t.abbreviation : t.term;
    for (let n = 1; n <= Math.min(target.length, 14); n++) typed.push(target.slice(0, n));
    // The same word again with two neighbouring letters swapped (a typo), typed to the end.
    const word = t.term.split(' ')[0]!;
    if (word.length > 4) {
      const at = 1 + random.int(word.length - 2);
      typed.push(word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2));
    }
  }
  return typed;
}

/** A text of `words` words where about one word in ten belongs to a glossary name. */
export function runningText(terms: readonly SyntheticTerm[], words = 2000, seed = 9): string {
  const random = seededRandom(seed);
  const out: string[] = [];
  while (out.length < words) {
    if (random.chance(0.08)) out.push(...random.pick(terms).term.split(' '));
    else if (random.chance(0.02)) out.push(random.pick(terms).abbreviation || 'SLA');
    else out.push(random.pick(['the', 'and', 'of', 'our', 'we', 'a', 'to', 'for', 'in', 'is', 'with', 'that', 'on', 'it']));
    if (random.chance(0.06)) out[out.length - 1] += '.';
  }
  return out.slice(0, words).join(' ');
}
