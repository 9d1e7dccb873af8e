// Headline figures and their change against the previous period (week-over-week for an ISO week). Point-in-time
// figures (stage-overdue rate, pipeline coverage) have no history in the replica, so their previous value is null.
import { type Delta, type HeadlineDeltas, type HeadlineKey, HEADLINE_KEYS, type Kpis } from '../../../shared/analytics/metrics';

export function headline(k: Kpis): Record<HeadlineKey, number | null> {
  return {
    wonAmount: k.result.wonAmount,
    attainmentRevenue: k.result.attainment.revenue.value,
    winRate: k.result.winRate.value,
    pipelineCoverage: k.result.pipelineCoverage.value,
    newDeals: k.result.newDeals,
    effectiveFollowUpsPerRepDay: k.behaviour.effectiveFollowUpsPerRepDay.value,
    highValueRatio: k.behaviour.highValueRatio.value,
    phi: k.phi.value,
    dataHealth: k.dataHealth.value,
    leadResponseWithin24h: k.process.leadResponseWithin24h.value,
    stageOverdueRate: k.process.stageOverdueRate.value,
  };
}

const POINT_IN_TIME: ReadonlySet<HeadlineKey> = new Set(['pipelineCoverage', 'stageOverdueRate']);

export function delta(current: number | null, previous: number | null): Delta {
  const d = current === null || previous === null ? null : current - previous;
  return {
    current,
    previous,
    delta: d,
    deltaPct: d === null || previous === 0 || previous === null ? null : d / Math.abs(previous),
  };
}

export function headlineDeltas(current: Kpis, previous: Kpis): HeadlineDeltas {
  const now = headline(current);
  const before = headline(previous);
  const out = {} as HeadlineDeltas;
  for (const key of HEADLINE_KEYS) out[key] = delta(now[key], POINT_IN_TIME.has(key) ? null : before[key]);
  return out;
}
