// Test helper: applies positional rows (TABLES column order, as the demo generator and the change feed carry them)
// to a replica with the sync engine's own table writers — the same upsert, json and boolean conversions — so the
// analytics triggers see exactly what a sync does.
import type { Db } from '../../../src/core/db/open';
import { createTableWriters } from '../../../src/core/sync/table-writer';
import type { TableName } from '../../../src/shared/sync/tables';

export interface RowBatch {
  table: TableName;
  rows: readonly (readonly unknown[])[];
}

/** Upserts every batch, all in one transaction; returns rows written per table. */
export function loadBatches(db: Db, batches: Iterable<RowBatch>): Record<string, number> {
  const writers = createTableWriters(db);
  const regions = new Set<string>(db.prepare('SELECT id FROM regions').pluck().all() as string[]);
  const counts: Record<string, number> = {};
  db.transaction(() => {
    for (const batch of batches) {
      const rows = batch.rows.map((row) => [...row]);
      if (batch.table === 'regions') for (const row of rows) regions.add(String(row[0]));
      writers[batch.table].upsert(rows, regions);
      counts[batch.table] = (counts[batch.table] ?? 0) + rows.length;
    }
  })();
  return counts;
}

/** Sets the sync checkpoint the analytics report as "as of". */
export function setCheckpoint(db: Db, cursor: number, time: number): void {
  db.prepare('UPDATE sync_state SET cursor = ?, last_synced_at = ? WHERE id = 1').run(cursor, time);
}
