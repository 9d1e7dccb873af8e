// Prepared per-table statements for applying wire rows: an upsert (INSERT … ON CONFLICT(id) DO UPDATE) taking
// the positional row as-is, a tombstone delete, and the few in-place conversions SQLite needs (json → text,
// boolean → 0/1). Built once per engine: preparing statements per page would cost more than the inserts.
import type Database from 'better-sqlite3';
import { TABLES, TABLE_NAMES, type TableName } from '../../shared/sync/tables';
import type { Db } from '../db/open';
import { SyncError } from './sync-error';

export interface TableWriter {
  readonly table: TableName;
  /** Upsert rows; every row's region must be in `allowed` (unscoped tables skip the check). */
  upsert(rows: unknown[][], allowed: ReadonlySet<string>): void;
  delete(ids: readonly string[]): void;
}

export type TableWriters = Readonly<Record<TableName, TableWriter>>;

export function createTableWriters(db: Db): TableWriters {
  const entries = TABLE_NAMES.map((table) => [table, createTableWriter(db, table)] as const);
  return Object.fromEntries(entries) as Record<TableName, TableWriter>;
}

function createTableWriter(db: Db, table: TableName): TableWriter {
  const def = TABLES[table];
  const names = def.columns.map((c) => c.name);
  const width = names.length;
  const updates = names.slice(1).map((n) => `${n} = excluded.${n}`);
  const upsert = db.prepare(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
  );
  const del = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const regionIndex = def.regionScoped ? names.indexOf('region_id') : -1;
  const jsonCols = def.columns.flatMap((c, i) => (c.type === 'json' ? [i] : []));
  const boolCols = def.columns.flatMap((c, i) => (c.type === 'bool' ? [i] : []));

  const convert = (row: unknown[]): void => {
    for (const i of jsonCols) {
      const v = row[i];
      // A json column carries an array/object on the wire; stored as its JSON text.
      if (v !== null && typeof v === 'object') row[i] = JSON.stringify(v);
    }
    for (const i of boolCols) {
      const v = row[i];
      if (typeof v === 'boolean') row[i] = v ? 1 : 0;
    }
  };

  return {
    table,
    upsert(rows, allowed) {
      for (const row of rows) {
        if (row.length !== width) throw badRow(table, `has ${row.length} values, expected ${width}`);
        if (regionIndex >= 0 && !allowed.has(row[regionIndex] as string)) {
          throw new SyncError(
            'invalid-page',
            `The backend sent a ${table} row of region "${String(row[regionIndex])}", outside this replica's regions`,
          );
        }
        convert(row);
        runRow(upsert, table, row);
      }
    },
    delete(ids) {
      for (const id of ids) del.run(id);
    },
  };
}

function runRow(stmt: Database.Statement, table: TableName, row: unknown[]): void {
  try {
    stmt.run(row);
  } catch (err) {
    // STRICT types, NOT NULL and unbindable values (nested objects) all land here; the page's transaction rolls back.
    throw badRow(table, err instanceof Error ? err.message : String(err), err);
  }
}

function badRow(table: TableName, what: string, cause?: unknown): SyncError {
  return new SyncError('invalid-page', `The backend sent a ${table} row that does not fit the replica: ${what}`, { cause });
}
