// Daily series: PHI per region per local day (with its three parts), and data health per rep per day, each day's
// score taken over the `windowDays` days ending that day (data_health_low's window).
import type { DataHealthSeries, PhiSeries } from '../../../shared/analytics/scenes';
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { type DayRange, dayToDate } from '../time';
import type { RollupFacts } from './facts';
import { phiWeights } from './kpis';
import { rollupByKey, rollupFacts } from './rollup-facts';
import { HEALTH_KEYS, dataHealthScore, phiScore } from './scores';

export function phiSeries(s: Snapshot, scope: ScopeCtx, range: DayRange): PhiSeries {
  const sums = rollupByKey(rollupFacts(s, scope, range.fromDay, range.toDay, 'regionDay'));
  const points = scope.regions.flatMap((r) => {
    const weights = phiWeights(s, r.id);
    return Array.from({ length: range.toDay - range.fromDay }, (_, i) => {
      const day = range.fromDay + i;
      const f = sums.get(`${r.id}|${day}`);
      const phi = f
        ? phiScore(f, weights)
        : phiScore({ demos: 0, demosFed: 0, qualityOk: 0, acts: 0, leadsOnTime: 0, leadsAssigned: 0 });
      return { regionId: r.id, date: dayToDate(day), phi };
    });
  });
  return { asOf: s.asOf, points };
}

type HealthFacts = Parameters<typeof dataHealthScore>[0];

function zero(): HealthFacts {
  return { acts: 0, complete: 0, timeOk: 0, qualityOk: 0, scTotal: 0, scValid: 0, attachReq: 0, attachOk: 0 };
}

function shift(total: HealthFacts, f: RollupFacts | undefined, sign: 1 | -1): void {
  if (!f) return;
  for (const k of HEALTH_KEYS) total[k] += sign * f[k];
}

/** Rolling window sums per rep: one pass over the days, adding the day entering and removing the day leaving. */
export function dataHealthSeries(s: Snapshot, scope: ScopeCtx, range: DayRange, windowDays: number): DataHealthSeries {
  const first = range.fromDay - windowDays + 1;
  const sums = rollupByKey(rollupFacts(s, scope, first, range.toDay, 'repDay', HEALTH_KEYS));
  const reps = [...new Set([...sums.keys()].map((k) => k.split('|')[0] as string))].sort();
  const points = reps.flatMap((repId) => {
    const total = zero();
    const out: DataHealthSeries['points'] = [];
    for (let day = first; day < range.toDay; day++) {
      shift(total, sums.get(`${repId}|${day}`), 1);
      shift(total, sums.get(`${repId}|${day - windowDays}`), -1);
      if (day >= range.fromDay) out.push({ repId, date: dayToDate(day), score: dataHealthScore({ ...total }) });
    }
    return out;
  });
  return { asOf: s.asOf, windowDays, points };
}
