// Per-deal derived rows: analytics_deal_visits (one row per stay in a stage: entered, exited, and how it ended —
// forward, back, won, lost — for dwell, conversion and regressions) and analytics_deal_state (each deal's current
// stage, the required fields it lacks, its latest activity and promised next step, and the first customer feedback
// since it entered its stage). Rebuilt for a set of deal ids, or for every deal at once.
import type { Db } from '../../db/open';
import { hasTag, TAG } from '../sql';
import { stmt } from '../statements';

/** `@ids` is a JSON array of deal ids; %PICK% becomes that filter, or nothing for every deal. */
const PICK = (column: string): string => `%PICK:${column}%`;
const pick = (sql: string, all: boolean): string =>
  sql.replace(/%PICK:([\w.]+)%/g, (_m, column: string) => (all ? '1' : `${column} IN (SELECT value FROM json_each(@ids))`));

const ordinal = (stage: string): string => `(SELECT ordinal FROM stages WHERE id = ${stage})`;

const INSERT_VISITS = `
  INSERT INTO analytics_deal_visits (deal_id, seq, region_id, owner_rep_id, stage_id, entered_at, exited_at, exit_kind, next_stage_id)
  SELECT v.deal_id, v.seq, d.region_id, d.owner_rep_id, v.to_stage_id, v.changed_at,
    CASE WHEN v.next_at IS NOT NULL THEN v.next_at WHEN d.status IN ('won', 'lost') THEN d.closed_at END,
    CASE
      WHEN v.next_stage IS NOT NULL THEN CASE WHEN ${ordinal('v.next_stage')} > ${ordinal('v.to_stage_id')} THEN 'forward' ELSE 'back' END
      WHEN d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL THEN d.status
    END,
    v.next_stage
  FROM (
    SELECT sc.deal_id, sc.to_stage_id, sc.changed_at,
      ROW_NUMBER() OVER w AS seq, LEAD(sc.changed_at) OVER w AS next_at, LEAD(sc.to_stage_id) OVER w AS next_stage
    FROM stage_changes sc WHERE ${PICK('sc.deal_id')}
    WINDOW w AS (PARTITION BY sc.deal_id ORDER BY sc.changed_at, sc.id)
  ) v JOIN deals d ON d.id = v.deal_id`;

const VISIT_COLUMNS = 'region_id, owner_rep_id, stage_id, entered_at, exited_at, exit_kind, next_stage_id';

// For some deals: each visit written only where it differs from the stored one (a deal moving on changes its last
// visit and adds one; rewriting all of them would update every index of the table for nothing), then the visits
// past the deal's current count dropped. "WHERE true": an upsert's SELECT needs a WHERE before ON CONFLICT.
const UPSERT_VISITS = `${pick(INSERT_VISITS, false)} WHERE true
  ON CONFLICT (deal_id, seq) DO UPDATE SET (${VISIT_COLUMNS}) = (${VISIT_COLUMNS.split(', ')
    .map((c) => `excluded.${c}`)
    .join(', ')})
  WHERE (${VISIT_COLUMNS}) IS NOT (${VISIT_COLUMNS.split(', ')
    .map((c) => `excluded.${c}`)
    .join(', ')})`;
const DROP_EXTRA_VISITS = `
  DELETE FROM analytics_deal_visits AS v WHERE v.deal_id IN (SELECT value FROM json_each(@ids))
    AND v.seq > (SELECT COUNT(*) FROM stage_changes sc WHERE sc.deal_id = v.deal_id AND EXISTS (SELECT 1 FROM deals WHERE id = v.deal_id))`;

// A field is missing when absent, JSON null or an empty string (fields that are not a JSON object lack everything).
const MISSING = `(
  SELECT json_group_array(f.value) FROM stages s, json_each(CASE WHEN json_valid(s.required_fields) THEN s.required_fields ELSE '[]' END) f
  WHERE s.id = d.stage_id AND (
    json_type(CASE WHEN json_valid(d.fields) THEN d.fields ELSE '{}' END) <> 'object'
    OR COALESCE(json_extract(d.fields, '$."' || f.value || '"'), '') = ''))`;

// The deal's latest activity (on ties, one that promised a next step) and its first 客户反馈 after entering the
// current stage: one index seek each on activities (deal_id, occurred_at).
// Keep in step with ACTIVITY_STATE below, which refreshes the same two columns when only activities changed.
// Why MAX first: it is read from the index alone, so only the latest activity's row (rarely a tie) is fetched.
const LATEST = (deal: string): string => `(SELECT MAX(m.occurred_at) FROM activities m WHERE m.deal_id = ${deal})`;
const LAST = `(SELECT json_array(a.id, a.occurred_at, a.next_step_due) FROM activities a WHERE a.deal_id = d.id
  AND a.occurred_at = ${LATEST('d.id')} ORDER BY a.next_step_due IS NULL, a.next_step_due LIMIT 1)`;
const FEEDBACK = `(SELECT MIN(a.occurred_at) FROM activities a
  WHERE a.deal_id = d.id AND a.occurred_at > d.stage_entered_at AND ${hasTag('a.tags', TAG.customerFeedback)})`;

// Why MATERIALIZED: a plain subquery is flattened into the outer SELECT, which would run LAST once per column it
// feeds and MISSING twice.
const INSERT_STATE = `
  WITH x AS MATERIALIZED (
    SELECT d.id, d.region_id, d.owner_rep_id, d.status, d.stage_id, d.stage_entered_at, d.amount,
      ${MISSING} AS missing, ${LAST} AS last, ${FEEDBACK} AS feedback
    FROM deals d WHERE ${PICK('d.id')})
  INSERT INTO analytics_deal_state (deal_id, region_id, owner_rep_id, status, stage_id, stage_entered_at, amount, missing, missing_count,
    last_activity_id, last_activity_at, last_next_step_due, feedback_at)
  SELECT id, region_id, owner_rep_id, status, stage_id, stage_entered_at, amount, missing, json_array_length(missing),
    last ->> '$[0]', last ->> '$[1]', last ->> '$[2]', feedback
  FROM x`;

// analytics_open_cells: open deals, those missing a field, and their amount per region × stage × owner, kept by
// adding the contribution of the rebuilt deals' new state and subtracting that of their old state.
const ADD_CELLS = (sign: '+' | '-'): string => `
  INSERT INTO analytics_open_cells (region_id, stage_id, owner_rep_id, open, missing, amount)
  SELECT region_id, stage_id, owner_rep_id, ${sign}COUNT(*), ${sign}TOTAL(missing_count > 0), ${sign}TOTAL(amount)
  FROM analytics_deal_state WHERE deal_id IN (SELECT value FROM json_each(@ids)) AND status = 'open'
  GROUP BY region_id, stage_id, owner_rep_id
  ON CONFLICT DO UPDATE SET open = open + excluded.open, missing = missing + excluded.missing, amount = amount + excluded.amount`;
const ALL_CELLS = `
  INSERT INTO analytics_open_cells (region_id, stage_id, owner_rep_id, open, missing, amount)
  SELECT region_id, stage_id, owner_rep_id, COUNT(*), TOTAL(missing_count > 0), TOTAL(amount)
  FROM analytics_deal_state WHERE status = 'open' GROUP BY region_id, stage_id, owner_rep_id`;

/** Rebuild the visits and state of every deal. */
function rebuildAllDeals(db: Db): void {
  for (const table of ['analytics_deal_visits', 'analytics_deal_state', 'analytics_open_cells'])
    stmt(db, `DELETE FROM ${table}`).run();
  stmt(db, pick(INSERT_VISITS, true)).run();
  stmt(db, pick(INSERT_STATE, true)).run();
  stmt(db, ALL_CELLS).run();
}

const ACTIVITY_STATE = `
  UPDATE analytics_deal_state AS s SET (last_activity_id, last_activity_at, last_next_step_due) = (
      SELECT a.id, a.occurred_at, a.next_step_due FROM activities a WHERE a.deal_id = s.deal_id
        AND a.occurred_at = ${LATEST('s.deal_id')} ORDER BY a.next_step_due IS NULL, a.next_step_due LIMIT 1),
    feedback_at = (SELECT MIN(a.occurred_at) FROM activities a
      WHERE a.deal_id = s.deal_id AND a.occurred_at > s.stage_entered_at AND ${hasTag('a.tags', TAG.customerFeedback)})
  WHERE s.deal_id IN (SELECT value FROM json_each(@ids))`;

/** Only activities of `dealIds` changed: refresh their latest activity and feedback, nothing else. */
export function refreshDealActivity(db: Db, dealIds: readonly string[]): void {
  stmt(db, ACTIVITY_STATE).run({ ids: JSON.stringify(dealIds) });
}

/** Rebuild the visits and state of `dealIds` (null: of every deal). */
export function rebuildDeals(db: Db, dealIds: readonly string[] | null): void {
  if (dealIds === null) return rebuildAllDeals(db);
  const ids = JSON.stringify(dealIds);
  stmt(db, ADD_CELLS('-')).run({ ids });
  stmt(db, DROP_EXTRA_VISITS).run({ ids });
  stmt(db, 'DELETE FROM analytics_deal_state WHERE deal_id IN (SELECT value FROM json_each(?))').run(ids);
  // Separate texts for the two cases: an "@ids IS NULL OR …" filter would keep SQLite off the deal_id indexes.
  stmt(db, UPSERT_VISITS).run({ ids });
  stmt(db, pick(INSERT_STATE, false)).run({ ids });
  stmt(db, ADD_CELLS('+')).run({ ids });
  stmt(db, 'DELETE FROM analytics_open_cells WHERE open = 0').run();
}
