// Connection settings for bulk change-feed applies. Measured here (300k activity rows, 5,000-row pages): with
// SQLite's default auto-checkpoint every 1,000 WAL pages (~4 MB), a checkpoint and its fsync follow every page
// or two and halve the apply rate; at 16,384 pages (~64 MB of WAL) per-page commits reach ~0.75 of one big
// transaction. The WAL stays bounded, and journal_size_limit truncates it back after a checkpoint.
import type { Db } from '../db/open';

export function tuneForSync(db: Db): void {
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('cache_size = -65536'); // 64 MB: the indexes of a bulk load stay in memory between commits
}
