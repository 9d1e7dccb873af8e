// The backend schema: one table per TABLES entry (generated, so the wire order and the columns cannot drift)
// plus users, tokens, grants, the change log, applied mutations and server metadata (compaction horizon).
import { TABLES, TABLE_NAMES, type ColumnType, type TableName } from '../../shared/sync/tables';
import type { SqlClient } from './sql-client';

export const SCHEMA_VERSION = 1;

const SQL_TYPES: Record<ColumnType, string> = {
  text: 'text',
  int: 'bigint',
  real: 'double precision',
  ts: 'bigint',
  date: 'date',
  bool: 'smallint',
  json: 'jsonb',
};

export function sqlType(type: ColumnType): string {
  return SQL_TYPES[type];
}

/** Quoted identifier; every name comes from TABLES, the quoting only guards against reserved words. */
export const ident = (name: string): string => `"${name}"`;

function entityTableDdl(table: TableName): string {
  const columns = TABLES[table].columns.map((col) => {
    const pk = col.name === 'id' ? ' PRIMARY KEY' : '';
    const nullability = col.nullable ? '' : ' NOT NULL';
    return `${ident(col.name)} ${sqlType(col.type)}${nullability}${pk}`;
  });
  return `CREATE TABLE IF NOT EXISTS ${ident(table)} (${columns.join(', ')});`;
}

/** "Is there a later entry for this row?": backfill snapshots and compaction ask it per entry. */
export const CHANGE_LOG_ROW_INDEX = 'CREATE INDEX IF NOT EXISTS change_log_row ON change_log (row_id, table_name, seq);';

const META_DDL = `
CREATE TABLE IF NOT EXISTS server_meta (key text PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('director', 'admin'))
);
CREATE TABLE IF NOT EXISTS tokens (
  token text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at bigint
);
CREATE TABLE IF NOT EXISTS grants (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  region_id text NOT NULL,
  PRIMARY KEY (user_id, region_id)
);
-- The change log: every row version, in commit order. region_id is NULL for global tables (stages).
-- row is the positional JSON array exactly as served, kept as text so pages are concatenated, not re-encoded.
CREATE TABLE IF NOT EXISTS change_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  region_id text,
  op text NOT NULL CHECK (op IN ('upsert', 'delete')),
  row text,
  CHECK ((op = 'upsert') = (row IS NOT NULL))
);
${CHANGE_LOG_ROW_INDEX}
-- One row per (client, mutation): the reason a retried mutation is answered 'duplicate' instead of re-applied.
CREATE TABLE IF NOT EXISTS applied_mutations (
  client_id text NOT NULL,
  mutation_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  reason text,
  seq bigint,
  applied_at bigint NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);
`;

/** Creates every table if missing; refuses a database written by a newer schema. */
export async function ensureSchema(sql: SqlClient): Promise<void> {
  await sql.exec(`BEGIN; ${META_DDL} ${TABLE_NAMES.map(entityTableDdl).join('\n')} COMMIT;`);
  const rows = await sql.query(`SELECT value FROM server_meta WHERE key = 'schema_version'`);
  const found = rows[0]?.[0];
  if (found === undefined) {
    await sql.query(
      `INSERT INTO server_meta (key, value) VALUES ('schema_version', $1), ('horizon', 0) ON CONFLICT (key) DO NOTHING`,
      [SCHEMA_VERSION],
    );
  } else if (Number(found) > SCHEMA_VERSION) {
    throw new Error(`The database was written by a newer Outpost server (schema ${String(found)} > ${SCHEMA_VERSION}).`);
  }
}
