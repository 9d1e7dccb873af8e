// Version 2: the replicated tables and their hot-query indexes. FROZEN: this SQL is a literal copy of what
// src/core/sync/replica-schema.ts generated from TABLES when it shipped. Never edit it; when TABLES changes,
// add a migration that alters the tables (tests/unit/core/sync/replica-schema.test.ts fails until you do).
import type { Migration } from '../migrate';

const SQL = `
CREATE TABLE regions (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_id TEXT,
  utc_offset_min INTEGER NOT NULL
) STRICT;

CREATE TABLE stages (
  id TEXT NOT NULL PRIMARY KEY,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  max_dwell_days INTEGER NOT NULL,
  required_fields TEXT NOT NULL,
  checklist TEXT NOT NULL
) STRICT;

CREATE TABLE reps (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  name TEXT NOT NULL,
  team TEXT NOT NULL,
  manager_id TEXT,
  status TEXT NOT NULL,
  hired_at INTEGER NOT NULL,
  departed_at INTEGER
) STRICT;

CREATE TABLE accounts (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  name TEXT NOT NULL,
  segment TEXT NOT NULL,
  tier TEXT NOT NULL
) STRICT;

CREATE TABLE leads (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  assigned_rep_id TEXT,
  assigned_at INTEGER,
  first_touch_at INTEGER,
  score INTEGER NOT NULL,
  grade TEXT NOT NULL,
  status TEXT NOT NULL,
  account_id TEXT
) STRICT;

CREATE TABLE deals (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  owner_rep_id TEXT NOT NULL,
  stage_id TEXT NOT NULL,
  amount REAL NOT NULL,
  currency TEXT NOT NULL,
  product_line TEXT NOT NULL,
  expected_close TEXT,
  created_at INTEGER NOT NULL,
  stage_entered_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  lost_reason TEXT,
  closed_at INTEGER,
  fields TEXT NOT NULL
) STRICT;

CREATE TABLE stage_changes (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  deal_id TEXT NOT NULL,
  from_stage_id TEXT,
  to_stage_id TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL
) STRICT;

CREATE TABLE activities (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  rep_id TEXT NOT NULL,
  deal_id TEXT,
  lead_id TEXT,
  account_id TEXT,
  kind TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  logged_at INTEGER NOT NULL,
  duration_min INTEGER NOT NULL,
  tags TEXT NOT NULL,
  summary TEXT NOT NULL,
  has_attachment INTEGER NOT NULL,
  next_step TEXT,
  next_step_due INTEGER
) STRICT;

CREATE TABLE targets (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  rep_id TEXT,
  period TEXT NOT NULL,
  period_start TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL
) STRICT;

CREATE TABLE annotations (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  author TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  body TEXT NOT NULL,
  flag TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE action_items (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  title TEXT NOT NULL,
  owner_rep_id TEXT,
  due TEXT,
  deliverable TEXT,
  status TEXT NOT NULL,
  source TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE exception_states (
  id TEXT NOT NULL PRIMARY KEY,
  region_id TEXT NOT NULL,
  status TEXT NOT NULL,
  owner TEXT,
  note TEXT,
  snoozed_until INTEGER,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE INDEX idx_regions_region_id ON regions (region_id);

CREATE INDEX idx_reps_region_id ON reps (region_id);

CREATE INDEX idx_accounts_region_id ON accounts (region_id);

CREATE INDEX idx_leads_region_id_status ON leads (region_id, status);

CREATE INDEX idx_leads_assigned_rep_id ON leads (assigned_rep_id);

CREATE INDEX idx_deals_region_id_status_stage_id ON deals (region_id, status, stage_id);

CREATE INDEX idx_deals_owner_rep_id ON deals (owner_rep_id);

CREATE INDEX idx_stage_changes_deal_id_changed_at ON stage_changes (deal_id, changed_at);

CREATE INDEX idx_stage_changes_region_id_changed_at ON stage_changes (region_id, changed_at);

CREATE INDEX idx_activities_rep_id_occurred_at ON activities (rep_id, occurred_at);

CREATE INDEX idx_activities_deal_id_occurred_at ON activities (deal_id, occurred_at);

CREATE INDEX idx_activities_region_id_occurred_at ON activities (region_id, occurred_at);

CREATE INDEX idx_targets_region_id ON targets (region_id);

CREATE INDEX idx_annotations_region_id ON annotations (region_id);

CREATE INDEX idx_action_items_region_id ON action_items (region_id);

CREATE INDEX idx_exception_states_region_id ON exception_states (region_id);
`;

export const replicaTables: Migration = {
  version: 2,
  name: 'replica-tables',
  up(db) {
    db.exec(SQL);
  },
};
