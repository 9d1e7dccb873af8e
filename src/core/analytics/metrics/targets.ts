// Targets of a scope for a local day range, per region. A week, month or quarter period uses the targets of exactly
// that period; any other range (a day, a custom span) takes the finest period kind that has targets and prorates each
// target by the days it shares with the range. Region-wide targets (rep_id NULL) serve unfiltered scopes; a scope
// narrowed to reps sums those reps' own targets.
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import { type DayRange, DAY_MS, dateToDay, dayToDate } from '../time';
import { cachedRef } from '../ref-cache';
import { stmt } from '../statements';

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

type RawTarget = Omit<TargetRow, 'startDay' | 'endDay'>;

// Region-wide targets of every known region in index order (region, period, start, metric, value): the order the
// scoped query returns them in, so sums add up in the same order. Loaded once per version of the targets table.
const REGION_TARGETS = `
  SELECT region_id AS regionId, period, period_start AS periodStart, metric, value FROM targets
  WHERE region_id IN (SELECT id FROM regions) AND rep_id IS NULL AND period IN ('week', 'month', 'quarter')
  ORDER BY region_id, period, period_start, metric, value`;

const REP_TARGETS = `
  SELECT region_id AS regionId, period, period_start AS periodStart, metric, value FROM targets
  WHERE region_id IN (SELECT value FROM json_each(@regions)) AND rep_id IN (SELECT value FROM json_each(@reps))
    AND period IN ('week', 'month', 'quarter') AND period_start >= @from AND period_start < @to`;

/** Every target row of the scope that can overlap local days [fromDay, toDay). */
export function loadTargetRows(s: Snapshot, scope: ScopeCtx, fromDay: number, toDay: number): TargetRow[] {
  const from = dayToDate(fromDay - LONGEST_PERIOD_DAYS);
  const to = dayToDate(toDay);
  if (scope.repIds) {
    const rows = stmt(s.db, REP_TARGETS).all({
      regions: JSON.stringify(scope.regions.map((r) => r.id)),
      reps: JSON.stringify(scope.repIds),
      from,
      to,
    }) as RawTarget[];
    return withSpans(rows);
  }
  const all = cachedRef(s.db, 'targets', () => withSpans(stmt(s.db, REGION_TARGETS).all() as RawTarget[]));
  const regions = new Set(scope.regions.map((r) => r.id));
  return all.filter((row) => regions.has(row.regionId) && row.periodStart >= from && row.periodStart < to);
}

/** Adds the local days each target covers. */
function withSpans(rows: readonly RawTarget[]): TargetRow[] {
  // Why memoized: a few distinct period starts repeat over every region and metric, and date parsing dominated.
  const spans = new Map<string, [number, number]>();
  return rows.map((row) => {
    const key = `${row.period}|${row.periodStart}`;
    let span = spans.get(key);
    if (!span) {
      const startDay = dateToDay(row.periodStart);
      spans.set(key, (span = [startDay, periodEnd(row.period, startDay)]));
    }
    return { ...row, startDay: span[0], endDay: span[1] };
  });
}

/** The share of each target row that falls in the range, by the rule in the header. */
function weightedRows(rows: readonly TargetRow[], range: DayRange): { row: TargetRow; weight: number }[] {
  if (range.kind === 'week' || range.kind === 'month' || range.kind === 'quarter') {
    return rows.filter((row) => row.period === range.kind && row.startDay === range.fromDay).map((row) => ({ row, weight: 1 }));
  }
  const overlapping: { row: TargetRow; weight: number }[] = [];
  for (const row of rows) {
    const overlap = Math.min(row.endDay, range.toDay) - Math.max(row.startDay, range.fromDay);
    if (overlap > 0) overlapping.push({ row, weight: overlap / (row.endDay - row.startDay) });
  }
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
