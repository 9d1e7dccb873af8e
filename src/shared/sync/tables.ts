// The replicated tables: their columns in wire order and types. One definition drives the backend schema,
// the change-feed encoding (positional rows), and the replica schema, so the three cannot drift apart.
//
// Conventions: times are integers (epoch milliseconds, UTC); calendar dates are 'YYYY-MM-DD' text;
// `json` columns carry a JSON value (array/object) encoded as text in SQLite and jsonb in PostgreSQL;
// booleans are 0/1 integers. Every region-scoped table has a `region_id` column (denormalized on purpose:
// scope filtering and purging a revoked region are then one indexed predicate per table).

export type ColumnType = 'text' | 'int' | 'real' | 'ts' | 'date' | 'bool' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
  nullable?: boolean;
}

export interface TableDef {
  /** Columns in wire order; the first is always the primary key `id`. */
  columns: readonly Column[];
  /** false for global reference data (stages) that every user receives. */
  regionScoped: boolean;
  /** Written by the app through the outbox (annotations, action items, exception states). */
  clientWritable?: boolean;
}

const c = (name: string, type: ColumnType, nullable = false): Column => ({ name, type, nullable });

export const TABLES = {
  regions: {
    regionScoped: true, // a region row's region_id is its own id
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('name', 'text'),
      c('name_en', 'text'),
      c('parent_id', 'text', true),
      c('utc_offset_min', 'int'),
    ],
  },
  stages: {
    regionScoped: false,
    columns: [
      c('id', 'text'),
      c('ordinal', 'int'),
      c('name', 'text'),
      c('name_en', 'text'),
      c('max_dwell_days', 'int'),
      c('required_fields', 'json'),
      c('checklist', 'json'),
    ],
  },
  reps: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('name', 'text'),
      c('team', 'text'),
      c('manager_id', 'text', true),
      c('status', 'text'), // active | departed
      c('hired_at', 'ts'),
      c('departed_at', 'ts', true),
    ],
  },
  accounts: {
    regionScoped: true,
    columns: [c('id', 'text'), c('region_id', 'text'), c('name', 'text'), c('segment', 'text'), c('tier', 'text')],
  },
  leads: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('source', 'text'),
      c('created_at', 'ts'),
      c('assigned_rep_id', 'text', true),
      c('assigned_at', 'ts', true),
      c('first_touch_at', 'ts', true),
      c('score', 'int'),
      c('grade', 'text'),
      c('status', 'text'), // new | working | converted | disqualified
      c('account_id', 'text', true),
    ],
  },
  deals: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('account_id', 'text'),
      c('owner_rep_id', 'text'),
      c('stage_id', 'text'),
      c('amount', 'real'),
      c('currency', 'text'),
      c('product_line', 'text'),
      c('expected_close', 'date', true),
      c('created_at', 'ts'),
      c('stage_entered_at', 'ts'),
      c('status', 'text'), // open | won | lost
      c('lost_reason', 'text', true),
      c('closed_at', 'ts', true),
      c('fields', 'json'), // required-field values by field key
    ],
  },
  stage_changes: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('deal_id', 'text'),
      c('from_stage_id', 'text', true),
      c('to_stage_id', 'text'),
      c('changed_at', 'ts'),
      c('changed_by', 'text'),
    ],
  },
  activities: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('rep_id', 'text'),
      c('deal_id', 'text', true),
      c('lead_id', 'text', true),
      c('account_id', 'text', true),
      c('kind', 'text'), // visit | call | wechat | demo | quote | check-in | email
      c('occurred_at', 'ts'),
      c('logged_at', 'ts'),
      c('duration_min', 'int'),
      c('tags', 'json'),
      c('summary', 'text'),
      c('has_attachment', 'bool'),
      c('next_step', 'text', true),
      c('next_step_due', 'ts', true),
    ],
  },
  targets: {
    regionScoped: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('rep_id', 'text', true), // null: the target is for the whole region
      c('period', 'text'), // week | month | quarter
      c('period_start', 'date'),
      c('metric', 'text'), // revenue | won_deals | new_deals
      c('value', 'real'),
    ],
  },
  annotations: {
    regionScoped: true,
    clientWritable: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('author', 'text'),
      c('subject_type', 'text'), // rep | deal | activity | exception
      c('subject_id', 'text'),
      c('body', 'text'),
      c('flag', 'text', true),
      c('created_at', 'ts'),
    ],
  },
  action_items: {
    regionScoped: true,
    clientWritable: true,
    columns: [
      c('id', 'text'),
      c('region_id', 'text'),
      c('title', 'text'),
      c('owner_rep_id', 'text', true),
      c('due', 'date', true),
      c('deliverable', 'text', true),
      c('status', 'text'), // open | done | dropped
      c('source', 'text', true),
      c('created_at', 'ts'),
      c('updated_at', 'ts'),
    ],
  },
  exception_states: {
    regionScoped: true,
    clientWritable: true,
    columns: [
      c('id', 'text'), // the exception key (rule + subject)
      c('region_id', 'text'),
      c('status', 'text'), // open | acknowledged | resolved
      c('owner', 'text', true),
      c('note', 'text', true),
      c('snoozed_until', 'ts', true),
      c('updated_at', 'ts'),
      c('updated_by', 'text'),
    ],
  },
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** Column names of a table in wire order. */
export function columnNames(table: TableName): string[] {
  return TABLES[table].columns.map((col) => col.name);
}
