// Change-log compaction: drop row versions that a later entry supersedes, pack the survivors at the top of the
// compacted range, and raise the horizon so that only cursors the packed log can still serve are continued.
import { num, type SqlClient } from './sql-client';
import { writeTransaction } from './write-tx';

export interface CompactionResult {
  removed: number;
  /** The new horizon: a non-zero `after` below it is answered with reset. */
  horizon: number;
}

/**
 * Compacts the entries with seq < beforeSeq (B). Three steps, one transaction:
 *
 * 1. Drop every entry superseded by a later entry of the same row IN THE SAME REGION (region NULL for global
 *    tables). Keeping the latest entry per (row, region) rather than per row matters for moves: the tombstone
 *    a row leaves in its old region is what removes it from replicas holding only that region, so it must
 *    outlive the row's newer versions elsewhere. With this rule a client at any cursor still converges.
 * 2. Renumber the n survivors below B to B-n … B-1, keeping their order. Each moves up or stays (the k-th
 *    from the top had a seq ≤ B-k), so a client past the horizon re-reads at worst versions it already has,
 *    in the right order, and misses nothing.
 * 3. Raise the horizon to B-1-n. Why: a fresh initial sync reading the packed range gets cursors ≥ B-n, never
 *    below the horizon, so it is never told to reset; a cursor below it predates the packing and is reset.
 */
export async function compactLog(sql: SqlClient, beforeSeq: number): Promise<CompactionResult> {
  return writeTransaction(sql, async (tx) => {
    const [hwRow] = await tx.query('SELECT coalesce(max(seq), 0) FROM change_log');
    const cutoff = Math.max(0, Math.min(Math.floor(beforeSeq), num(hwRow?.[0]) + 1));
    const [removedRow] = await tx.query(
      `WITH gone AS (
         DELETE FROM change_log c
         WHERE c.seq < $1::bigint
           AND EXISTS (
             SELECT 1 FROM change_log n
             WHERE n.row_id = c.row_id AND n.table_name = c.table_name AND n.region_id IS NOT DISTINCT FROM c.region_id AND n.seq > c.seq
           )
         RETURNING 1
       )
       SELECT count(*) FROM gone`,
      [cutoff],
    );
    const [keptRow] = await tx.query('SELECT count(*) FROM change_log WHERE seq < $1::bigint', [cutoff]);
    const kept = num(keptRow?.[0]);
    // Renumber by moving the survivors out and back (an identity column cannot be UPDATEd in place).
    await tx.query(
      `WITH moved AS (DELETE FROM change_log WHERE seq < $1::bigint RETURNING seq, table_name, row_id, region_id, op, row)
       INSERT INTO change_log (seq, table_name, row_id, region_id, op, row) OVERRIDING SYSTEM VALUE
       SELECT $1::bigint - $2::bigint - 1 + row_number() OVER (ORDER BY seq), table_name, row_id, region_id, op, row FROM moved`,
      [cutoff, kept],
    );
    const [horizonRow] = await tx.query(
      `UPDATE server_meta SET value = greatest(value, $1::bigint) WHERE key = 'horizon' RETURNING value`,
      [Math.max(0, cutoff - 1 - kept)],
    );
    return { removed: num(removedRow?.[0]), horizon: num(horizonRow?.[0]) };
  });
}
