// Targets of a scope for a local day range, per region. A week, month or quarter period uses the targets of exactly
// that period; any other range (a day, a custom span) takes the finest period kind that has targets and prorates each
// target by the days it shares with the range. Region-wide targets (rep_id NULL) serve unfiltered scopes; a scope
// narrowed to reps sums those reps' own targets.
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { type DayRange, DAY_MS, dateToDay, dayToDate } from '../time';

export interface TargetFacts {
  targetRevenue: number | null;
  targetWonDeals: number | null;
  targetNewDeals: number | null;
}

export interface TargetRow {
  regionId: string;
  period: string;
  periodStart: string;
  metric: string;
  value: number;
  /** Local days [startDay, endDay) the target covers. */
  startDay: number;
  endDay: number;
}

const KINDS = ['week', 'month', 'quarter'] as const;
/** A quarter starts at most 92 days before any day it contains. */
const LONGEST_PERIOD_DAYS = 92;

function periodEnd(kind: string, startDay: number): number {
  if (kind === 'week') return startDay + 7;
  const d = new Date(startDay * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (kind === 'month' ? 1 : 3), 1) / DAY_MS;
}

/** Every target row of the scope that can overlap local days [fromDay, toDay); one indexed read. */
export function loadTargetRows(s: Snapshot, scope: ScopeCtx, fromDay: number, toDay: number): TargetRow[] {
  const repClause = scope.repIds ? 'rep_id IN (SELECT value FROM json_each(@reps))' : 'rep_id IS NULL';
  const sql = `
    SELECT region_id AS regionId, period, period_start AS periodStart, metric, value FROM targets
    WHERE region_id IN (SELECT value FROM json_each(@regions)) AND ${repClause} AND period IN ('week', 'month', 'quarter')
      AND period_start >= @from AND period_start < @to`;
  const rows = s.db.prepare(sql).all({
    regions: JSON.stringify(scope.regions.map((r) => r.id)),
    ...(scope.repIds ? { reps: JSON.stringify(scope.repIds) } : {}),
    from: dayToDate(fromDay - LONGEST_PERIOD_DAYS),
    to: dayToDate(toDay),
  }) as Omit<TargetRow, 'startDay' | 'endDay'>[];
  return rows.map((row) => {
    const startDay = dateToDay(row.periodStart);
    return { ...row, startDay, endDay: periodEnd(row.period, startDay) };
  });
}

/** The share of each target row that falls in the range, by the rule in the header. */
function weightedRows(rows: readonly TargetRow[], range: DayRange): { row: TargetRow; weight: number }[] {
  const exact = range.kind === 'week' || range.kind === 'month' || range.kind === 'quarter';
  const overlapping = rows
    .map((row) => {
      const start = dateToDay(row.periodStart);
      const end = periodEnd(row.period, start);
      const overlap = Math.min(end, range.toDay) - Math.max(start, range.fromDay);
      return { row, weight: overlap > 0 ? overlap / (end - start) : 0, start };
    })
    .filter((w) => w.weight > 0);
  if (exact)
    return overlapping
      .filter((w) => w.row.period === range.kind && w.start === range.fromDay)
      .map(({ row }) => ({ row, weight: 1 }));
  const kind = KINDS.find((k) => overlapping.some((w) => w.row.period === k));
  return overlapping.filter((w) => w.row.period === kind);
}

const KEYS: Record<string, keyof TargetFacts> = {
  revenue: 'targetRevenue',
  won_deals: 'targetWonDeals',
  new_deals: 'targetNewDeals',
};

/** Targets per region for `range`, from rows loaded for a span that covers it. */
export function targetsFor(rows: readonly TargetRow[], range: DayRange): Map<string, TargetFacts> {
  const out = new Map<string, TargetFacts>();
  for (const { row, weight } of weightedRows(rows, range)) {
    const facts = out.get(row.regionId) ?? { targetRevenue: null, targetWonDeals: null, targetNewDeals: null };
    const key = KEYS[row.metric];
    if (key) facts[key] = (facts[key] ?? 0) + row.value * weight;
    out.set(row.regionId, facts);
  }
  return out;
}

export function targetsByRegion(s: Snapshot, scope: ScopeCtx, range: DayRange): Map<string, TargetFacts> {
  return targetsFor(loadTargetRows(s, scope, range.fromDay, range.toDay), range);
}
