// War-room scene "rep activity": per rep of the scope, effective follow-ups per working day, the high-value action
// ratio, the 首次接触 share, stage advances, wins and the data health score of the period's records (one rollup
// read). Reps appear if they were employed during the period or logged anything in it.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { RepActivityScene } from '../../../shared/analytics/scenes';
import { rollupByKey, rollupFacts } from '../metrics/rollup-facts';
import { repWorkingDays, scopedReps } from '../metrics/reps';
import { HEALTH_KEYS, dataHealthScore } from '../metrics/scores';
import type { Snapshot } from '../snapshot';
import { ratio } from '../sql';
import { sceneCtx } from './common';

export function repActivityScene(s: Snapshot, scope: Scope | undefined, period: Period): RepActivityScene {
  const ctx = sceneCtx(s, scope, period);
  const { fromDay, toDay } = ctx.range;
  const wanted = [...HEALTH_KEYS, 'effective', 'highValue', 'firstContact', 'advances', 'dealsWon'] as const;
  const period_ = rollupByKey(rollupFacts(s, ctx.scope, fromDay, toDay, 'rep', wanted));
  const offsets = new Map(ctx.scope.regions.map((r) => [r.id, r.offsetMin]));
  const rows = scopedReps(s, ctx.scope).flatMap((rep) => {
    const f = period_.get(rep.id);
    const days = repWorkingDays(rep, offsets.get(rep.regionId) ?? 0, fromDay, toDay);
    if (!f && days === 0) return [];
    return [
      {
        repId: rep.id,
        name: rep.name,
        regionId: rep.regionId,
        team: rep.team,
        status: rep.status,
        activities: f?.acts ?? 0,
        effectiveFollowUpsPerDay: ratio(f?.effective ?? 0, days),
        highValueRatio: ratio(f?.highValue ?? 0, f?.acts ?? 0),
        firstContactShare: ratio(f?.firstContact ?? 0, f?.acts ?? 0),
        stageAdvances: f?.advances ?? 0,
        wonDeals: f?.dealsWon ?? 0,
        dataHealth: dataHealthScore(
          f ?? { acts: 0, complete: 0, timeOk: 0, qualityOk: 0, scTotal: 0, scValid: 0, attachReq: 0, attachOk: 0 },
        ),
      },
    ];
  });
  rows.sort(
    (a, b) =>
      (b.effectiveFollowUpsPerDay.value ?? -1) - (a.effectiveFollowUpsPerDay.value ?? -1) || a.repId.localeCompare(b.repId),
  );
  return { ...ctx.header, rows };
}
