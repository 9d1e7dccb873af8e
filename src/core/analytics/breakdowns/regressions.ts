// Why do deals move back? Stage regressions of a period broken down by the local weekday × hour they happened, by
// the account segment of the deal and by transition (from → to stage). The classic finding this serves: most
// regressions on Friday 16:00–17:00, for education-bureau deals, because the demo stage lacks a sub-step.
import type { RegressionBreakdown } from '../../../shared/analytics/breakdowns';
import type { Period, Scope } from '../../../shared/analytics/period';
import { sceneCtx } from '../scenes/common';
import { BOUNDS_CTE, REP_FILTER, boundsParam } from '../scope';
import type { Snapshot } from '../snapshot';
import { weekday } from '../time';
import { stmt } from '../statements';

const SQL = `
  WITH ${BOUNDS_CTE}
  SELECT (v.exited_at + b.off_ms) / 86400000 AS day, ((v.exited_at + b.off_ms) % 86400000) / 3600000 AS hour,
    COALESCE(a.segment, '(unknown)') AS segment, v.stage_id || ' → ' || COALESCE(v.next_stage_id, '?') AS transition
  FROM b CROSS JOIN analytics_deal_visits v
    LEFT JOIN deals d ON d.id = v.deal_id LEFT JOIN accounts a ON a.id = d.account_id
  WHERE v.region_id = b.region_id AND v.exit_kind = 'back' AND v.exited_at >= b.from_ms AND v.exited_at < b.to_ms
    AND ${REP_FILTER('v.owner_rep_id')}`;

interface Row {
  day: number;
  hour: number;
  segment: string;
  transition: string;
}

function shares(rows: readonly Row[], key: (r: Row) => string): RegressionBreakdown['bySegment'] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts]
    .map(([k, count]) => ({ key: k, count, share: count / rows.length }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function regressionBreakdown(s: Snapshot, scope: Scope | undefined, period: Period): RegressionBreakdown {
  const ctx = sceneCtx(s, scope, period);
  const rows = stmt(s.db, SQL).all({
    bounds: boundsParam(ctx.scope, ctx.range.fromDay, ctx.range.toDay),
    reps: ctx.scope.repIds ? JSON.stringify(ctx.scope.repIds) : null,
  }) as Row[];
  const weekdayHour = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const r of rows)
    (weekdayHour[weekday(r.day) - 1] as number[])[r.hour] = ((weekdayHour[weekday(r.day) - 1] as number[])[r.hour] ?? 0) + 1;
  let peak: RegressionBreakdown['peak'] = null;
  weekdayHour.forEach((hours, w) =>
    hours.forEach((count, hour) => {
      if (count > (peak?.count ?? 0)) peak = { weekday: w + 1, hour, count, share: count / rows.length };
    }),
  );
  return {
    ...ctx.header,
    total: rows.length,
    weekdayHour,
    peak,
    bySegment: shares(rows, (r) => r.segment),
    byTransition: shares(rows, (r) => r.transition),
  };
}
