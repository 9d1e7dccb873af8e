// Per-lead derived row (analytics_lead_state): status, assignment and first touch, the latest activity on the lead
// (any), its last sign of life (the latest of assignment or creation, first touch and activity) and the latest
// activity of its own (no deal) with its promised next step. Lets the lead rules and the
// sleeping-lead rate read one covering index instead of seeking activities for every open lead.
import type { Db } from '../../db/open';
import { stmt } from '../statements';

const OWN = `(SELECT json_array(a.id, a.next_step_due) FROM activities a WHERE a.lead_id = l.id AND a.deal_id IS NULL
  AND a.occurred_at = (SELECT MAX(m.occurred_at) FROM activities m WHERE m.lead_id = l.id AND m.deal_id IS NULL)
  ORDER BY a.next_step_due IS NULL, a.next_step_due LIMIT 1)`;
const LAST_AT = '(SELECT MAX(a.occurred_at) FROM activities a WHERE a.lead_id = l.id)';

// Why MATERIALIZED: a plain subquery is flattened into the outer SELECT, which would run OWN and LAST_AT twice.
const INSERT = (pick: string): string => `
  WITH x AS MATERIALIZED (
    SELECT l.id, l.region_id, l.status, l.assigned_rep_id, l.created_at, l.assigned_at, l.first_touch_at,
      ${LAST_AT} AS last_at, ${OWN} AS own
    FROM leads l WHERE ${pick})
  INSERT INTO analytics_lead_state (lead_id, region_id, status, assigned_rep_id, created_at, assigned_at, first_touch_at,
    last_activity_at, own_activity_id, own_next_step_due, last_sign_at)
  SELECT id, region_id, status, assigned_rep_id, created_at, assigned_at, first_touch_at, last_at, own ->> '$[0]', own ->> '$[1]',
    MAX(COALESCE(assigned_at, created_at), COALESCE(first_touch_at, 0), COALESCE(last_at, 0))
  FROM x`;

// analytics_lead_cells: open leads per region × assigned rep ('' = nobody), kept by adding the rebuilt leads' new
// contribution and subtracting their old one.
const CELLS = (where: string, sign: '+' | '-' | ''): string => `
  INSERT INTO analytics_lead_cells (region_id, rep_id, open)
  SELECT region_id, COALESCE(assigned_rep_id, ''), ${sign}COUNT(*) FROM analytics_lead_state
  WHERE ${where} AND status IN ('new', 'working') GROUP BY region_id, COALESCE(assigned_rep_id, '')
  ON CONFLICT DO UPDATE SET open = open + excluded.open`;
const PICKED = 'lead_id IN (SELECT value FROM json_each(@ids))';

/** Rebuild the state of `leadIds` (null: of every lead). */
export function rebuildLeads(db: Db, leadIds: readonly string[] | null): void {
  if (leadIds === null) {
    stmt(db, 'DELETE FROM analytics_lead_state').run();
    stmt(db, 'DELETE FROM analytics_lead_cells').run();
    stmt(db, INSERT('1')).run();
    stmt(db, CELLS('true', '')).run();
    return;
  }
  const ids = JSON.stringify(leadIds);
  stmt(db, CELLS(PICKED, '-')).run({ ids });
  stmt(db, `DELETE FROM analytics_lead_state WHERE ${PICKED}`).run({ ids });
  stmt(db, INSERT('l.id IN (SELECT value FROM json_each(@ids))')).run({ ids });
  stmt(db, CELLS(PICKED, '+')).run({ ids });
  stmt(db, 'DELETE FROM analytics_lead_cells WHERE open = 0').run();
}
