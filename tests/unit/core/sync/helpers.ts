// Builders for sync unit tests: a migrated in-memory replica, deterministic rows for any table (derived from
// TABLES, so new tables and columns are covered without editing tests) and change-feed pages.
import { openReplica, type Db } from '../../../../src/core/db/open';
import type { ChangesPage } from '../../../../src/shared/sync/protocol';
import { TABLES, TABLE_NAMES, type ColumnType, type TableDef, type TableName } from '../../../../src/shared/sync/tables';

export function memoryReplica(): Db {
  return openReplica(':memory:');
}

function value(type: ColumnType, name: string, i: number): unknown {
  switch (type) {
    case 'text':
      return `${name}-${i}`;
    case 'int':
    case 'ts':
      return 1_700_000_000_000 + i;
    case 'real':
      return i + 0.25;
    case 'date':
      return '2026-03-01';
    case 'bool':
      return i % 2 === 0;
    case 'json':
      return { n: i, tags: ['a', `t${i}`] };
  }
}

/** A positional wire row of `table` for region `region`, number `i`. */
export function wireRow(table: TableName, region: string, i: number, overrides: Record<string, unknown> = {}): unknown[] {
  return TABLES[table].columns.map((col) => {
    if (col.name in overrides) return overrides[col.name];
    if (col.name === 'id') return table === 'regions' ? region : `${table}-${region}-${i}`;
    if (col.name === 'region_id') return region;
    return value(col.type, col.name, i);
  });
}

export interface PageOptions {
  after?: number;
  cursor: number;
  highWater?: number;
  hasMore?: boolean;
  reset?: boolean;
  granted?: string[];
  revoked?: string[];
  added?: string[];
  tables?: ChangesPage['tables'];
}

export function page(o: PageOptions): ChangesPage {
  return {
    protocolVersion: 1,
    cursor: o.cursor,
    highWater: o.highWater ?? o.cursor,
    hasMore: o.hasMore ?? false,
    reset: o.reset ?? false,
    scope: { granted: o.granted ?? ['east', 'south'], revoked: o.revoked ?? [], added: o.added ?? [] },
    tables: o.tables ?? {},
  };
}

/** `n` rows of every table for each region (stages once: they are global). */
export function allTablesRows(regions: readonly string[], n: number): ChangesPage['tables'] {
  const tables: ChangesPage['tables'] = {};
  for (const table of TABLE_NAMES) {
    const scoped = TABLES[table].regionScoped;
    const rows: unknown[][] = [];
    for (const region of scoped ? regions : ['global']) {
      const count = table === 'regions' ? 1 : n;
      for (let i = 0; i < count; i++) rows.push(wireRow(table, region, i));
    }
    tables[table] = { rows, deletes: [] };
  }
  return tables;
}

export function count(db: Db, table: string, where = '1 = 1', ...params: unknown[]): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;
}

/** A wire row as the replica stores it (json as parsed values, booleans as 0/1), for comparisons. */
export function canonicalRow(table: TableName, row: readonly unknown[]): unknown[] {
  return TABLES[table].columns.map((col, i) => {
    const v = row[i];
    if (col.type === 'bool' && typeof v === 'boolean') return v ? 1 : 0;
    if (col.type === 'json' && typeof v === 'string') return JSON.parse(v) as unknown;
    return v;
  });
}

/** Every row of a replica table, canonical, sorted by id. */
export function replicaRows(db: Db, table: TableName): unknown[][] {
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().all() as unknown[][];
  return rows.map((r) => canonicalRow(table, r));
}

/** Wire rows canonical and sorted by id, to compare with replicaRows. */
export function sortedCanonical(table: TableName, rows: readonly unknown[][]): unknown[][] {
  const byId = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);
  return rows.map((r) => canonicalRow(table, r)).sort(byId);
}

/** Tables the app writes through the outbox (the backend's own data never includes them in fixtures). */
export function isClientWritable(table: TableName): boolean {
  return (TABLES[table] as TableDef).clientWritable === true;
}
