// The daily rollup per region × rep × local day (analytics_rep_day): activity counts behind the behaviour metrics,
// data health and PHI, stage-change counts, lead response and deal outcomes. Recomputed for a region and a range
// of local days from the raw rows in one statement, using the (region_id, time) indexes of each table.
import type { Db } from '../../db/open';
import { activitySql, hasTag, localDaySql, TAG } from '../sql';
import { DAY_MS, MINUTE_MS } from '../time';
import { stmt } from '../statements';

const A = activitySql('a');
/** Placeholder for the rep filter: every rep, or those of the JSON array @reps (see `forReps`). */
const REPS = (column: string): string => `%REPS:${column}%`;
const forReps = (sql: string, some: boolean): string =>
  sql.replace(/%REPS:([\w.]+)%/g, (_m, column: string) => (some ? `${column} IN (SELECT value FROM json_each(@reps))` : '1'));
const COLUMNS = `acts, effective, high_value, first_contact, complete, time_ok, attach_req, attach_ok, quality_ok,
  sc_total, sc_valid, advances, demos, demos_fed, leads_assigned, leads_on_time, deals_new, deals_won, won_amount, won_cycle_ms, deals_lost`;

const ACTIVITIES = `
  SELECT ${localDaySql('a.occurred_at')} AS day, a.rep_id AS rep_id, COUNT(*) AS acts,
    COUNT(DISTINCT CASE WHEN ${A.customerKind} THEN ${A.customer} END) AS effective,
    SUM(${A.highValue}) AS high_value, SUM(${A.firstContact}) AS first_contact, SUM(${A.complete}) AS complete,
    SUM(${A.timeOk}) AS time_ok, SUM(${A.attachRequired}) AS attach_req, SUM(${A.attachOk}) AS attach_ok,
    SUM(${A.complete} AND ${A.timeOk} AND (NOT ${A.attachRequired} OR a.has_attachment = 1)) AS quality_ok,
    0 AS sc_total, 0 AS sc_valid, 0 AS advances, 0 AS demos, 0 AS demos_fed, 0 AS leads_assigned, 0 AS leads_on_time,
    0 AS deals_new, 0 AS deals_won, 0 AS won_amount, 0 AS won_cycle_ms, 0 AS deals_lost
  FROM %ACTIVITIES% WHERE a.region_id = @region AND a.occurred_at >= @fromMs AND a.occurred_at < @toMs AND ${REPS('a.rep_id')}
  GROUP BY day, a.rep_id`;

// Why the previous change is looked up by (changed_at, id): equal timestamps must still give one order.
const STAGE_CHANGES = `
  SELECT ${localDaySql('sc.changed_at')} AS day, sc.changed_by AS rep_id,
    0, 0, 0, 0, 0, 0, 0, 0, 0,
    COUNT(*), SUM(sc.valid), SUM(sc.advance), SUM(sc.demo), SUM(sc.demo AND sc.fed), 0, 0, 0, 0, 0, 0, 0
  FROM (
    SELECT c.changed_at, c.changed_by,
      c.changed_at <= @now AND c.from_stage_id IS NOT c.to_stage_id AND c.from_stage_id IS (
        SELECT p.to_stage_id FROM stage_changes p INDEXED BY idx_stage_changes_deal_history
        WHERE p.deal_id = c.deal_id AND (p.changed_at, p.id) < (c.changed_at, c.id)
        ORDER BY p.changed_at DESC, p.id DESC LIMIT 1) AS valid,
      (SELECT t.ordinal FROM stages t WHERE t.id = c.to_stage_id) > (SELECT f.ordinal FROM stages f WHERE f.id = c.from_stage_id) AS advance,
      c.to_stage_id IN (SELECT value FROM json_each(@demoStages)) AS demo,
      EXISTS (SELECT 1 FROM activities fb WHERE fb.deal_id = c.deal_id AND fb.occurred_at > c.changed_at
        AND fb.occurred_at <= c.changed_at + @feedbackMs AND ${hasTag('fb.tags', TAG.customerFeedback)}) AS fed
    FROM %STAGE_CHANGES% WHERE c.region_id = @region AND c.changed_at >= @fromMs AND c.changed_at < @toMs AND ${REPS('c.changed_by')}
  ) sc GROUP BY day, sc.changed_by`;

const LEADS = `
  SELECT ${localDaySql('l.assigned_at')} AS day, l.assigned_rep_id,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    COUNT(*), SUM(l.first_touch_at IS NOT NULL AND l.first_touch_at - l.assigned_at <= @leadMs), 0, 0, 0, 0, 0
  FROM leads l WHERE l.region_id = @region AND l.assigned_at >= @fromMs AND l.assigned_at < @toMs AND l.assigned_rep_id IS NOT NULL
    AND ${REPS('l.assigned_rep_id')}
  GROUP BY day, l.assigned_rep_id`;

const DEALS_NEW = `
  SELECT ${localDaySql('d.created_at')} AS day, d.owner_rep_id,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), 0, 0, 0, 0
  FROM deals d WHERE d.region_id = @region AND d.created_at >= @fromMs AND d.created_at < @toMs AND ${REPS('d.owner_rep_id')}
  GROUP BY day, d.owner_rep_id`;

const DEALS_CLOSED = `
  SELECT ${localDaySql('d.closed_at')} AS day, d.owner_rep_id,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    SUM(d.status = 'won'), SUM(CASE WHEN d.status = 'won' THEN d.amount ELSE 0 END),
    SUM(CASE WHEN d.status = 'won' THEN d.closed_at - d.created_at ELSE 0 END), SUM(d.status = 'lost')
  FROM deals d WHERE d.region_id = @region AND d.closed_at >= @fromMs AND d.closed_at < @toMs AND d.status IN ('won', 'lost')
    AND ${REPS('d.owner_rep_id')}
  GROUP BY day, d.owner_rep_id`;

// COALESCE: a group whose values are all NULL (e.g. only first stage changes, whose "advance" is NULL) sums to NULL.
const sums = COLUMNS.split(',')
  .map((c) => `COALESCE(SUM(${c.trim()}), 0)`)
  .join(', ');

const INSERT = `
  INSERT INTO analytics_rep_day (region_id, day, rep_id, ${COLUMNS}, computed_at)
  SELECT @region, day, rep_id, ${sums}, @now FROM (
    ${ACTIVITIES} UNION ALL ${STAGE_CHANGES} UNION ALL ${LEADS} UNION ALL ${DEALS_NEW} UNION ALL ${DEALS_CLOSED}
  ) WHERE rep_id IS NOT NULL GROUP BY day, rep_id`;

export interface RegionRollupParams {
  regionId: string;
  offsetMin: number;
  demoStageIds: readonly string[];
  feedbackHours: number;
  leadHours: number;
  now: number;
}

// Why two forms: for a few reps the (rep_id, occurred_at) and (changed_by, changed_at) indexes read only their rows;
// for a whole region-day the (region_id, time) indexes are the narrower ones. The planner cannot tell without
// statistics, and a filter written as "@reps IS NULL OR …" would keep it off the rep indexes altogether.
const INSERT_ALL = forReps(
  INSERT.replace('%ACTIVITIES%', 'activities a INDEXED BY idx_activities_region_id_occurred_at').replace(
    '%STAGE_CHANGES%',
    'stage_changes c INDEXED BY idx_stage_changes_region_id_changed_at',
  ),
  false,
);
const INSERT_REPS = forReps(
  INSERT.replace('%ACTIVITIES%', 'activities a INDEXED BY idx_activities_rep_id_occurred_at').replace(
    '%STAGE_CHANGES%',
    'stage_changes c INDEXED BY idx_stage_changes_rep_changed',
  ),
  true,
);
const DELETE_ALL = forReps(
  `DELETE FROM analytics_rep_day WHERE region_id = @region AND day >= @fromDay AND day < @toDay AND ${REPS('rep_id')}`,
  false,
);
const DELETE_REPS = forReps(DELETE_ALL.replace(/ AND 1$/, ` AND ${REPS('rep_id')}`), true);

/** Replace the rollup rows of local days [fromDay, toDay) of one region, for `reps` (null: every rep). */
export function rebuildRepDays(
  db: Db,
  p: RegionRollupParams,
  fromDay: number,
  toDay: number,
  reps: readonly string[] | null = null,
): void {
  const offMs = p.offsetMin * MINUTE_MS;
  const some = reps === null ? {} : { reps: JSON.stringify(reps) };
  stmt(db, reps === null ? DELETE_ALL : DELETE_REPS).run({ region: p.regionId, fromDay, toDay, ...some });
  stmt(db, reps === null ? INSERT_ALL : INSERT_REPS).run({
    ...some,
    region: p.regionId,
    offMs,
    fromMs: fromDay * DAY_MS - offMs,
    toMs: toDay * DAY_MS - offMs,
    now: p.now,
    demoStages: JSON.stringify(p.demoStageIds),
    feedbackMs: p.feedbackHours * 3_600_000,
    leadMs: p.leadHours * 3_600_000,
  });
}

const REGION_SUMS = COLUMNS.split(',')
  .map((c) => `SUM(${c.trim()})`)
  .join(', ');

/** Recompute the per-region totals (analytics_region_day) of local days [fromDay, toDay) from the rep rows. */
export function rebuildRegionDays(db: Db, regionId: string, fromDay: number, toDay: number, now: number): void {
  const params = { region: regionId, fromDay, toDay, now };
  stmt(db, 'DELETE FROM analytics_region_day WHERE region_id = @region AND day >= @fromDay AND day < @toDay').run(params);
  stmt(
    db,
    `INSERT INTO analytics_region_day (region_id, day, ${COLUMNS}, computed_at)
     SELECT region_id, day, ${REGION_SUMS}, @now FROM analytics_rep_day
     WHERE region_id = @region AND day >= @fromDay AND day < @toDay GROUP BY region_id, day`,
  ).run(params);
}
