/**
 * Thrown by the model's write functions when an edit names an entry that no longer exists (a KPI,
 * term, journey, meeting or anything inside them, deleted or merged by someone else a moment ago).
 * Screens tell this apart from real faults: the edit is simply not made.
 */
export class EntryMissing extends Error {
  override readonly name = 'EntryMissing';
}
