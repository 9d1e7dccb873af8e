// Point-in-time facts as of the snapshot's `now`, per region: open deals (counts, missing a required field and
// pipeline amount from analytics_open_cells; past their stage's max dwell from analytics_deal_state) and open leads
// (sleeping ≥ N days without activity) from analytics_lead_state. Index reads of the few rows that matter only.
import type { Snapshot } from '../snapshot';
import { type ScopeCtx, REP_FILTER, scopeParams } from '../scope';
import { openLead } from '../sql';
import { DAY_MS } from '../time';
import { stmt } from '../statements';

export interface OpenDealCell {
  regionId: string;
  stageId: string;
  open: number;
  overdue: number;
  missing: number;
  amount: number;
}

const OPEN_CELLS = `
  SELECT region_id AS regionId, stage_id AS stageId, TOTAL(open) AS open, TOTAL(missing) AS missing, TOTAL(amount) AS amount
  FROM analytics_open_cells WHERE region_id IN (SELECT value FROM json_each(@regions)) AND ${REP_FILTER('owner_rep_id')}
  GROUP BY region_id, stage_id`;

/** @limits: [region_id, stage_id, cutoff]; only the overdue entries of each cell's index range are read. */
const OVERDUE = `
  WITH c(region_id, stage_id, cutoff) AS (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(@limits))
  SELECT c.region_id AS regionId, c.stage_id AS stageId, COUNT(*) AS overdue
  FROM c CROSS JOIN analytics_deal_state s INDEXED BY idx_analytics_deal_state_open
  WHERE s.region_id = c.region_id AND s.status = 'open' AND s.stage_id = c.stage_id AND s.stage_entered_at < c.cutoff
    AND ${REP_FILTER('s.owner_rep_id')}
  GROUP BY c.region_id, c.stage_id`;

/** Max dwell (ms) of a stage in a region: the override, else the stage's own max_dwell_days. */
export function maxDwellMs(s: Snapshot, regionId: string, stageId: string): number {
  const stage = s.stages.find((st) => st.id === stageId);
  return s.thresholds.get('stage_overdue', 'maxDwellDays', { regionId, stageId }, stage?.maxDwellDays ?? Number.NaN) * DAY_MS;
}

export function openDealCells(s: Snapshot, scope: ScopeCtx): OpenDealCell[] {
  const params = scopeParams(scope);
  const limits = scope.regions.flatMap((r) => s.stages.map((st) => [r.id, st.id, s.now - maxDwellMs(s, r.id, st.id)]));
  const overdue = stmt(s.db, OVERDUE).all({ limits: JSON.stringify(limits), reps: params.reps }) as {
    regionId: string;
    stageId: string;
    overdue: number;
  }[];
  const late = new Map(overdue.map((o) => [`${o.regionId}|${o.stageId}`, o.overdue]));
  const cells = stmt(s.db, OPEN_CELLS).all(params) as Omit<OpenDealCell, 'overdue'>[];
  return cells.map((c) => ({ ...c, overdue: late.get(`${c.regionId}|${c.stageId}`) ?? 0 }));
}

const OPEN_LEADS = `
  SELECT region_id AS regionId, TOTAL(open) AS open FROM analytics_lead_cells
  WHERE region_id IN (SELECT value FROM json_each(@regions)) AND ${REP_FILTER('rep_id')} GROUP BY region_id`;

/** Only the sleeping entries of the idle index range are read. */
const SLEEPING = `
  SELECT COUNT(*) FROM analytics_lead_state l INDEXED BY idx_analytics_lead_state_idle
  WHERE l.region_id = @region AND ${openLead('l')} AND l.last_sign_at <= @cutoff AND ${REP_FILTER('l.assigned_rep_id')}`;

export interface OpenLeadFacts {
  regionId: string;
  open: number;
  sleeping: number;
}

/** Open leads per region and those idle ≥ sleeping_lead.days (the region's threshold). */
export function openLeadFacts(s: Snapshot, scope: ScopeCtx): OpenLeadFacts[] {
  const params = scopeParams(scope);
  const open = new Map(
    (stmt(s.db, OPEN_LEADS).all(params) as { regionId: string; open: number }[]).map((r) => [r.regionId, r.open]),
  );
  const sleeping = stmt(s.db, SLEEPING, 'pluck');
  return scope.regions.map((r) => {
    const cutoff = s.now - s.thresholds.get('sleeping_lead', 'days', { regionId: r.id }) * DAY_MS;
    return {
      regionId: r.id,
      open: open.get(r.id) ?? 0,
      sleeping: sleeping.get({ region: r.id, reps: params.reps, cutoff }) as number,
    };
  });
}
