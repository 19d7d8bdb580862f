import * as Y from 'yjs';
import { readApprovals } from './agreement';
import { newId } from '../ids';
import { compareNames, foldKey } from './normalize';
import { ABBREVIATION_MAX, TERM_MAX, TEXT_KEYS, arrayOf, deleteWhere, pickStatus, stringOrNull, termMap, termsOf, textOf, yArray, yText } from './term-maps';
import { TermResolver } from './term-resolver';
import type { Actor, GlossaryTerm, TermInput } from './types';

export { termsOf, TERM_MAX, ABBREVIATION_MAX } from './term-maps';

/** Whether this id is a term people see (not deleted, not merged away). */
export function isLiveTerm(terms: Y.Map<Y.Map<unknown>>, id: string): boolean {
  return new TermResolver(terms).isLive(id);
}

/** Reads one term's Y.Map as plain data; `resolve` maps related ids to live ones (null drops them). */
export function readTerm(id: string, map: Y.Map<unknown>, resolve: (id: string) => string | null = (x) => x): GlossaryTerm {
  const term = String(map.get('term') ?? '').trim();
  const abbreviation = String(map.get('abbreviation') ?? '').trim();
  const taken = new Set([foldKey(term), foldKey(abbreviation)]);
  const synonyms: string[] = [];
  for (const raw of arrayOf(map, 'synonyms')) {
    const synonym = typeof raw === 'string' ? raw.trim() : '';
    const key = foldKey(synonym);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    synonyms.push(synonym);
  }
  const related = new Set<string>();
  for (const raw of arrayOf(map, 'related')) {
    const live = typeof raw === 'string' ? resolve(raw) : null;
    if (live && live !== id) related.add(live);
  }
  return {
    id,
    term,
    abbreviation,
    definition: textOf(map, 'definition'),
    it: textOf(map, 'it'),
    marketing: textOf(map, 'marketing'),
    synonyms,
    related: [...related],
    status: pickStatus(map.get('status')),
    updatedBy: stringOrNull(map.get('updatedBy')),
    updatedAt: stringOrNull(map.get('updatedAt')),
    approvals: readApprovals(map),
    changedSinceAgreed: map.get('changedSinceAgreed') === true,
    meaningBy: stringOrNull(map.get('meaningBy')),
  };
}

/** Sorts terms alphabetically, case- and accent-insensitively, the id breaking ties (in place, and returns them). */
export function sortTerms<T extends { term: string; id: string }>(terms: T[]): T[] {
  // Each name folded once, not once per comparison.
  const keyed = terms.map((t) => ({ t, key: foldKey(t.term) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : compareNames(a.t.term, b.t.term) || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0)));
  keyed.forEach(({ t }, i) => (terms[i] = t));
  return terms;
}

/** Every live term, alphabetically. */
export function readGlossary(doc: Y.Doc): GlossaryTerm[] {
  const terms = termsOf(doc);
  // One resolver for the whole pass: each entry is walked once, however its merges chain.
  const resolver = new TermResolver(terms);
  const resolve = (id: string) => resolver.resolve(id);
  const live: GlossaryTerm[] = [];
  for (const [id, map] of terms) if (resolve(id) === id) live.push(readTerm(id, map, resolve));
  return sortTerms(live);
}

/** One live term by id (a merged id gives the term it was merged into), or null. */
export function findTerm(doc: Y.Doc, id: string): GlossaryTerm | null {
  const resolver = new TermResolver(termsOf(doc));
  const live = resolver.resolve(id);
  if (!live) return null;
  return readTerm(live, termsOf(doc).get(live)!, (x) => resolver.resolve(x));
}


function checkName(term: string): string {
  const name = term.trim();
  if (!foldKey(name)) throw new Error('a term needs a name with at least one letter or digit');
  if (name.length > TERM_MAX) throw new Error(`a term is at most ${TERM_MAX} characters`);
  return name;
}



/** Rewrites a Y.Text to `value` touching only the changed middle, so others' edits around it survive. */
export function replaceText(text: Y.Text, value: string): void {
  const old = text.toString();
  if (old === value) return;
  let start = 0;
  while (start < old.length && start < value.length && old[start] === value[start]) start++;
  let end = 0;
  while (end < old.length - start && end < value.length - start && old[old.length - 1 - end] === value[value.length - 1 - end]) end++;
  text.doc!.transact(() => {
    text.delete(start, old.length - start - end);
    text.insert(start, value.slice(start, value.length - end));
  });
}

/** Records who changed a term and when (call inside the change's transaction). */
export function touchTerm(doc: Y.Doc, id: string, actor: Actor): void {
  doc.transact(() => {
    const map = termMap(doc, id);
    map.set('updatedBy', actor.id);
    map.set('updatedAt', actor.at ?? new Date().toISOString());
  });
}

/** Adds a term (status `proposed` unless given); returns its id. */
export function addTerm(doc: Y.Doc, input: TermInput, actor?: Actor, id = newId()): string {
  const name = checkName(input.term);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('term', name);
    map.set('abbreviation', (input.abbreviation ?? '').trim().slice(0, ABBREVIATION_MAX));
    for (const key of TEXT_KEYS) map.set(key, new Y.Text(input[key] ?? ''));
    map.set('synonyms', Y.Array.from(cleanSynonyms(input.synonyms ?? [], name)));
    map.set('related', new Y.Array<string>());
    map.set('status', input.status ?? 'proposed');
    termsOf(doc).set(id, map);
    if (actor) touchTerm(doc, id, actor);
  });
  return id;
}

function cleanSynonyms(list: readonly string[], term: string): string[] {
  const seen = new Set([foldKey(term)]);
  const out: string[] = [];
  for (const raw of list) {
    const synonym = raw.trim().slice(0, TERM_MAX);
    const key = foldKey(synonym);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(synonym);
  }
  return out;
}

/** Changes the given fields; unchanged values are not rewritten, texts are changed in place. */
export function updateTerm(doc: Y.Doc, id: string, patch: Partial<TermInput>, actor?: Actor): void {
  doc.transact(() => {
    const map = termMap(doc, id);
    let changed = false;
    const set = (key: string, value: unknown) => {
      if (map.get(key) !== value) {
        map.set(key, value);
        changed = true;
      }
    };
    if (patch.term !== undefined) set('term', checkName(patch.term));
    if (patch.abbreviation !== undefined) set('abbreviation', patch.abbreviation.trim().slice(0, ABBREVIATION_MAX));
    if (patch.status !== undefined) set('status', pickStatus(patch.status));
    for (const key of TEXT_KEYS) {
      const value = patch[key];
      if (value === undefined) continue;
      const text = yText(map, key);
      if (text.toString() !== value) {
        replaceText(text, value);
        changed = true;
      }
    }
    if (patch.synonyms !== undefined && setSynonymsIn(map, patch.synonyms)) changed = true;
    if (changed && actor) touchTerm(doc, id, actor);
  });
}

/** Makes the synonyms exactly `list` (deduplicated), touching only those that change. */
function setSynonymsIn(map: Y.Map<unknown>, list: readonly string[]): boolean {
  const array = yArray(map, 'synonyms');
  const want = cleanSynonyms(list, String(map.get('term') ?? ''));
  const wantKeys = new Set(want.map(foldKey));
  const items = array.toArray();
  let changed = false;
  const kept = new Set<string>();
  for (let i = items.length - 1; i >= 0; i--) {
    const key = foldKey(String(items[i] ?? ''));
    const keepIt = wantKeys.has(key) && !kept.has(key) && want.includes(items[i]!);
    if (keepIt) kept.add(key);
    else {
      array.delete(i, 1);
      changed = true;
    }
  }
  const missing = want.filter((s) => !kept.has(foldKey(s)));
  if (missing.length > 0) {
    array.push(missing);
    changed = true;
  }
  return changed;
}

/** Adds one synonym (no-op when the term already has it). */
export function addSynonym(doc: Y.Doc, id: string, synonym: string, actor?: Actor): void {
  const term = readTerm(id, termMap(doc, id));
  updateTerm(doc, id, { synonyms: [...term.synonyms, synonym] }, actor);
}

/** Removes one synonym (compared case- and accent-insensitively). */
export function removeSynonym(doc: Y.Doc, id: string, synonym: string, actor?: Actor): void {
  const term = readTerm(id, termMap(doc, id));
  const key = foldKey(synonym);
  updateTerm(doc, id, { synonyms: term.synonyms.filter((s) => foldKey(s) !== key) }, actor);
}

/** Marks a term deprecated: it stays findable, flagged, so old documents still make sense. */
export function deprecateTerm(doc: Y.Doc, id: string, actor?: Actor): void {
  updateTerm(doc, id, { status: 'deprecated' }, actor);
}

/** Links two terms as related, both ways (no-op when already linked). */
export function linkRelated(doc: Y.Doc, a: string, b: string, actor?: Actor): void {
  if (a === b) throw new Error('a term cannot be related to itself');
  doc.transact(() => {
    const maps = [termMap(doc, a), termMap(doc, b)] as const;
    for (const [map, other] of [
      [maps[0], b],
      [maps[1], a],
    ] as const) {
      const related = yArray(map, 'related');
      if (!related.toArray().includes(other)) related.push([other]);
    }
    if (actor) {
      touchTerm(doc, a, actor);
      touchTerm(doc, b, actor);
    }
  });
}


/** Unlinks two related terms, both ways. */
export function unlinkRelated(doc: Y.Doc, a: string, b: string, actor?: Actor): void {
  doc.transact(() => {
    const terms = termsOf(doc);
    const resolver = new TermResolver(terms);
    for (const [id, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const map = terms.get(id);
      if (map && deleteWhere(yArray(map, 'related'), (x) => x === other || resolver.resolve(x) === other) && actor) touchTerm(doc, id, actor);
    }
  });
}

/** Deletes a term for good and drops the links other terms had to it. */
export function deleteTerm(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    const terms = termsOf(doc);
    terms.delete(id);
    for (const map of terms.values()) {
      const related = map.get('related');
      if (related instanceof Y.Array) deleteWhere(related as Y.Array<string>, (x) => x === id);
    }
  });
}

/**
 * Whether a term still needs a common meaning: not agreed by both sides, and its IT and marketing
 * meanings differ (both given, and not the same once case, accents and punctuation are folded). A
 * term both sides signed has its common meaning, whatever each side's own wording.
 */
export function needsCommonMeaning(term: Pick<GlossaryTerm, 'it' | 'marketing'> & { status?: GlossaryTerm['status'] }): boolean {
  if (term.status === 'agreed') return false;
  const it = foldKey(term.it);
  const marketing = foldKey(term.marketing);
  return it !== '' && marketing !== '' && it !== marketing;
}
