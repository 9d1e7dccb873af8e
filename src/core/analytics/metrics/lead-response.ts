// Lead first response over a period: leads assigned in it (region-local days), those touched, those touched within
// the region's threshold (24 h by default; untouched leads count as late) and the median hours from assignment to
// first touch over the touched ones (mean of the two middle values for an even count), grouped by nothing, source
// or rep. One read of the covering index on leads (region_id, assigned_at, first_touch_at, assigned_rep_id, source);
// the median is taken in JS because it needs every value.
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, BOUNDS_CTE, REP_FILTER, boundsParam } from '../scope';
import type { DayRange } from '../time';
import { stmt } from '../statements';

export interface LeadResponseRow {
  key: string;
  assigned: number;
  touched: number;
  onTime: number;
  medianHours: number | null;
}

export type LeadGroup = 'all' | 'source' | 'rep';
const KEYS: Record<LeadGroup, string> = { all: "''", source: 'l.source', rep: 'l.assigned_rep_id' };

const SQL = (key: string): string => `
  WITH ${BOUNDS_CTE}
  SELECT ${key}, l.region_id, l.first_touch_at - l.assigned_at
  FROM b CROSS JOIN leads l
  WHERE l.region_id = b.region_id AND l.assigned_at >= b.from_ms AND l.assigned_at < b.to_ms
    AND l.assigned_rep_id IS NOT NULL AND ${REP_FILTER('l.assigned_rep_id')}`;

type Lead = [key: string, regionId: string, delay: number | null];

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  return ((v[Math.floor((v.length - 1) / 2)] as number) + (v[Math.ceil((v.length - 1) / 2)] as number)) / 2;
}

const TOUCHED_DELAYS = `
  WITH ${BOUNDS_CTE}
  SELECT l.first_touch_at - l.assigned_at
  FROM b CROSS JOIN leads l
  WHERE l.region_id = b.region_id AND l.assigned_at >= b.from_ms AND l.assigned_at < b.to_ms
    AND l.assigned_rep_id IS NOT NULL AND l.first_touch_at IS NOT NULL AND ${REP_FILTER('l.assigned_rep_id')}`;

/**
 * The median hours from assignment to first touch of the touched leads assigned in the period (the KPI; the counts
 * come from the rollups): one plucked number per lead instead of a row, then a typed-array sort.
 */
export function medianResponseHours(s: Snapshot, scope: ScopeCtx, range: DayRange): number | null {
  const delays = stmt(s.db, TOUCHED_DELAYS, 'pluck').all({
    bounds: boundsParam(scope, range.fromDay, range.toDay),
    reps: scope.repIds ? JSON.stringify(scope.repIds) : null,
  }) as number[];
  if (delays.length === 0) return null;
  const v = Float64Array.from(delays).sort();
  const mid = ((v[Math.floor((v.length - 1) / 2)] as number) + (v[Math.ceil((v.length - 1) / 2)] as number)) / 2;
  return mid / 3_600_000;
}

export function leadResponse(s: Snapshot, scope: ScopeCtx, range: DayRange, group: LeadGroup): LeadResponseRow[] {
  const onTimeMs = new Map(
    scope.regions.map((r) => [r.id, s.thresholds.get('lead_unfollowed_24h', 'hours', { regionId: r.id }) * 3_600_000]),
  );
  const leads = stmt(s.db, SQL(KEYS[group]), 'raw').all({
    bounds: boundsParam(scope, range.fromDay, range.toDay),
    reps: scope.repIds ? JSON.stringify(scope.repIds) : null,
  }) as Lead[];
  const groups = new Map<string, { assigned: number; onTime: number; delays: number[] }>();
  for (const [key, regionId, delay] of leads) {
    const g = groups.get(key) ?? { assigned: 0, onTime: 0, delays: [] };
    g.assigned++;
    if (delay !== null) {
      g.delays.push(delay);
      if (delay <= (onTimeMs.get(regionId) ?? 0)) g.onTime++;
    }
    groups.set(key, g);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const mid = median(g.delays);
      return {
        key,
        assigned: g.assigned,
        touched: g.delays.length,
        onTime: g.onTime,
        medianHours: mid === null ? null : mid / 3_600_000,
      };
    });
}
