// War-room scene "12-week trends": for each of the 12 ISO weeks ending with the week of the period's last day, the
// weekly figures pooled over the scope — won amount, new deals, win rate, revenue attainment, effective follow-ups,
// high-value ratio, lead response, stage-advance efficiency, PHI and data health.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { TrendsScene } from '../../../shared/analytics/scenes';
import { addFacts, emptyFacts } from '../metrics/facts';
import { kpisFromFacts, phiWeights } from '../metrics/kpis';
import { rollupByKey, rollupFacts } from '../metrics/rollup-facts';
import { repWorkingDays, scopedReps } from '../metrics/reps';
import { loadTargetRows, targetsFor } from '../metrics/targets';
import type { Snapshot } from '../snapshot';
import { type DayRange, dayToDate, isoWeekLabel, isoWeekStart, resolvedPeriod } from '../time';
import { sceneCtx } from './common';

export const TREND_WEEKS = 12;

export function trendsScene(s: Snapshot, scope: Scope | undefined, period: Period): TrendsScene {
  const ctx = sceneCtx(s, scope, period);
  const last = isoWeekStart(ctx.range.toDay - 1);
  const first = last - 7 * (TREND_WEEKS - 1);
  const weeks: DayRange[] = Array.from({ length: TREND_WEEKS }, (_, i) => ({
    kind: 'week',
    label: isoWeekLabel(first + 7 * i),
    fromDay: first + 7 * i,
    toDay: first + 7 * i + 7,
  }));
  const sums = rollupByKey(rollupFacts(s, ctx.scope, first, last + 7, 'week'));
  const reps = scopedReps(s, ctx.scope);
  const offsets = new Map(ctx.scope.regions.map((r) => [r.id, r.offsetMin]));
  const weights = phiWeights(s);
  const targets = loadTargetRows(s, ctx.scope, first, last + 7);
  const points = weeks.map((w) => {
    let facts = addFacts(emptyFacts(), sums.get(String(w.fromDay)) ?? {});
    const workdays = reps.reduce((n, rep) => n + repWorkingDays(rep, offsets.get(rep.regionId) ?? 0, w.fromDay, w.toDay), 0);
    facts = addFacts(facts, { repWorkingDays: workdays });
    for (const t of targetsFor(targets, w).values()) facts = addFacts(facts, t);
    const k = kpisFromFacts(facts, { medianResponseHours: null, lostReasons: [] }, weights);
    return {
      week: w.label,
      from: dayToDate(w.fromDay),
      to: dayToDate(w.toDay - 1),
      wonAmount: k.result.wonAmount,
      newDeals: k.result.newDeals,
      winRate: k.result.winRate,
      attainmentRevenue: k.result.attainment.revenue,
      effectiveFollowUpsPerRepDay: k.behaviour.effectiveFollowUpsPerRepDay,
      highValueRatio: k.behaviour.highValueRatio,
      leadResponseWithin24h: k.process.leadResponseWithin24h,
      stageAdvanceEfficiency: k.process.stageAdvanceEfficiency,
      phi: k.phi.value,
      dataHealth: k.dataHealth.value,
    };
  });
  const span: DayRange = {
    kind: 'custom',
    label: `${weeks[0]?.label ?? ''}..${weeks[TREND_WEEKS - 1]?.label ?? ''}`,
    fromDay: first,
    toDay: last + 7,
  };
  return { ...ctx.header, period: resolvedPeriod(span), weeks: points };
}
