// Test helper: materialises a generated demo dataset as objects keyed by column name, for the rule checks.
import { columnNames, type TableName } from '../../../src/shared/sync/tables';
import { generateDemo } from '../../../src/server/demo/generate';
import type { DemoBatch, DemoOptions } from '../../../src/server/demo/types';

export interface Region {
  id: string;
  region_id: string;
  name: string;
  name_en: string;
  parent_id: string | null;
  utc_offset_min: number;
}
export interface Stage {
  id: string;
  ordinal: number;
  name: string;
  name_en: string;
  max_dwell_days: number;
  required_fields: string[];
  checklist: { key: string; name: string; name_en: string }[];
}
export interface Rep {
  id: string;
  region_id: string;
  name: string;
  team: string;
  manager_id: string | null;
  status: string;
  hired_at: number;
  departed_at: number | null;
}
export interface Account {
  id: string;
  region_id: string;
  name: string;
  segment: string;
  tier: string;
}
export interface Lead {
  id: string;
  region_id: string;
  source: string;
  created_at: number;
  assigned_rep_id: string | null;
  assigned_at: number | null;
  first_touch_at: number | null;
  score: number;
  grade: string;
  status: string;
  account_id: string | null;
}
export interface Deal {
  id: string;
  region_id: string;
  account_id: string;
  owner_rep_id: string;
  stage_id: string;
  amount: number;
  currency: string;
  product_line: string;
  expected_close: string | null;
  created_at: number;
  stage_entered_at: number;
  status: string;
  lost_reason: string | null;
  closed_at: number | null;
  fields: Record<string, unknown>;
}
export interface StageChange {
  id: string;
  region_id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_at: number;
  changed_by: string;
}
export interface Activity {
  id: string;
  region_id: string;
  rep_id: string;
  deal_id: string | null;
  lead_id: string | null;
  account_id: string | null;
  kind: string;
  occurred_at: number;
  logged_at: number;
  duration_min: number;
  tags: string[];
  summary: string;
  has_attachment: number;
  next_step: string | null;
  next_step_due: number | null;
}
export interface Target {
  id: string;
  region_id: string;
  rep_id: string | null;
  period: string;
  period_start: string;
  metric: string;
  value: number;
}

export interface Dataset {
  now: number;
  batches: DemoBatch[];
  regions: Region[];
  stages: Stage[];
  reps: Rep[];
  accounts: Account[];
  leads: Lead[];
  deals: Deal[];
  stageChanges: StageChange[];
  activities: Activity[];
  targets: Target[];
}

export function toObject(table: TableName, row: unknown[]): Record<string, unknown> {
  const names = columnNames(table);
  const obj: Record<string, unknown> = {};
  names.forEach((name, i) => (obj[name] = row[i]));
  return obj;
}

function objects<T>(batches: DemoBatch[], table: TableName): T[] {
  const out: T[] = [];
  for (const batch of batches) if (batch.table === table) for (const row of batch.rows) out.push(toObject(table, row) as T);
  return out;
}

export function datasetFromBatches(now: number, batches: DemoBatch[]): Dataset {
  return {
    now,
    batches,
    regions: objects<Region>(batches, 'regions'),
    stages: objects<Stage>(batches, 'stages'),
    reps: objects<Rep>(batches, 'reps'),
    accounts: objects<Account>(batches, 'accounts'),
    leads: objects<Lead>(batches, 'leads'),
    deals: objects<Deal>(batches, 'deals'),
    stageChanges: objects<StageChange>(batches, 'stage_changes'),
    activities: objects<Activity>(batches, 'activities'),
    targets: objects<Target>(batches, 'targets'),
  };
}

const loaded = new Map<string, Dataset>();

/** The dataset of `options`, generated once per test file (tests only read it). */
export function loadDataset(options: DemoOptions): Dataset {
  const key = JSON.stringify([options.scale, options.seed, options.now, options.plants ?? true]);
  let ds = loaded.get(key);
  if (!ds) loaded.set(key, (ds = datasetFromBatches(options.now, [...generateDemo(options)])));
  return ds;
}

/** A fixed "now" for the suite: Wednesday 2025-06-18 11:30 China time (before noon: the PHI window ends yesterday). */
export const NOW = Date.UTC(2025, 5, 18, 3, 30, 0);
/** A second "now" on a Monday afternoon, to exercise the other branches (weekend just behind, window ends today). */
export const NOW_MONDAY_PM = Date.UTC(2025, 8, 8, 7, 45, 0);
