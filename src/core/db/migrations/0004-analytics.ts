// Version 4: analytics. Threshold overrides and exception occurrences (local lifecycle; the team-shared state is the
// replicated exception_states table), daily rollups and deal-stage visits kept fresh by triggers that only mark what
// changed (flushed by src/core/analytics/rollup before every read), and the indexes the hot analytics queries need.
// All tables are prefixed analytics_ so they are easy to tell from replicated ones.
import type { Migration } from '../migrate';

/** Local day number of `t` in the row's region (offset 0 if the region row is missing: triggers must never fail). */
const day = (t: string, row: string): string =>
  `((${t} + IFNULL((SELECT utc_offset_min FROM regions WHERE id = ${row}.region_id), 0) * 60000) / 86400000)`;

/** Daily rollup counters (see src/core/analytics/rollup/rep-day.ts for what each counts). */
const ROLLUP_COUNTERS = (
  'acts effective high_value first_contact complete time_ok attach_req attach_ok quality_ok sc_total sc_valid advances ' +
  'demos demos_fed leads_assigned leads_on_time deals_new deals_won won_amount won_cycle_ms deals_lost'
).split(' ');

/** Per region × local day × rep, or (without rep) per region × local day. */
function rollupTable(name: string, perRep: boolean): string {
  const counters = ROLLUP_COUNTERS.map((c) => `  ${c} ${c === 'won_amount' ? 'REAL' : 'INTEGER'} NOT NULL DEFAULT 0,`).join('\n');
  return `CREATE TABLE ${name} (
  region_id TEXT NOT NULL,
  day INTEGER NOT NULL,
${perRep ? '  rep_id TEXT NOT NULL,\n' : ''}${counters}
  computed_at INTEGER NOT NULL,
  PRIMARY KEY (region_id, day${perRep ? ', rep_id' : ''})
) STRICT, WITHOUT ROWID;`;
}

const TABLES_SQL = `
CREATE TABLE analytics_thresholds (
  rule TEXT NOT NULL,
  param TEXT NOT NULL,
  region_id TEXT NOT NULL DEFAULT '*',
  stage_id TEXT NOT NULL DEFAULT '*',
  value REAL NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (rule, param, region_id, stage_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE analytics_exception_occurrences (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  rule TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  region_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  evidence TEXT NOT NULL,
  since INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  cleared_at INTEGER,
  after_ts INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX idx_analytics_occ_live_key ON analytics_exception_occurrences (key) WHERE cleared_at IS NULL;
CREATE INDEX idx_analytics_occ_live_rule ON analytics_exception_occurrences (rule) WHERE cleared_at IS NULL;
CREATE INDEX idx_analytics_occ_key_id ON analytics_exception_occurrences (key, id);
CREATE INDEX idx_analytics_occ_region_cleared ON analytics_exception_occurrences (region_id, cleared_at, rule);

${rollupTable('analytics_rep_day', true)}
CREATE INDEX idx_analytics_rep_day_rep ON analytics_rep_day (rep_id, day);
${rollupTable('analytics_region_day', false)}

CREATE TABLE analytics_deal_visits (
  deal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  region_id TEXT NOT NULL,
  owner_rep_id TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  entered_at INTEGER NOT NULL,
  exited_at INTEGER,
  exit_kind TEXT,
  next_stage_id TEXT,
  PRIMARY KEY (deal_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_analytics_visits_exits ON analytics_deal_visits (region_id, exited_at, stage_id, exit_kind, entered_at, owner_rep_id);
CREATE INDEX idx_analytics_visits_back ON analytics_deal_visits (region_id, exited_at) WHERE exit_kind = 'back';
CREATE INDEX idx_analytics_visits_entered ON analytics_deal_visits (region_id, entered_at, deal_id) WHERE seq > 1;

CREATE TABLE analytics_deal_state (
  deal_id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  owner_rep_id TEXT NOT NULL,
  status TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  stage_entered_at INTEGER NOT NULL,
  amount REAL NOT NULL,
  missing TEXT NOT NULL,
  missing_count INTEGER NOT NULL,
  last_activity_id TEXT,
  last_activity_at INTEGER,
  last_next_step_due INTEGER,
  feedback_at INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_analytics_deal_state_open ON analytics_deal_state
  (region_id, status, stage_id, stage_entered_at, owner_rep_id, amount, missing_count, feedback_at);
CREATE INDEX idx_analytics_deal_state_promise ON analytics_deal_state (region_id, status, last_next_step_due);
CREATE INDEX idx_analytics_deal_state_missing ON analytics_deal_state (region_id) WHERE status = 'open' AND missing_count > 0;

CREATE TABLE analytics_open_cells (
  region_id TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  owner_rep_id TEXT NOT NULL,
  open INTEGER NOT NULL,
  missing INTEGER NOT NULL,
  amount REAL NOT NULL,
  PRIMARY KEY (region_id, stage_id, owner_rep_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_analytics_open_cells_empty ON analytics_open_cells (region_id) WHERE open = 0;

CREATE TABLE analytics_lead_cells (
  region_id TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  open INTEGER NOT NULL,
  PRIMARY KEY (region_id, rep_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_analytics_lead_cells_empty ON analytics_lead_cells (region_id) WHERE open = 0;

CREATE TABLE analytics_lead_state (
  lead_id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  status TEXT NOT NULL,
  assigned_rep_id TEXT,
  created_at INTEGER NOT NULL,
  assigned_at INTEGER,
  first_touch_at INTEGER,
  last_activity_at INTEGER,
  own_activity_id TEXT,
  own_next_step_due INTEGER,
  last_sign_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX idx_analytics_lead_state_open ON analytics_lead_state (region_id, status, assigned_rep_id, assigned_at);
CREATE INDEX idx_analytics_lead_state_idle ON analytics_lead_state (region_id, status, last_sign_at, assigned_rep_id);
CREATE INDEX idx_analytics_lead_state_promise ON analytics_lead_state (region_id, status, own_next_step_due);
CREATE INDEX idx_analytics_lead_state_untouched ON analytics_lead_state (region_id, assigned_at)
  WHERE first_touch_at IS NULL AND status IN ('new', 'working');

CREATE TABLE analytics_dirty_day (
  region_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  rep_id TEXT NOT NULL,
  PRIMARY KEY (region_id, day, rep_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE analytics_dirty_deal (deal_id TEXT NOT NULL PRIMARY KEY, full INTEGER NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE analytics_dirty_lead (lead_id TEXT NOT NULL PRIMARY KEY) STRICT, WITHOUT ROWID;
`;

const INDEXES_SQL = `
CREATE INDEX idx_activities_lead_id_occurred_at ON activities (lead_id, occurred_at) WHERE lead_id IS NOT NULL;
CREATE INDEX idx_activities_account_only ON activities (account_id, occurred_at, next_step_due) WHERE deal_id IS NULL AND lead_id IS NULL;
CREATE INDEX idx_leads_region_assigned_cover ON leads (region_id, assigned_at, first_touch_at, assigned_rep_id, source);
CREATE INDEX idx_deals_region_closed_cover ON deals (region_id, closed_at, status, owner_rep_id, lost_reason, amount, created_at);
CREATE INDEX idx_deals_region_created ON deals (region_id, created_at, owner_rep_id);
CREATE INDEX idx_targets_region_rep_period ON targets (region_id, rep_id, period, period_start, metric, value);
`;

// Trigger bodies use ON CONFLICT DO NOTHING and filter NULLs in WHERE rather than an "OR IGNORE" clause: an OR
// clause on the statement that fired the trigger (e.g. INSERT OR REPLACE) overrides the trigger's own and would
// fail the sync on a NULL or a duplicate mark.

/** Marks the (region, local day, rep) of time column `t` (if `when`); a NULL time or rep marks nothing. */
const markDay = (t: string, row: string, rep: string, when = 'true'): string =>
  `INSERT INTO analytics_dirty_day (region_id, day, rep_id) SELECT ${row}.region_id, ${day(`${row}.${t}`, row)}, ${row}.${rep}
     WHERE ${row}.${t} IS NOT NULL AND ${row}.${rep} IS NOT NULL AND (${when}) ON CONFLICT DO NOTHING;`;

/** On UPDATE only: whether any of `columns` changed (other events: always). */
const changed = (update: boolean, columns: readonly string[]): string =>
  update ? columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ') : 'true';

/** A 客户反馈 activity changes the key-action count of the days its deal entered the demo stage in the 14 days before. */
const markFedDemos = (row: string): string =>
  `INSERT INTO analytics_dirty_day (region_id, day, rep_id)
     SELECT sc.region_id, ${day('sc.changed_at', 'sc')}, sc.changed_by FROM stage_changes sc
     WHERE ${row}.deal_id IS NOT NULL AND instr(${row}.tags, '客户反馈') > 0
       AND sc.deal_id = ${row}.deal_id AND sc.changed_at BETWEEN ${row}.occurred_at - 1209600000 AND ${row}.occurred_at
       AND sc.to_stage_id IN (SELECT id FROM stages WHERE instr(checklist, '"feedback_48h"') > 0 OR name = '方案演示')
     ON CONFLICT DO NOTHING;`;

/** A stage change also changes whether the deal's next change is in a valid sequence. */
const markNextChange = (row: string): string =>
  `INSERT INTO analytics_dirty_day (region_id, day, rep_id)
     SELECT * FROM (SELECT n.region_id, ${day('n.changed_at', 'n')}, n.changed_by FROM stage_changes n
       WHERE n.deal_id = ${row}.deal_id AND n.changed_at > ${row}.changed_at ORDER BY n.changed_at LIMIT 1)
     WHERE true ON CONFLICT DO NOTHING;`;

/** full = 1: the deal row or its stage history changed; 0: only its activities (their latest and the feedback). */
const markDeal = (row: string, column = 'deal_id', full = 1): string =>
  `INSERT INTO analytics_dirty_deal (deal_id, full) SELECT ${row}.${column}, ${full} WHERE ${row}.${column} IS NOT NULL
     ON CONFLICT DO UPDATE SET full = MAX(full, excluded.full);`;

const markLead = (row: string, column = 'lead_id'): string =>
  `INSERT INTO analytics_dirty_lead (lead_id) SELECT ${row}.${column} WHERE ${row}.${column} IS NOT NULL ON CONFLICT DO NOTHING;`;

/**
 * A row's region marked for a whole rebuild (day -1: it just arrived, or its offset or the stages changed) needs no
 * finer marks: the next refresh recomputes all of it. This keeps an initial sync or a backfill cheap.
 */
const unmarked = (row: string): string =>
  `NOT EXISTS (SELECT 1 FROM analytics_dirty_day WHERE region_id = ${row}.region_id AND day = -1 AND rep_id = '*')`;

function triggers(table: string, body: (row: string, update: boolean) => string): string {
  return ['INSERT', 'UPDATE', 'DELETE']
    .map((event) => {
      const rows = event === 'INSERT' ? ['NEW'] : event === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];
      const when = event === 'UPDATE' ? '' : ` WHEN ${unmarked(rows[0] as string)}`;
      return `CREATE TRIGGER analytics_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}${when} BEGIN
${rows.map((row) => body(row, event === 'UPDATE')).join('\n')}
END;`;
    })
    .join('\n');
}

// Why the column lists: a sync rewrites whole rows; a deal advancing a stage must not re-count the day it was created.
const DEAL_CREATED = ['created_at', 'owner_rep_id', 'region_id'];
const DEAL_CLOSED = [...DEAL_CREATED, 'status', 'closed_at', 'amount'];
const LEAD_DAY = ['assigned_at', 'assigned_rep_id', 'first_touch_at', 'region_id'];

const TRIGGERS_SQL = [
  triggers(
    'activities',
    (r) => `${markDay('occurred_at', r, 'rep_id')}\n${markFedDemos(r)}\n${markDeal(r, 'deal_id', 0)}\n${markLead(r)}`,
  ),
  triggers('stage_changes', (r) => `${markDay('changed_at', r, 'changed_by')}\n${markNextChange(r)}\n${markDeal(r)}`),
  triggers('leads', (r, u) => `${markDay('assigned_at', r, 'assigned_rep_id', changed(u, LEAD_DAY))}\n${markLead(r, 'id')}`),
  triggers(
    'deals',
    (r, u) =>
      `${markDay('created_at', r, 'owner_rep_id', changed(u, DEAL_CREATED))}\n${markDay('closed_at', r, 'owner_rep_id', changed(u, DEAL_CLOSED))}\n${markDeal(r, 'id')}`,
  ),
  // Day -1, rep '*' means "rebuild the whole region": it is new, or its local days shift with its offset.
  ...['INSERT', 'UPDATE OF utc_offset_min'].map(
    (event) => `CREATE TRIGGER analytics_regions_${event.split(' ')[0]?.toLowerCase()} AFTER ${event} ON regions BEGIN
INSERT INTO analytics_dirty_day (region_id, day, rep_id) VALUES (NEW.id, -1, '*') ON CONFLICT DO NOTHING;
END;`,
  ),
  `CREATE TRIGGER analytics_regions_delete AFTER DELETE ON regions BEGIN
DELETE FROM analytics_exception_occurrences WHERE region_id = OLD.id;
DELETE FROM analytics_rep_day WHERE region_id = OLD.id;
DELETE FROM analytics_deal_visits WHERE region_id = OLD.id;
DELETE FROM analytics_deal_state WHERE region_id = OLD.id;
DELETE FROM analytics_lead_state WHERE region_id = OLD.id;
DELETE FROM analytics_open_cells WHERE region_id = OLD.id;
DELETE FROM analytics_lead_cells WHERE region_id = OLD.id;
DELETE FROM analytics_region_day WHERE region_id = OLD.id;
DELETE FROM analytics_thresholds WHERE region_id = OLD.id;
DELETE FROM analytics_dirty_day WHERE region_id = OLD.id;
END;`,
  // Stage order and required fields feed every deal's visits and state, and the daily advance counts.
  ...['INSERT', 'UPDATE', 'DELETE'].map(
    (event) => `CREATE TRIGGER analytics_stages_${event.toLowerCase()} AFTER ${event} ON stages BEGIN
INSERT INTO analytics_dirty_day (region_id, day, rep_id) SELECT id, -1, '*' FROM regions WHERE true ON CONFLICT DO NOTHING;
END;`,
  ),
].join('\n');

export const analytics: Migration = {
  version: 4,
  name: 'analytics',
  up(db) {
    db.exec(TABLES_SQL);
    db.exec(INDEXES_SQL);
    db.exec(TRIGGERS_SQL);
  },
};
