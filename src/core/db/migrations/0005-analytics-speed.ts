// Version 5: analytics speed. Indexes that turn the per-row lookups of the rollup refresh and the exception rules into
// index-only probes (a deal's stage history in (changed_at, id) order, its 客户反馈 activities, a rep's stage changes
// and latest assigned lead, live occurrences by subject, the counters the rep rules sum over a window), and a version
// stamp of the reference tables (reps, targets) that lets analytics keep them in memory between reads instead of
// reloading them for every scene.
import type { Migration } from '../migrate';

const INDEXES_SQL = `
CREATE INDEX idx_stage_changes_deal_history ON stage_changes (deal_id, changed_at, id, from_stage_id, to_stage_id);
CREATE INDEX idx_stage_changes_rep_changed ON stage_changes (changed_by, changed_at, region_id);
CREATE INDEX idx_activities_deal_feedback ON activities (deal_id, occurred_at) WHERE instr(tags, '"客户反馈"') > 0;
CREATE INDEX idx_leads_rep_assigned ON leads (assigned_rep_id, assigned_at, region_id) WHERE assigned_rep_id IS NOT NULL;
CREATE INDEX idx_analytics_occ_live_subject ON analytics_exception_occurrences (subject_id) WHERE cleared_at IS NULL;
CREATE INDEX idx_analytics_rep_day_rep_window ON analytics_rep_day
  (rep_id, day, acts, complete, time_ok, quality_ok, sc_total, sc_valid, attach_req, attach_ok, first_contact, advances, deals_won);
`;

// Why random(): a version must never come back. A counter rolled back with its transaction would reuse a number
// that a reader inside that transaction may already have cached with rows that never committed.
const bump = (column: string): string => `UPDATE analytics_ref_version SET ${column} = random() WHERE id = 1;`;

const VERSION_SQL = `
CREATE TABLE analytics_ref_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  reps INTEGER NOT NULL,
  targets INTEGER NOT NULL
) STRICT;
INSERT INTO analytics_ref_version (id, reps, targets) VALUES (1, random(), random());
${['reps', 'targets']
  .flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) =>
        `CREATE TRIGGER analytics_${table}_version_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${bump(table)} END;`,
    ),
  )
  .join('\n')}
`;

/** Local day number of `t` in the row's region (as migration 0004 computes it; triggers must never fail). */
const day = (t: string, row: string): string =>
  `((${t} + IFNULL((SELECT utc_offset_min FROM regions WHERE id = ${row}.region_id), 0) * 60000) / 86400000)`;

// A new activity that is strictly the latest of its deal (live data, a sync's fresh rows) updates the deal's state in
// place — its latest activity and promise, and its 客户反馈 time if it is the first since the stage was entered —
// instead of marking the deal for a recomputation that seeks its activities again. Anything else (a tie with the
// latest, an older activity, a deal without state yet) is marked exactly as migration 0004 did. Why only deals
// without a recorded feedback: an INSERT OR REPLACE deletes the row's old version without a trigger, and if that
// version was the recorded feedback only a recomputation finds the next one. Inside a trigger, changes() counts the
// rows of the trigger's previous statement: the mark is written unless the update applied. The rest is 0004's.
const ACTIVITY_INSERT_SQL = `
DROP TRIGGER analytics_activities_insert;
CREATE TRIGGER analytics_activities_insert AFTER INSERT ON activities
WHEN NOT EXISTS (SELECT 1 FROM analytics_dirty_day WHERE region_id = NEW.region_id AND day = -1 AND rep_id = '*') BEGIN
INSERT INTO analytics_dirty_day (region_id, day, rep_id) SELECT NEW.region_id, ${day('NEW.occurred_at', 'NEW')}, NEW.rep_id
  WHERE NEW.occurred_at IS NOT NULL AND NEW.rep_id IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO analytics_dirty_day (region_id, day, rep_id)
  SELECT sc.region_id, ${day('sc.changed_at', 'sc')}, sc.changed_by FROM stage_changes sc
  WHERE NEW.deal_id IS NOT NULL AND instr(NEW.tags, '客户反馈') > 0
    AND sc.deal_id = NEW.deal_id AND sc.changed_at BETWEEN NEW.occurred_at - 1209600000 AND NEW.occurred_at
    AND sc.to_stage_id IN (SELECT id FROM stages WHERE instr(checklist, '"feedback_48h"') > 0 OR name = '方案演示')
  ON CONFLICT DO NOTHING;
UPDATE analytics_deal_state SET last_activity_id = NEW.id, last_activity_at = NEW.occurred_at, last_next_step_due = NEW.next_step_due,
    feedback_at = CASE WHEN instr(NEW.tags, '"客户反馈"') > 0 AND NEW.occurred_at > stage_entered_at THEN NEW.occurred_at END
  WHERE deal_id = NEW.deal_id AND last_activity_at < NEW.occurred_at AND feedback_at IS NULL;
INSERT INTO analytics_dirty_deal (deal_id, full) SELECT NEW.deal_id, 0 WHERE NEW.deal_id IS NOT NULL AND changes() = 0
  ON CONFLICT DO UPDATE SET full = MAX(full, excluded.full);
INSERT INTO analytics_dirty_lead (lead_id) SELECT NEW.lead_id WHERE NEW.lead_id IS NOT NULL ON CONFLICT DO NOTHING;
END;
`;

export const analyticsSpeed: Migration = {
  version: 5,
  name: 'analytics-speed',
  up(db) {
    db.exec(INDEXES_SQL);
    db.exec(VERSION_SQL);
    db.exec(ACTIVITY_INSERT_SQL);
  },
};
