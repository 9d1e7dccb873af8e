// Sums of the daily rollups (analytics_rep_day, or analytics_region_day when no rep matters) for a scope and a range
// of local days, grouped by region, rep, day or ISO week. Reads only the rollup's primary key range per region,
// whatever the size of the raw tables.
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, scopeParams } from '../scope';
import type { RollupFacts } from './facts';
import { stmt } from '../statements';

const COLUMNS: Record<keyof RollupFacts, string> = {
  acts: 'acts',
  effective: 'effective',
  highValue: 'high_value',
  firstContact: 'first_contact',
  complete: 'complete',
  timeOk: 'time_ok',
  attachReq: 'attach_req',
  attachOk: 'attach_ok',
  qualityOk: 'quality_ok',
  scTotal: 'sc_total',
  scValid: 'sc_valid',
  advances: 'advances',
  demos: 'demos',
  demosFed: 'demos_fed',
  leadsAssigned: 'leads_assigned',
  leadsOnTime: 'leads_on_time',
  dealsNew: 'deals_new',
  dealsWon: 'deals_won',
  wonAmount: 'won_amount',
  wonCycleMs: 'won_cycle_ms',
  dealsLost: 'deals_lost',
};

const ALL_KEYS = Object.keys(COLUMNS) as (keyof RollupFacts)[];

/** Sums of the wanted counters; the others read as 0 (a 28-day window of every rep needs only a few). */
function sums(wanted: readonly (keyof RollupFacts)[]): string {
  return Object.entries(COLUMNS)
    .map(([key, column]) => (wanted.includes(key as keyof RollupFacts) ? `TOTAL(${column}) AS ${key}` : `0 AS ${key}`))
    .join(', ');
}

/** Grouping key expressions; `week` is the Monday of the ISO week (1970-01-01 was a Thursday). */
const GROUPS = {
  region: 'region_id',
  rep: 'rep_id',
  day: 'day',
  regionDay: "region_id || '|' || day",
  week: 'day - ((day + 3) % 7)',
  repDay: "rep_id || '|' || day",
} as const;
export type RollupGroup = keyof typeof GROUPS;

export type RollupRow = RollupFacts & { key: string };

const PER_REP: ReadonlySet<RollupGroup> = new Set(['rep', 'repDay']);

/** Counters idx_analytics_rep_day_rep_window (migration 0005) carries next to (rep_id, day). */
const WINDOW_KEYS: ReadonlySet<keyof RollupFacts> = new Set([
  'acts',
  'complete',
  'timeOk',
  'qualityOk',
  'scTotal',
  'scValid',
  'attachReq',
  'attachOk',
  'firstContact',
  'advances',
  'dealsWon',
]);

/** Sums over the scope; without a rep filter or rep grouping the per-region table (one row per day) suffices. */
export function rollupFacts(
  s: Snapshot,
  scope: ScopeCtx,
  fromDay: number,
  toDay: number,
  group: RollupGroup,
  wanted: readonly (keyof RollupFacts)[] = ALL_KEYS,
): RollupRow[] {
  const params = scopeParams(scope);
  const values = { regions: params.regions, fromDay, toDay };
  const head = `SELECT CAST(${GROUPS[group]} AS TEXT) AS key, ${sums(wanted)}`;
  if (params.reps !== null) {
    // Named reps: their own rows through the (rep_id, day) index, whatever the size of their regions; the window
    // index also holds the counters the rep rules sum, so those sums never visit the table.
    const covered = wanted.every((key) => WINDOW_KEYS.has(key));
    const sql = `${head} FROM analytics_rep_day INDEXED BY ${covered ? 'idx_analytics_rep_day_rep_window' : 'idx_analytics_rep_day_rep'}
      WHERE rep_id IN (SELECT value FROM json_each(@reps)) AND day >= @fromDay AND day < @toDay
        AND region_id IN (SELECT value FROM json_each(@regions)) GROUP BY key`;
    return stmt(s.db, sql).all({ ...values, reps: params.reps }) as RollupRow[];
  }
  const table = PER_REP.has(group) ? 'analytics_rep_day' : 'analytics_region_day';
  const sql = `${head} FROM ${table}
    WHERE region_id IN (SELECT value FROM json_each(@regions)) AND day >= @fromDay AND day < @toDay GROUP BY key`;
  return stmt(s.db, sql).all(values) as RollupRow[];
}

export function rollupByKey(rows: readonly RollupRow[]): Map<string, RollupFacts> {
  return new Map(rows.map(({ key, ...facts }) => [key, facts]));
}
