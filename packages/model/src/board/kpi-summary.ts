import { kpiStatus, type KpiStatus } from './kpi-status';
import { kpiTrend, type Trend } from './kpi-trend';
import type { Kpi, KpiValue } from './types';

/** A KPI as `GET /api/workspaces/:id/kpis` returns it, and as cards show it. */
export interface KpiSummary extends Omit<Kpi, 'values' | 'description' | 'order'> {
  latest: KpiValue | null;
  status: KpiStatus;
  trend: Trend;
}

/** The latest value, status and trend of a KPI. */
export function summariseKpi(kpi: Kpi): KpiSummary {
  const { values, description: _d, order: _o, ...rest } = kpi;
  const latest = values.at(-1) ?? null;
  return { ...rest, latest, status: kpiStatus(latest, kpi.target, kpi.direction), trend: kpiTrend(values, kpi.direction, kpi.target) };
}
