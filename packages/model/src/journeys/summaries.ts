import type { Journey, PainPoint } from './types';

/** What a stage (or the unplaced lane) holds, as its column header shows it. */
export interface PainSummary {
  /** Pain points not resolved yet (status open or in progress). */
  open: number;
  inProgress: number;
  resolved: number;
  /** The highest severity among the unresolved ones, or null when there are none. */
  worstSeverity: number | null;
  /**
   * The share (0 to 1) of the unresolved pain points caused in the back office: `back` counts 1,
   * `both` one half, `front` 0. Null when there are none.
   */
  backOfficeShare: number | null;
}

/** Summarises a set of pain points (one stage's, the unplaced lane's, or a whole journey's). */
export function summarisePainPoints(painPoints: readonly PainPoint[]): PainSummary {
  const unresolved = painPoints.filter((p) => p.status !== 'resolved');
  const back = unresolved.reduce((sum, p) => sum + (p.side === 'back' ? 1 : p.side === 'both' ? 0.5 : 0), 0);
  return {
    open: unresolved.length,
    inProgress: unresolved.filter((p) => p.status === 'in-progress').length,
    resolved: painPoints.length - unresolved.length,
    worstSeverity: unresolved.length > 0 ? Math.max(...unresolved.map((p) => p.severity)) : null,
    backOfficeShare: unresolved.length > 0 ? back / unresolved.length : null,
  };
}

export interface StageSummary extends PainSummary {
  stageId: string;
}

/** One summary per stage, in stage order. Unplaced pain points are summarised by `unplacedOf`. */
export function summariseStages(journey: Journey): StageSummary[] {
  const byStage = new Map<string, PainPoint[]>();
  for (const p of journey.painPoints) {
    if (!p.stageId) continue;
    const list = byStage.get(p.stageId) ?? [];
    list.push(p);
    byStage.set(p.stageId, list);
  }
  return journey.stages.map((s) => ({ stageId: s.id, ...summarisePainPoints(byStage.get(s.id) ?? []) }));
}

/** The pain points and notes whose stage no longer exists: the map's "unplaced" lane. */
export function unplacedOf(journey: Journey): { painPoints: PainPoint[]; notes: Journey['notes'] } {
  return { painPoints: journey.painPoints.filter((p) => p.stageId === null), notes: journey.notes.filter((n) => n.stageId === null) };
}

/** A journey as its card in the list shows it. */
export interface JourneyCard {
  id: string;
  title: string;
  persona: string;
  stages: number;
  touchpoints: number;
  painPoints: number;
  /** Unresolved pain points. */
  open: number;
  worstSeverity: number | null;
  notes: number;
}

export function journeyCard(journey: Journey): JourneyCard {
  const summary = summarisePainPoints(journey.painPoints);
  return {
    id: journey.id,
    title: journey.title,
    persona: journey.persona,
    stages: journey.stages.length,
    touchpoints: journey.stages.reduce((n, s) => n + s.touchpoints.length, 0),
    painPoints: journey.painPoints.length,
    open: summary.open,
    worstSeverity: summary.worstSeverity,
    notes: journey.notes.length,
  };
}
