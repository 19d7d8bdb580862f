import type { FieldChange } from './types';

/** Deep equality of plain JSON values (what the readers return). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The listed fields whose values differ between two plain objects, in the order listed. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (!sameValue(before[field], after[field])) out.push({ field, from: before[field], to: after[field] });
  }
  return out;
}

/** Entries of two id-keyed collections paired up: removed, added, and present in both. */
export function pairById<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const was = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  return {
    added: after.filter((x) => !was.has(x.id)),
    removed: before.filter((x) => !now.has(x.id)),
    both: after.filter((x) => was.has(x.id)).map((x) => [was.get(x.id)!, x] as const),
  };
}
