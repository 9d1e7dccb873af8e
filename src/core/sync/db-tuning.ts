// Connection settings for bulk change-feed applies. Measured here (300k activity rows, 5,000-row pages): with
// SQLite's default auto-checkpoint every 1,000 WAL pages (~4 MB), a checkpoint and its fsync follow every page
// or two and halve the apply rate; at 16,384 pages (~64 MB of WAL) per-page commits reach ~0.75 of one big
// transaction. The WAL stays bounded, and journal_size_limit truncates it back after a checkpoint.
import type { Db } from '../db/open';

export function tuneForSync(db: Db): void {
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('cache_size = -65536'); // 64 MB: the indexes of a bulk load stay in memory between commits
  // Sorts and temporary b-trees of big statements (index builds, GROUP BY of the analytics) in memory, not in
  // temp files on disk.
  db.pragma('temp_store = MEMORY');
}

/**
 * Once the initial sync completed: copy the WAL (up to ~64 MB after a bulk load, see above) into the database and
 * truncate it to 0 bytes, so the replica's files are their real size and later reads do not search a long WAL.
 * Never waits: with busy_timeout 0 a reader holding an old snapshot makes it give up at once (busy), rather than
 * block core's thread; the next automatic checkpoint then does the work. Returns true when the WAL was emptied.
 */
export function truncateWalAfterInitialSync(db: Db): boolean {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return result !== undefined && result.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
