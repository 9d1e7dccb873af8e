// Every write to the backend goes through writeTransaction. The invariant it protects: change-log seqs
// become visible in increasing order, so a reader that sees seq n also sees every committed seq below n.
import type { SqlClient, SqlExecutor } from './sql-client';

/** Arbitrary constant naming "the change log writer" lock. */
const WRITER_LOCK = 7_004_211;

/**
 * Runs `fn` in a transaction that first takes the writer lock. Why: identity values are handed out when a row
 * is inserted, not when its transaction commits. Two concurrent writers could commit seq 11 before seq 10, and a
 * reader at that moment would move its cursor past 10 and never see it. Holding one transaction-scoped lock
 * from before the first insert until commit makes seq order equal commit order. (PGlite has a single
 * connection and serializes transactions anyway; on PostgreSQL the lock is what does it.)
 */
export async function writeTransaction<T>(sql: SqlClient, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
    return fn(tx);
  });
}
