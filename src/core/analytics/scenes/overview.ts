// War-room scene "overview": the KPIs of a scope and period against target, with deltas against the previous period
// (week-over-week for an ISO week) and the count of unresolved exceptions by severity. A period still running is
// compared to date: its elapsed days against the same number of days at the start of the previous period.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { OverviewScene } from '../../../shared/analytics/scenes';
import { headlineDeltas } from '../metrics/deltas';
import { computeKpis } from '../metrics/kpis';
import { unresolvedBySeverity } from '../rules/states';
import type { Snapshot } from '../snapshot';
import { type DayRange, localDay, previousRange, resolvedPeriod } from '../time';
import { sceneCtx } from './common';

export function overviewScene(s: Snapshot, scope: Scope | undefined, period: Period): OverviewScene {
  const ctx = sceneCtx(s, scope, period);
  const current = computeKpis(s, ctx.scope, ctx.range).kpis;
  // Why to date: on a Monday a whole previous week against one day would show every figure collapsing.
  const today = localDay(s.now, ctx.scope.regions[0]?.offsetMin ?? 0);
  const running = ctx.range.fromDay <= today && today + 1 < ctx.range.toDay;
  const elapsed = today + 1 - ctx.range.fromDay;
  const previous = truncate(previousRange(ctx.range), running ? elapsed : null);
  // The previous period only feeds the deltas: no point-in-time facts (no history) and no extra reads.
  const before = computeKpis(s, ctx.scope, previous, { current: false, extras: false }).kpis;
  const now = running ? computeKpis(s, ctx.scope, truncate(ctx.range, elapsed), { current: true, extras: false }).kpis : current;
  return {
    ...ctx.header,
    previousPeriod: resolvedPeriod(previous),
    kpis: current,
    deltas: headlineDeltas(now, before),
    openExceptions: unresolvedBySeverity(s, ctx.scope),
  };
}

/** The first `days` days of a range (null: the whole range). */
function truncate(range: DayRange, days: number | null): DayRange {
  return days === null ? range : { ...range, toDay: Math.min(range.toDay, range.fromDay + days) };
}
