import type { Kpi } from '@troika/model';

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
  a.length === b.length && a.every((x, i) => same(x, b[i]!));

/** Whether two reads of a KPI hold the same data. */
export function sameKpi(a: Kpi, b: Kpi): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.description === b.description &&
    a.kind === b.kind &&
    a.category === b.category &&
    a.unit === b.unit &&
    a.direction === b.direction &&
    a.target === b.target &&
    a.order === b.order &&
    sameList(a.owners, b.owners, (x, y) => x === y) &&
    sameList(a.outcomes, b.outcomes, (x, y) => x === y) &&
    sameList(a.values, b.values, (x, y) => x.at === y.at && x.value === y.value)
  );
}

/**
 * A fresh read of the board that keeps the previous objects of the KPIs that did not change (and
 * the previous array when nothing did). Svelte then updates only the cards whose KPI changed: one
 * keystroke in a description re-renders one card, not the board.
 */
export function reuseUnchanged(previous: readonly Kpi[], next: readonly Kpi[]): readonly Kpi[] {
  const before = new Map(previous.map((k) => [k.id, k]));
  let changed = previous.length !== next.length;
  const result = next.map((kpi, i) => {
    const old = before.get(kpi.id);
    if (old && sameKpi(old, kpi)) {
      if (previous[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return kpi;
  });
  return changed ? result : previous;
}
