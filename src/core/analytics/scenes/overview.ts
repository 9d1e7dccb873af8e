// War-room scene "overview": the KPIs of a scope and period against target, with deltas against the previous period
// (week-over-week for an ISO week) and the count of unresolved exceptions by severity.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { OverviewScene } from '../../../shared/analytics/scenes';
import { headlineDeltas } from '../metrics/deltas';
import { computeKpis } from '../metrics/kpis';
import { unresolvedBySeverity } from '../rules/states';
import type { Snapshot } from '../snapshot';
import { previousRange, resolvedPeriod } from '../time';
import { sceneCtx } from './common';

export function overviewScene(s: Snapshot, scope: Scope | undefined, period: Period): OverviewScene {
  const ctx = sceneCtx(s, scope, period);
  const previous = previousRange(ctx.range);
  const current = computeKpis(s, ctx.scope, ctx.range).kpis;
  // The previous period only feeds the deltas: no point-in-time facts (no history) and no extra reads.
  const before = computeKpis(s, ctx.scope, previous, { current: false, extras: false }).kpis;
  return {
    ...ctx.header,
    previousPeriod: resolvedPeriod(previous),
    kpis: current,
    deltas: headlineDeltas(current, before),
    openExceptions: unresolvedBySeverity(s, ctx.scope),
  };
}
