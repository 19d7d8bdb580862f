import type * as Y from 'yjs';
import { EntryMissing } from '../entry-missing';
import { readTerm, touchTerm } from './glossary-doc';
import { foldKey } from './normalize';
import { TEXT_KEYS, deleteWhere, termMap, termsOf, yArray, yText } from './term-maps';
import { TermResolver, mergeTarget } from './term-resolver';
import type { Actor } from './types';


/**
 * Merges a duplicate (`dropId`) into the term that stays (`keepId`), losing nothing: each of the
 * duplicate's texts that says something else is appended to the kept one's; its name, abbreviation and
 * synonyms become synonyms (or the abbreviation, if the kept term has none); its related terms join,
 * and every link to it now points at the kept term. A live duplicate revives a deprecated kept term
 * (proposed); `agreed` is never written here: only both sides' signatures make a term agreed, and the
 * server re-settles the kept term's status once its meanings changed (see agreement.ts).
 *
 * The duplicate is not deleted but marked `mergedInto: keepId` and hidden, so that an edit someone made
 * to it concurrently is not destroyed, old links to it still lead somewhere, and two people merging
 * the same pair in opposite directions at once end with one term that holds both (see resolveTermId).
 */
export function mergeTerms(doc: Y.Doc, keepId: string, dropId: string, actor?: Actor): void {
  if (keepId === dropId) throw new Error('a term cannot be merged into itself');
  doc.transact(() => {
    const terms = termsOf(doc);
    const keepMap = termMap(doc, keepId);
    const dropMap = termMap(doc, dropId);
    const resolver = new TermResolver(terms);
    if (!resolver.isLive(keepId) || !resolver.isLive(dropId)) throw new EntryMissing('only live terms can be merged');
    const keep = readTerm(keepId, keepMap);
    const drop = readTerm(dropId, dropMap);

    for (const key of TEXT_KEYS) {
      const theirs = drop[key].trim();
      if (!foldKey(theirs) || foldKey(keep[key]).includes(foldKey(theirs))) continue;
      const text = yText(keepMap, key);
      text.insert(text.length, keep[key].trim() ? `\n\n${theirs}` : theirs);
    }

    let abbreviation = keep.abbreviation;
    if (!foldKey(abbreviation) && drop.abbreviation) {
      abbreviation = drop.abbreviation;
      keepMap.set('abbreviation', abbreviation);
    }
    const taken = new Set([keep.term, abbreviation, ...keep.synonyms].map(foldKey));
    const synonyms: string[] = [];
    for (const name of [drop.term, drop.abbreviation, ...drop.synonyms]) {
      const key = foldKey(name);
      if (!key || taken.has(key)) continue;
      taken.add(key);
      synonyms.push(name.trim());
    }
    if (synonyms.length > 0) yArray(keepMap, 'synonyms').push(synonyms);

    // Links: the duplicate's related terms join the kept term's; links to the duplicate move to it.
    const keepRelated = yArray(keepMap, 'related');
    const have = new Set(keepRelated.toArray());
    const joining = drop.related.filter((id) => id !== keepId && id !== dropId && !have.has(id));
    if (joining.length > 0) keepRelated.push(joining);
    deleteWhere(keepRelated, (id) => id === dropId);
    for (const [id, map] of terms) {
      if (id === keepId || id === dropId) continue;
      const related = map.get('related');
      if (!related || !deleteWhere(yArray(map, 'related'), (x) => x === dropId)) continue;
      const links = yArray(map, 'related');
      if (!links.toArray().includes(keepId)) links.push([keepId]);
    }
    for (const id of drop.related) {
      if (id === keepId || !terms.has(id)) continue;
      const links = yArray(termMap(doc, id), 'related');
      if (!links.toArray().includes(keepId)) links.push([keepId]);
    }

    if (keep.status === 'deprecated' && drop.status !== 'deprecated') keepMap.set('status', 'proposed');
    // Flattened as written: duplicates that led to the dropped term now point straight at the kept one,
    // so merges never build chains (readers resolve chains in linear time all the same). Found before
    // any is rewritten, while the resolver's view of the document still holds.
    const leadingToDrop = [...terms].filter(([id, map]) => id !== dropId && mergeTarget(map) !== null && resolver.resolve(id) === dropId);
    for (const [, map] of leadingToDrop) map.set('mergedInto', keepId);
    dropMap.set('mergedInto', keepId);
    if (actor) {
      touchTerm(doc, keepId, actor);
      touchTerm(doc, dropId, actor);
    }
  });
}
