// The KPI block of a scope and period — behaviour, process, result, PHI and data health — derived from pooled Facts
// plus the few figures that do not pool (median lead response, lost reasons). Definitions: docs/metrics.md.
import type { Kpis } from '../../../shared/analytics/metrics';
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { ratio } from '../sql';
import { DAY_MS, type DayRange } from '../time';
import { type Facts, poolFacts } from './facts';
import { medianResponseHours } from './lead-response';
import { type LostReason, lostReasonsTop } from './lost-reasons';
import { regionFacts } from './region-facts';
import { type PhiWeights, dataHealthScore, phiScore } from './scores';

export interface KpiExtras {
  medianResponseHours: number | null;
  lostReasons: LostReason[];
}

export function phiWeights(s: Snapshot, regionId?: string): PhiWeights {
  const where = regionId ? { regionId } : {};
  return {
    keyActions: s.thresholds.get('phi', 'weightKeyActions', where),
    quality: s.thresholds.get('phi', 'weightQuality', where),
    response: s.thresholds.get('phi', 'weightResponse', where),
  };
}

export function kpisFromFacts(f: Facts, extras: KpiExtras, weights: PhiWeights): Kpis {
  const remaining = f.targetRevenue === null ? 0 : f.targetRevenue - f.wonAmount;
  return {
    behaviour: {
      activities: f.acts,
      effectiveFollowUpsPerRepDay: ratio(f.effective, f.repWorkingDays),
      highValueRatio: ratio(f.highValue, f.acts),
    },
    process: {
      stageOverdueRate: ratio(f.overdueDeals, f.openDeals),
      requiredFieldMissingRate: ratio(f.missingDeals, f.openDeals),
      leadFirstResponseMedianHours: extras.medianResponseHours,
      leadResponseWithin24h: ratio(f.leadsOnTime, f.leadsAssigned),
      sleepingLeadRate: ratio(f.sleepingLeads, f.openLeads),
      stageAdvanceEfficiency: ratio(f.advances, f.effective),
    },
    result: {
      wonAmount: f.wonAmount,
      wonDeals: f.dealsWon,
      lostDeals: f.dealsLost,
      newDeals: f.dealsNew,
      winRate: ratio(f.dealsWon, f.dealsWon + f.dealsLost),
      avgCycleDays: f.dealsWon > 0 ? f.wonCycleMs / f.dealsWon / DAY_MS : null,
      targets: { revenue: f.targetRevenue, wonDeals: f.targetWonDeals, newDeals: f.targetNewDeals },
      attainment: {
        revenue: ratio(f.wonAmount, f.targetRevenue ?? 0),
        wonDeals: ratio(f.dealsWon, f.targetWonDeals ?? 0),
        newDeals: ratio(f.dealsNew, f.targetNewDeals ?? 0),
      },
      openPipeline: f.openPipeline,
      pipelineCoverage: ratio(f.openPipeline, Math.max(0, remaining)),
      lostReasonsTop3: extras.lostReasons,
    },
    phi: phiScore(f, weights),
    dataHealth: dataHealthScore(f),
  };
}

export interface ScopeKpis {
  kpis: Kpis;
  byRegion: Map<string, Facts>;
}

/**
 * KPIs of the whole scope, keeping the per-region facts for rankings. `current` adds the point-in-time facts (open
 * deals and leads as of now); `extras` the figures that need their own read (median response, lost reasons).
 */
export function computeKpis(s: Snapshot, scope: ScopeCtx, range: DayRange, o = { current: true, extras: true }): ScopeKpis {
  const byRegion = regionFacts(s, scope, range, { current: o.current });
  const extras: KpiExtras = o.extras
    ? {
        medianResponseHours: medianResponseHours(s, scope, range),
        lostReasons: lostReasonsTop(s, scope, range),
      }
    : { medianResponseHours: null, lostReasons: [] };
  return { kpis: kpisFromFacts(poolFacts(byRegion.values()), extras, phiWeights(s)), byRegion };
}
