// The migrated replica matches TABLES (so an edit of TABLES without a new migration fails here), every scoped
// table can be purged by an index, and the hot analytics queries use their indexes.
import { describe, expect, it } from 'vitest';
import { REPLICA_INDEXES, indexName, sqlType } from '../../../../src/core/sync/replica-schema';
import { TABLES, TABLE_NAMES } from '../../../../src/shared/sync/tables';
import { memoryReplica } from './helpers';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

const db = memoryReplica();

describe('replica schema', () => {
  it.each(TABLE_NAMES)('%s has exactly the columns of TABLES, in order, with their types and nullability', (table) => {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[];
    const expected = TABLES[table].columns.map((col, i) => ({
      name: col.name,
      type: sqlType(col.type),
      notnull: col.nullable ? 0 : 1,
      pk: i === 0 ? 1 : 0,
    }));
    expect(info.map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }))).toEqual(expected);
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string }).sql;
    expect(sql).toMatch(/\) STRICT$/);
  });

  it('has no replicated table that TABLES does not define', () => {
    const bookkeeping = ['app_settings', 'schema_migrations', 'sync_state', 'outbox', 'sqlite_sequence'];
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    // Local derived tables (analytics_*) are not replicated; everything else must be a TABLES table.
    const replicated = names.filter((n) => !bookkeeping.includes(n) && !n.startsWith('analytics_'));
    expect(replicated.sort()).toEqual([...TABLE_NAMES].sort());
  });

  it('has every planned index, and one leading with region_id on every scoped table', () => {
    for (const { table, columns } of REPLICA_INDEXES) {
      const cols = (db.prepare(`PRAGMA index_info(${indexName(table, columns)})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, `${table}(${columns.join(',')})`).toEqual(columns);
    }
    for (const table of TABLE_NAMES.filter((t) => TABLES[t].regionScoped)) {
      const leading = (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string }[]).map(
        (idx) => (db.prepare(`PRAGMA index_info(${idx.name})`).all() as { name: string }[])[0]?.name,
      );
      expect(leading, table).toContain('region_id');
    }
  });

  it('rejects values of the wrong type (STRICT) and NULL in required columns', () => {
    expect(() =>
      db
        .prepare("INSERT INTO reps (id, region_id, name, team, status, hired_at) VALUES ('r', 'e', 'n', 't', 'active', 'soon')")
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db
        .prepare("INSERT INTO reps (id, region_id, name, team, status, hired_at) VALUES ('r', NULL, 'n', 't', 'active', 1)")
        .run(),
    ).toThrow(/NOT NULL/);
  });
});

describe('hot queries use their indexes (EXPLAIN QUERY PLAN)', () => {
  // Parameters are bound as NULL: the plan depends on the query's shape, not on the values.
  const plan = (sql: string): string => {
    const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
    return (stmt.all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  };

  it.each([
    [
      'activities by rep and time',
      'SELECT * FROM activities WHERE rep_id = ? AND occurred_at >= ? AND occurred_at < ?',
      'idx_activities_rep_id_occurred_at',
    ],
    [
      'activities of a deal, latest first',
      'SELECT * FROM activities WHERE deal_id = ? ORDER BY occurred_at DESC',
      'idx_activities_deal_id_occurred_at',
    ],
    [
      'activities of a region in a week',
      'SELECT count(*) FROM activities WHERE region_id = ? AND occurred_at BETWEEN ? AND ?',
      'idx_activities_region_id_occurred_at',
    ],
    [
      'open deals of a region by stage',
      "SELECT stage_id, count(*) FROM deals WHERE region_id = ? AND status = 'open' GROUP BY stage_id",
      'idx_deals_region_id_status_stage_id',
    ],
    ['deals of a rep', 'SELECT * FROM deals WHERE owner_rep_id = ?', 'idx_deals_owner_rep_id'],
    [
      'stage history of a deal',
      'SELECT * FROM stage_changes WHERE deal_id = ? ORDER BY changed_at',
      'idx_stage_changes_deal_id_changed_at',
    ],
    [
      'stage changes of a region in a period',
      'SELECT * FROM stage_changes WHERE region_id = ? AND changed_at >= ?',
      'idx_stage_changes_region_id_changed_at',
    ],
    ['new leads of a region', "SELECT * FROM leads WHERE region_id = ? AND status = 'new'", 'idx_leads_region_id_status'],
    ['leads of a rep', 'SELECT * FROM leads WHERE assigned_rep_id = ?', 'idx_leads_assigned_rep_id'],
    ['purge of a region', 'DELETE FROM targets WHERE region_id = ?', 'idx_targets_region_id'],
  ])('%s', (_name, sql, index) => {
    const detail = plan(sql);
    expect(detail).toMatch(new RegExp(`^SEARCH \\w+ USING (COVERING )?INDEX ${index} `));
    expect(detail).not.toMatch(/SCAN (activities|deals|stage_changes|leads|targets)\b(?! USING)/);
  });
});
