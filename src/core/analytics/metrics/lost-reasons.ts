// The top lost reasons of deals lost in a period (a missing reason counts as '(none)'), with their share of all
// deals lost in it. Read from the covering index on deals (region_id, closed_at, status, …, lost_reason).
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, BOUNDS_CTE, REP_FILTER, boundsParam } from '../scope';
import type { DayRange } from '../time';
import { stmt } from '../statements';

export interface LostReason {
  reason: string;
  count: number;
  share: number;
}

const SQL = `
  WITH ${BOUNDS_CTE}
  SELECT COALESCE(NULLIF(trim(d.lost_reason), ''), '(none)') AS reason, COUNT(*) AS count
  FROM b CROSS JOIN deals d
  WHERE d.region_id = b.region_id AND d.closed_at >= b.from_ms AND d.closed_at < b.to_ms AND d.status = 'lost'
    AND ${REP_FILTER('d.owner_rep_id')}
  GROUP BY reason ORDER BY count DESC, reason`;

export function lostReasonsTop(s: Snapshot, scope: ScopeCtx, range: DayRange, top = 3): LostReason[] {
  const rows = stmt(s.db, SQL).all({
    bounds: boundsParam(scope, range.fromDay, range.toDay),
    reps: scope.repIds ? JSON.stringify(scope.repIds) : null,
  }) as { reason: string; count: number }[];
  const total = rows.reduce((n, r) => n + r.count, 0);
  return rows.slice(0, top).map((r) => ({ ...r, share: r.count / total }));
}
