// War-room scene "region ranking": each region of the scope with its revenue attainment, won amount, PHI, data
// health and effective follow-ups for the period, ranked by attainment (regions without a target last, then by won
// amount). Every figure is pooled over the region's own facts, exactly as the overview pools the whole scope.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { RegionRanking } from '../../../shared/analytics/scenes';
import { emptyFacts } from '../metrics/facts';
import { kpisFromFacts, phiWeights } from '../metrics/kpis';
import { regionFacts } from '../metrics/region-facts';
import type { Snapshot } from '../snapshot';
import { sceneCtx } from './common';

type Row = RegionRanking['rows'][number];

export function regionRanking(s: Snapshot, scope: Scope | undefined, period: Period): RegionRanking {
  const ctx = sceneCtx(s, scope, period);
  const byRegion = regionFacts(s, ctx.scope, ctx.range, { current: false });
  const rows: Omit<Row, 'rank'>[] = ctx.scope.regions.map((r) => {
    const k = kpisFromFacts(
      byRegion.get(r.id) ?? emptyFacts(),
      { medianResponseHours: null, lostReasons: [] },
      phiWeights(s, r.id),
    );
    return {
      regionId: r.id,
      name: r.name,
      nameEn: r.nameEn,
      attainment: k.result.attainment.revenue,
      wonAmount: k.result.wonAmount,
      phi: k.phi,
      dataHealth: k.dataHealth,
      effectiveFollowUpsPerRepDay: k.behaviour.effectiveFollowUpsPerRepDay,
    };
  });
  const byAttainment = (a: Omit<Row, 'rank'>, b: Omit<Row, 'rank'>): number =>
    a.attainment.value === b.attainment.value
      ? 0
      : a.attainment.value === null
        ? 1
        : b.attainment.value === null
          ? -1
          : b.attainment.value - a.attainment.value;
  rows.sort((a, b) => byAttainment(a, b) || b.wonAmount - a.wonAmount || a.regionId.localeCompare(b.regionId));
  return { ...ctx.header, rows: rows.map((row, i) => ({ rank: i + 1, ...row })) };
}
