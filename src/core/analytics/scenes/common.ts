// What every scene starts from: the resolved scope and period, and the header (asOf, scope, period) its result
// carries, all taken from the same snapshot.
import type { AsOf } from '../../../shared/analytics/metrics';
import type { Period, ResolvedPeriod, ResolvedScope, Scope } from '../../../shared/analytics/period';
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, publicScope, resolveScope } from '../scope';
import { type DayRange, isoWeekLabel, localDay, periodRange, resolvedPeriod } from '../time';

export interface SceneCtx {
  scope: ScopeCtx;
  range: DayRange;
  header: { asOf: AsOf; scope: ResolvedScope; period: ResolvedPeriod };
}

export function sceneCtx(s: Snapshot, scope: Scope | undefined, period: Period): SceneCtx {
  const resolved = resolveScope(s.db, s.regions, scope);
  const range = periodRange(period);
  return { scope: resolved, range, header: { asOf: s.asOf, scope: publicScope(resolved), period: resolvedPeriod(range) } };
}

/** The ISO week containing the snapshot's today, as a Period. */
export function currentWeek(s: Snapshot, scope: ScopeCtx): Period {
  return { kind: 'week', week: isoWeekLabel(localDay(s.now, scope.regions[0]?.offsetMin ?? 0)) };
}

export const msToDays = (ms: number | null): number | null => (ms === null ? null : ms / 86_400_000);
