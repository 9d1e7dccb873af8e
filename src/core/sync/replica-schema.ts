// The replica's SQL shape derived from the shared TABLES definition: column types, table DDL and the
// hot-query indexes. Migration 0002 holds a frozen copy of this output; a test keeps the two in step.
import { TABLES, TABLE_NAMES, type Column, type ColumnType, type TableName } from '../../shared/sync/tables';

const SQL_TYPES: Record<ColumnType, 'INTEGER' | 'REAL' | 'TEXT'> = {
  ts: 'INTEGER',
  int: 'INTEGER',
  bool: 'INTEGER',
  real: 'REAL',
  json: 'TEXT',
  text: 'TEXT',
  date: 'TEXT',
};

export function sqlType(type: ColumnType): 'INTEGER' | 'REAL' | 'TEXT' {
  return SQL_TYPES[type];
}

function columnDdl(col: Column, index: number): string {
  const notNull = col.nullable ? '' : ' NOT NULL';
  return `  ${col.name} ${sqlType(col.type)}${notNull}${index === 0 ? ' PRIMARY KEY' : ''}`;
}

/** CREATE TABLE for one replicated table: STRICT, primary key `id`, NOT NULL unless the column is nullable. */
export function replicaTableDdl(table: TableName): string {
  const cols: readonly Column[] = TABLES[table].columns;
  return `CREATE TABLE ${table} (\n${cols.map(columnDdl).join(',\n')}\n) STRICT`;
}

/**
 * Indexes for scope (purge by region) and the analytics to come. Every scoped table gets an index that
 * starts with region_id; where a composite index already leads with it, a second one would only slow inserts.
 */
export const REPLICA_INDEXES: ReadonlyArray<{ table: TableName; columns: readonly string[] }> = [
  { table: 'regions', columns: ['region_id'] },
  { table: 'reps', columns: ['region_id'] },
  { table: 'accounts', columns: ['region_id'] },
  { table: 'leads', columns: ['region_id', 'status'] },
  { table: 'leads', columns: ['assigned_rep_id'] },
  { table: 'deals', columns: ['region_id', 'status', 'stage_id'] },
  { table: 'deals', columns: ['owner_rep_id'] },
  { table: 'stage_changes', columns: ['deal_id', 'changed_at'] },
  { table: 'stage_changes', columns: ['region_id', 'changed_at'] },
  { table: 'activities', columns: ['rep_id', 'occurred_at'] },
  { table: 'activities', columns: ['deal_id', 'occurred_at'] },
  { table: 'activities', columns: ['region_id', 'occurred_at'] },
  { table: 'targets', columns: ['region_id'] },
  { table: 'annotations', columns: ['region_id'] },
  { table: 'action_items', columns: ['region_id'] },
  { table: 'exception_states', columns: ['region_id'] },
];

export function indexName(table: string, columns: readonly string[]): string {
  return `idx_${table}_${columns.join('_')}`;
}

export function replicaIndexDdl(): string[] {
  return REPLICA_INDEXES.map(
    ({ table, columns }) => `CREATE INDEX ${indexName(table, columns)} ON ${table} (${columns.join(', ')})`,
  );
}

/** The whole generated replica DDL, one statement per entry, in TABLES order then indexes. */
export function generatedReplicaDdl(): string[] {
  return [...TABLE_NAMES.map(replicaTableDdl), ...replicaIndexDdl()];
}

export const SCOPED_TABLES: readonly TableName[] = TABLE_NAMES.filter((t) => TABLES[t].regionScoped);
