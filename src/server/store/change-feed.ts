// Reads one page of the change log for a set of regions. One SQL statement, so the page, the high-water mark
// and the compaction horizon all come from the same snapshot; the page body is assembled by the database as
// JSON text per table (PGlite decodes result rows in JS, several times slower than letting it concatenate).
import { TABLE_NAMES, type TableName } from '../../shared/sync/tables';
import { num, type SqlExecutor } from './sql-client';

export interface PageQuery {
  after: number;
  /** Inclusive upper bound on seq; null = up to the newest. */
  until: number | null;
  regions: readonly string[];
  /**
   * 'feed': every entry of these regions (and of global tables) in seq order — a replay of history.
   * 'backfill': a snapshot of these regions as of `until` — only rows whose latest version at `until` is an
   * upsert in one of them, no tombstones and no global tables. Replaying history instead would be wrong for a
   * client that already holds a row which later moved into a held region (it would re-apply the old version
   * and then the region's tombstone, losing the row).
   */
  mode: 'feed' | 'backfill';
  limit: number;
}

export interface PageData {
  /** Per table, in TABLES order: the upserted rows as a JSON array text, and the deleted ids as a JSON array text. */
  tables: { table: TableName; rowsJson: string; deletesJson: string }[];
  /** Seq of the last entry in the page (the request's `after` when empty). */
  lastSeq: number;
  /** True when more matching entries exist after lastSeq (within `until`). */
  more: boolean;
  highWater: number;
  horizon: number;
}

const REGIONS = `ARRAY(SELECT json_array_elements_text($3::json))`;

const FILTERS = {
  feed: `(c.region_id = ANY (${REGIONS}) OR (c.region_id IS NULL AND $4::boolean))`,
  backfill: `c.region_id = ANY (${REGIONS}) AND c.op = 'upsert' AND $4::boolean IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM change_log n WHERE n.row_id = c.row_id AND n.table_name = c.table_name AND n.seq > c.seq AND n.seq <= $2::bigint
    )`,
};

/**
 * One statement: the summary row (more after this page?, last seq, high-water mark, horizon) and one row per table
 * with its rows and deletes as JSON text. Rows stay in seq order; an upsert followed by a delete of the same
 * row within the page is left out (the delete wins). A client applies a table's deletes, then its rows in order.
 * The de-duplicating join only runs when the page has deletes (a one-time filter), which initial syncs never do.
 */
function pageSql(mode: PageQuery['mode']): string {
  const matching = `c.seq <= $2::bigint AND ${FILTERS[mode]}
    AND ($1::bigint = 0 OR $1::bigint >= (SELECT horizon FROM meta)) AND $2::bigint >= (SELECT horizon FROM meta)`;
  return `
WITH meta AS (
  SELECT (SELECT coalesce(max(seq), 0) FROM change_log) AS hw,
         (SELECT value FROM server_meta WHERE key = 'horizon') AS horizon
),
body AS MATERIALIZED (
  SELECT c.seq, c.table_name, c.row_id, c.op, c.row FROM change_log c
  WHERE c.seq > $1::bigint AND ${matching}
  ORDER BY c.seq
  LIMIT $5::int
),
last AS (SELECT coalesce(max(seq), $1::bigint) AS seq FROM body),
dels AS (SELECT table_name, row_id, max(seq) AS seq FROM body WHERE op = 'delete' GROUP BY table_name, row_id)
SELECT NULL::text AS table_name, NULL::text AS rows, NULL::text AS deletes,
       EXISTS (SELECT 1 FROM change_log c WHERE c.seq > (SELECT seq FROM last) AND ${matching}) AS more,
       (SELECT seq FROM last) AS last, hw, horizon
FROM meta
UNION ALL
SELECT table_name, '[' || string_agg(row, ',' ORDER BY seq) || ']', '[]', NULL, NULL, NULL, NULL
FROM body WHERE NOT EXISTS (SELECT 1 FROM dels)
GROUP BY table_name
UNION ALL
SELECT b.table_name,
       '[' || coalesce(string_agg(b.row, ',' ORDER BY b.seq) FILTER (WHERE b.op = 'upsert' AND (d.seq IS NULL OR d.seq < b.seq)), '') || ']',
       coalesce(json_agg(b.row_id ORDER BY b.seq) FILTER (WHERE b.op = 'delete'), '[]')::text,
       NULL, NULL, NULL, NULL
FROM body b LEFT JOIN dels d ON d.table_name = b.table_name AND d.row_id = b.row_id
WHERE EXISTS (SELECT 1 FROM dels)
GROUP BY b.table_name`;
}

const PAGE_SQL = { feed: pageSql('feed'), backfill: pageSql('backfill') };

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export async function readPage(sql: SqlExecutor, query: PageQuery): Promise<PageData> {
  const rows = await sql.query(PAGE_SQL[query.mode], [
    query.after,
    query.until ?? MAX_SEQ,
    JSON.stringify(query.regions),
    query.mode === 'feed',
    query.limit,
  ]);
  const order = new Map(TABLE_NAMES.map((name, i) => [name as string, i]));
  let meta: unknown[] | undefined;
  const tables: PageData['tables'] = [];
  for (const row of rows) {
    const [table, rowsJson, deletesJson] = row;
    if (table === null) meta = row;
    else if (typeof table === 'string' && order.has(table)) {
      tables.push({ table: table as TableName, rowsJson: String(rowsJson), deletesJson: String(deletesJson) });
    }
  }
  if (!meta) throw new Error('change feed query returned no summary row');
  tables.sort((a, b) => (order.get(a.table) ?? 0) - (order.get(b.table) ?? 0));
  const [, , , more, last, hw, horizon] = meta;
  return { tables, lastSeq: num(last), more: more === true, highWater: num(hw), horizon: num(horizon) };
}
