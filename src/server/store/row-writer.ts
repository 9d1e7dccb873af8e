// The only code that changes entity tables. Each call writes the rows AND their change-log entries in one
// statement sequence on the caller's transaction, so a row version is never visible without its log entry.
import { TABLES, type Column, type TableName } from '../../shared/sync/tables';
import { ident, sqlType } from './schema';
import { num, type SqlExecutor } from './sql-client';
import { normalizeRow } from './row-codec';

export interface WriteResult {
  /** Highest change-log seq written (0 when nothing was written). */
  seq: number;
  count: number;
}

/** Array parameter type of a column: json travels as text (its JSON) and is cast per element. */
function arrayType(col: Column): string {
  return col.type === 'json' ? 'text[]' : `${sqlType(col.type)}[]`;
}

/** Value of a column in the select list over `src`. */
function columnExpr(col: Column): string {
  return col.type === 'json' ? `${ident(col.name)}::jsonb` : ident(col.name);
}

const upsertSqlCache = new Map<TableName, string>();

/**
 * One statement: the rows arrive column-wise as arrays (unnest is about twice as fast as parsing a JSON batch, in
 * PostgreSQL and in PGlite), plus each row's JSON text. It upserts the entity rows and appends one 'upsert' entry
 * per row carrying that exact text, in batch order.
 */
function upsertSql(table: TableName): string {
  const cached = upsertSqlCache.get(table);
  if (cached) return cached;
  const columns = TABLES[table].columns;
  const names = columns.map((col) => ident(col.name)).join(', ');
  const params = columns.map((col, i) => `$${i + 1}::${arrayType(col)}`).join(', ');
  const updates = columns
    .slice(1)
    .map((col) => `${ident(col.name)} = EXCLUDED.${ident(col.name)}`)
    .join(', ');
  const region = TABLES[table].regionScoped ? 'region_id' : 'NULL';
  const sql = `
    WITH src AS (
      SELECT * FROM unnest(${params}, $${columns.length + 1}::text[]) WITH ORDINALITY AS u(${names}, row_json, ord)
    ),
    upserted AS (
      INSERT INTO ${ident(table)} (${names}) SELECT ${columns.map(columnExpr).join(', ')} FROM src ORDER BY ord
      ON CONFLICT (id) DO UPDATE SET ${updates}
    ),
    logged AS (
      INSERT INTO change_log (table_name, row_id, region_id, op, row)
      SELECT '${table}', id, ${region}, 'upsert', row_json FROM src ORDER BY ord
      RETURNING seq
    )
    SELECT coalesce(max(seq), 0), count(*) FROM logged`;
  upsertSqlCache.set(table, sql);
  return sql;
}

/**
 * A row that moves to another region must disappear from replicas that hold only the old region: log a
 * tombstone under the old region first (its seq is lower than the new version's, so a replica holding both
 * regions ends with the new version).
 */
function moveTombstonesSql(table: TableName): string {
  return `
    INSERT INTO change_log (table_name, row_id, region_id, op, row)
    SELECT '${table}', t.id, t.region_id, 'delete', NULL
    FROM ${ident(table)} t JOIN unnest($1::text[], $2::text[]) AS n(id, region_id) ON t.id = n.id
    WHERE t.region_id IS DISTINCT FROM n.region_id
    ORDER BY t.id`;
}

/**
 * One row per id, its last version in the batch. Why: one INSERT … ON CONFLICT cannot touch a row twice, and
 * within one transaction the intermediate versions are never visible anyway.
 */
function lastVersions(rows: readonly (readonly unknown[])[]): readonly (readonly unknown[])[] {
  const last = new Map<unknown, number>();
  rows.forEach((row, i) => last.set(row[0], i));
  return last.size === rows.length ? rows : rows.filter((row, i) => last.get(row[0]) === i);
}

export interface WriteOptions {
  /** Skip the region-move check: only for loading an empty store. */
  initialLoad?: boolean;
}

/** Upserts positional rows (TABLES order) and logs them. Must run inside writeTransaction. */
export async function writeRows(
  tx: SqlExecutor,
  table: TableName,
  rows: readonly (readonly unknown[])[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  if (rows.length === 0) return { seq: 0, count: 0 };
  const normalized = lastVersions(rows).map((row) => normalizeRow(table, row));
  const columns = TABLES[table].columns;
  const params: unknown[][] = columns.map((col, i) =>
    normalized.map((row) => {
      const value = row[i];
      return col.type === 'json' && value !== null ? JSON.stringify(value) : value;
    }),
  );
  if (TABLES[table].regionScoped && !options.initialLoad) {
    const region = columns.findIndex((col) => col.name === 'region_id');
    await tx.query(moveTombstonesSql(table), [params[0], params[region]]);
  }
  params.push(normalized.map((row) => JSON.stringify(row)));
  const [result] = await tx.query(upsertSql(table), params);
  return { seq: num(result?.[0]), count: num(result?.[1]) };
}

/** Deletes rows by id and logs a tombstone for each row that existed. Must run inside writeTransaction. */
export async function deleteRows(tx: SqlExecutor, table: TableName, ids: readonly string[]): Promise<WriteResult> {
  if (ids.length === 0) return { seq: 0, count: 0 };
  const region = TABLES[table].regionScoped ? 'region_id' : 'NULL';
  const [result] = await tx.query(
    `WITH gone AS (
       DELETE FROM ${ident(table)} WHERE id IN (SELECT value FROM json_array_elements_text($1::json)) RETURNING id, ${region} AS region_id
     ),
     logged AS (
       INSERT INTO change_log (table_name, row_id, region_id, op, row)
       SELECT '${table}', id, region_id, 'delete', NULL FROM gone ORDER BY id RETURNING seq
     )
     SELECT coalesce(max(seq), 0), count(*) FROM logged`,
    [JSON.stringify(ids)],
  );
  return { seq: num(result?.[0]), count: num(result?.[1]) };
}
