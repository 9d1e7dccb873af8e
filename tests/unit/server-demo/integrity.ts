// Test helper: row-shape and referential checks for demo batches, shared by the generator and live-mode tests.
import { TABLES, type ColumnType, type TableName } from '../../../src/shared/sync/tables';
import type { DemoBatch } from '../../../src/server/demo/types';

/** Why a value does not fit its column, or null when it does. */
export function typeProblem(type: ColumnType, nullable: boolean, value: unknown): string | null {
  if (value === null) return nullable ? null : 'null in a non-nullable column';
  if (value === undefined) return 'undefined';
  switch (type) {
    case 'text':
      return typeof value === 'string' ? null : `not text: ${typeof value}`;
    case 'int':
      return Number.isSafeInteger(value) ? null : `not an integer: ${String(value)}`;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? null : `not a finite number: ${String(value)}`;
    case 'ts':
      return Number.isSafeInteger(value) && (value as number) > 1e12 ? null : `not epoch ms: ${String(value)}`;
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        ? null
        : `not a YYYY-MM-DD date: ${String(value)}`;
    case 'bool':
      return value === 0 || value === 1 ? null : `not 0/1: ${String(value)}`;
    case 'json':
      return typeof value === 'object' ? null : `not a JSON array/object: ${typeof value}`;
  }
}

/** Every problem with the shape of the rows of `batch` (at most `limit`). */
export function shapeProblems(batch: DemoBatch, limit = 10): string[] {
  const problems: string[] = [];
  const columns = TABLES[batch.table].columns;
  for (const row of batch.rows) {
    if (row.length !== columns.length) problems.push(`${batch.table}: ${row.length} values for ${columns.length} columns`);
    columns.forEach((col, i) => {
      const p = typeProblem(col.type, col.nullable ?? false, row[i]);
      if (p) problems.push(`${batch.table}.${col.name} of ${String(row[0])}: ${p}`);
    });
    if (problems.length >= limit) break;
  }
  return problems;
}

/** Foreign keys: column → referenced table (the referenced row's region must match, except for regions/stages). */
export const FOREIGN_KEYS: Partial<Record<TableName, Record<string, TableName>>> = {
  regions: { parent_id: 'regions' },
  reps: { region_id: 'regions', manager_id: 'reps' },
  accounts: { region_id: 'regions' },
  leads: { region_id: 'regions', assigned_rep_id: 'reps', account_id: 'accounts' },
  deals: { region_id: 'regions', account_id: 'accounts', owner_rep_id: 'reps', stage_id: 'stages' },
  stage_changes: { region_id: 'regions', deal_id: 'deals', from_stage_id: 'stages', to_stage_id: 'stages', changed_by: 'reps' },
  activities: { region_id: 'regions', rep_id: 'reps', deal_id: 'deals', lead_id: 'leads', account_id: 'accounts' },
  targets: { region_id: 'regions', rep_id: 'reps' },
};

/** Tracks ids seen so far (with their region) and reports rows whose parents were not emitted before them. */
export class ReferenceTracker {
  private readonly seen = new Map<TableName, Map<string, string>>();
  readonly problems: string[] = [];

  constructor(private readonly allowUpdates = false) {}

  private ids(table: TableName): Map<string, string> {
    let ids = this.seen.get(table);
    if (!ids) this.seen.set(table, (ids = new Map()));
    return ids;
  }

  has(table: TableName, id: string): boolean {
    return this.ids(table).has(id);
  }

  count(table: TableName): number {
    return this.ids(table).size;
  }

  add(batch: DemoBatch): void {
    const names = TABLES[batch.table].columns.map((c) => c.name);
    const regionAt = names.indexOf('region_id');
    const fks = Object.entries(FOREIGN_KEYS[batch.table] ?? {}).map(([col, parent]) => [names.indexOf(col), parent] as const);
    const own = this.ids(batch.table);
    for (const row of batch.rows) {
      const id = row[0] as string;
      const region = regionAt >= 0 ? (row[regionAt] as string) : '';
      if (own.has(id) && !this.allowUpdates) this.problems.push(`${batch.table} ${id} emitted twice`);
      for (const [col, parent] of fks) {
        const ref = row[col];
        if (ref === null) continue;
        const parentRegion = this.ids(parent).get(ref as string);
        if (parentRegion === undefined)
          this.problems.push(`${batch.table} ${id}: ${names[col]} ${String(ref)} not emitted before`);
        else if (parent !== 'regions' && parent !== 'stages' && parentRegion !== region)
          this.problems.push(`${batch.table} ${id}: ${names[col]} ${String(ref)} is in region ${parentRegion}, not ${region}`);
      }
      own.set(id, region);
    }
  }
}
