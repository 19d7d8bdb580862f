import type { Kpi } from '@troika/model';

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
  a.length === b.length && a.every((x, i) => same(x, b[i]!));
const sameStrings = (a: readonly string[], b: readonly string[]) => sameList(a, b, (x, y) => x === y);
const sameValues = (a: Kpi['values'], b: Kpi['values']) => sameList(a, b, (x, y) => x.at === y.at && x.value === y.value);

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
    sameStrings(a.owners, b.owners) &&
    sameStrings(a.outcomes, b.outcomes) &&
    sameValues(a.values, b.values)
  );
}

/** The new read of a KPI, keeping the old arrays that did not change (a chart of unchanged values is not redrawn). */
function share(old: Kpi, next: Kpi): Kpi {
  return {
    ...next,
    owners: sameStrings(old.owners, next.owners) ? old.owners : next.owners,
    outcomes: sameStrings(old.outcomes, next.outcomes) ? old.outcomes : next.outcomes,
    values: sameValues(old.values, next.values) ? old.values : next.values,
  };
}

/**
 * A fresh read of the board that keeps the previous objects of the KPIs that did not change (and
 * the previous array when nothing did), and inside a changed KPI the arrays that did not. Svelte
 * then updates only what changed: one keystroke in a description re-renders one card's text, not
 * the board or the KPI's chart.
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
    return old ? share(old, kpi) : kpi;
  });
  return changed ? result : previous;
}
