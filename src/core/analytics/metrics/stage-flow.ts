// Stage flow over a period from analytics_deal_visits: for each stage, the stays that ended in the period (exits),
// how many moved forward (to a later stage, or won from the last one) — the stage conversion — and how long they
// lasted (average and nearest-rank 80th percentile). Deals that skip a stage never stay in it, so they count in
// neither its numerator nor its denominator.
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, REP_FILTER } from '../scope';
import { type DayRange, dayStart } from '../time';
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

// One (region, stage) cell of the period's exits: a single range of idx_analytics_visits_stage_exits (migration 0006),
// no grouping. Why one signed number per exit — its dwell, or -1 - dwell when the stay did not move forward: a
// plucked number costs a fraction of a row array or a string per row, and the p80 needs every dwell in JS anyway
// (sorting a week's few thousand numbers here is several times cheaper than SQLite's window functions over them).
const CELL_EXITS = `
  SELECT CASE WHEN v.exit_kind IN ('forward', 'won') THEN v.exited_at - v.entered_at ELSE -1 - (v.exited_at - v.entered_at) END
  FROM analytics_deal_visits v INDEXED BY idx_analytics_visits_stage_exits
  WHERE v.region_id = @region AND v.stage_id = @stage AND v.exited_at >= @fromMs AND v.exited_at < @toMs
    AND ${REP_FILTER('v.owner_rep_id')}`;

/** Nearest rank: the ⌈0.8 n⌉-th smallest. */
export function p80(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil(0.8 * sorted.length) - 1] ?? null;
}

export interface StageFlows {
  byStage: StageFlowRow[];
  byRegionStage: StageFlowRow[];
}

/** Per region × stage (sums only) and per stage (with the p80 over every region's dwells). */
export function stageFlows(s: Snapshot, scope: ScopeCtx, range: DayRange): StageFlows {
  const cellExits = stmt(s.db, CELL_EXITS, 'pluck');
  const reps = scope.repIds ? JSON.stringify(scope.repIds) : null;
  const byStage: StageFlowRow[] = [];
  const byRegionStage: StageFlowRow[] = [];
  for (const stage of s.stages) {
    const dwells: number[] = [];
    const total = { exits: 0, forward: 0, sum: 0 };
    for (const region of scope.regions) {
      const signed = cellExits.all({
        region: region.id,
        stage: stage.id,
        fromMs: dayStart(range.fromDay, region.offsetMin),
        toMs: dayStart(range.toDay, region.offsetMin),
        reps,
      }) as number[];
      if (signed.length === 0) continue;
      let forward = 0;
      let sum = 0;
      for (const x of signed) {
        const dwell = x >= 0 ? x : -1 - x;
        if (x >= 0) forward++;
        sum += dwell;
        dwells.push(dwell);
      }
      const row = { key: region.id, stageId: stage.id, exits: signed.length, forward, dwellSumMs: sum, dwellP80Ms: null };
      byRegionStage.push(row);
      total.exits += signed.length;
      total.forward += forward;
      total.sum += sum;
    }
    if (total.exits === 0) continue;
    byStage.push({
      key: '',
      stageId: stage.id,
      exits: total.exits,
      forward: total.forward,
      dwellSumMs: total.sum,
      dwellP80Ms: p80(dwells),
    });
  }
  return { byStage, byRegionStage };
}
