// Stage flow over a period from analytics_deal_visits: for each stage, the stays that ended in the period (exits),
// how many moved forward (to a later stage, or won from the last one) — the stage conversion — and how long they
// lasted (average and nearest-rank 80th percentile). Deals that skip a stage never stay in it, so they count in
// neither its numerator nor its denominator.
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, BOUNDS_CTE, REP_FILTER, boundsParam } from '../scope';
import type { DayRange } from '../time';
import { stmt } from '../statements';

export interface StageFlowRow {
  /** '' for the whole scope, else the region id. */
  key: string;
  stageId: string;
  exits: number;
  forward: number;
  dwellSumMs: number;
  /** Nearest-rank p80 of the dwell (ms); null without exits (not computed per region). */
  dwellP80Ms: number | null;
}

// One covering-index read of the period's exits. Why in JS after it: a percentile needs every value, and sorting
// a week's few thousand numbers here is several times cheaper than SQLite's window functions over them.
const EXITS = `
  WITH ${BOUNDS_CTE}
  SELECT v.region_id, v.stage_id, v.exit_kind IN ('forward', 'won'), v.exited_at - v.entered_at
  FROM b CROSS JOIN analytics_deal_visits v
  WHERE v.region_id = b.region_id AND v.exited_at >= b.from_ms AND v.exited_at < b.to_ms AND ${REP_FILTER('v.owner_rep_id')}`;

type Exit = [regionId: string, stageId: string, forward: number, dwell: number];

/** Nearest rank: the ⌈0.8 n⌉-th smallest. */
export function p80(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil(0.8 * sorted.length) - 1] ?? null;
}

interface Acc {
  n: number;
  forward: number;
  sum: number;
  /** Every dwell, kept for the per-stage percentile only. */
  dwells: number[] | null;
}

const acc = (keep: boolean): Acc => ({ n: 0, forward: 0, sum: 0, dwells: keep ? [] : null });

function add(a: Acc, forward: number, dwell: number): void {
  a.n++;
  a.forward += forward;
  a.sum += dwell;
  a.dwells?.push(dwell);
}

function row(key: string, stageId: string, a: Acc): StageFlowRow {
  return { key, stageId, exits: a.n, forward: a.forward, dwellSumMs: a.sum, dwellP80Ms: a.dwells ? p80(a.dwells) : null };
}

/** One pass: per stage (with every dwell, for the percentile) and per region × stage (sums only). */
function aggregate(exits: readonly Exit[]): StageFlows {
  const byStage = new Map<string, Acc>();
  const byCell = new Map<string, Map<string, Acc>>();
  for (const [regionId, stageId, forward, dwell] of exits) {
    let stage = byStage.get(stageId);
    if (!stage) byStage.set(stageId, (stage = acc(true)));
    let cells = byCell.get(regionId);
    if (!cells) byCell.set(regionId, (cells = new Map()));
    let cell = cells.get(stageId);
    if (!cell) cells.set(stageId, (cell = acc(false)));
    add(stage, forward, dwell);
    add(cell, forward, dwell);
  }
  return {
    byStage: [...byStage].map(([stageId, a]) => row('', stageId, a)),
    byRegionStage: [...byCell].flatMap(([regionId, cells]) => [...cells].map(([stageId, a]) => row(regionId, stageId, a))),
  };
}

export interface StageFlows {
  byStage: StageFlowRow[];
  byRegionStage: StageFlowRow[];
}

export function stageFlows(s: Snapshot, scope: ScopeCtx, range: DayRange): StageFlows {
  const exits = stmt(s.db, EXITS, 'raw').all({
    bounds: boundsParam(scope, range.fromDay, range.toDay),
    reps: scope.repIds ? JSON.stringify(scope.repIds) : null,
  }) as Exit[];
  return aggregate(exits);
}
