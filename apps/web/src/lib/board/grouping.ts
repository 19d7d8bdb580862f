import { CATEGORY_LABELS, KPI_CATEGORIES, SEAT_LABELS, SEATS, type Kpi } from '@troika/model';

export const GROUP_MODES = ['category', 'seat'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

export interface KpiGroup {
  key: string;
  label: string;
  kpis: Kpi[];
}

/**
 * The board's sections. By category: each KPI once, categories in their usual order. By seat: each
 * seat's scorecard, so a shared KPI shows under every owner; KPIs nobody owns come last. Empty
 * sections are left out; KPIs keep board order inside each.
 */
export function groupKpis(kpis: readonly Kpi[], mode: GroupMode): KpiGroup[] {
  if (mode === 'category') {
    return KPI_CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c], kpis: kpis.filter((k) => k.category === c) })).filter(
      (g) => g.kpis.length > 0,
    );
  }
  const groups: KpiGroup[] = SEATS.map((s) => ({ key: s, label: SEAT_LABELS[s], kpis: kpis.filter((k) => k.owners.includes(s)) }));
  groups.push({ key: 'none', label: 'No owner yet', kpis: kpis.filter((k) => k.owners.length === 0) });
  return groups.filter((g) => g.kpis.length > 0);
}

/**
 * The board index (as `moveKpi` takes it: among the other KPIs) that puts `movingId` just before or
 * after `targetId`. Null when either is unknown or they are the same KPI.
 */
export function indexBeside(board: readonly Pick<Kpi, 'id'>[], movingId: string, targetId: string, place: 'before' | 'after'): number | null {
  if (movingId === targetId || !board.some((k) => k.id === movingId)) return null;
  const others = board.filter((k) => k.id !== movingId);
  const at = others.findIndex((k) => k.id === targetId);
  if (at < 0) return null;
  return place === 'before' ? at : at + 1;
}

/**
 * The board index that moves a KPI one place up (-1) or down (+1) among the KPIs of its section,
 * which may not be neighbours on the board. Null at the section's edge.
 */
export function indexForStep(board: readonly Pick<Kpi, 'id'>[], section: readonly Pick<Kpi, 'id'>[], id: string, step: -1 | 1): number | null {
  const at = section.findIndex((k) => k.id === id);
  const neighbour = at < 0 ? undefined : section[at + step];
  if (!neighbour) return null;
  return indexBeside(board, id, neighbour.id, step < 0 ? 'before' : 'after');
}
