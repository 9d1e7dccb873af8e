// Consistent reads: every analytics question runs in one transaction, after bringing the rollups up to date, and
// its answer carries the checkpoint it was read at. better-sqlite3 is synchronous and core uses one connection, so
// a transaction sees exactly one committed state of the replica; in WAL mode a reader on a second connection would
// get the same guarantee from its deferred transaction.
import type { AsOf } from '../../shared/analytics/metrics';
import type { Db } from '../db/open';
import { type AsOfSource, syncStateAsOf } from './as-of';
import { type RegionInfo, type StageInfo, loadRegions, loadStages } from './reference';
import { isDirty, refreshRollups } from './rollup/refresh';
import { type Thresholds, loadThresholds } from './rules/thresholds';

export interface Snapshot {
  db: Db;
  asOf: AsOf;
  /** Epoch ms the time-dependent conditions are judged at (overdue, sleeping, 24 h …). */
  now: number;
  regions: readonly RegionInfo[];
  stages: readonly StageInfo[];
  thresholds: Thresholds;
}

export interface SnapshotOptions {
  /** Defaults to the wall clock. */
  now?: number;
  /** Defaults to sync_state. */
  asOf?: AsOfSource;
  /** The reader also writes (exception scans): take the write lock up front. */
  write?: boolean;
}

/** Thrown inside a read-only attempt that found marks to flush: the read restarts holding the write lock. */
const NEEDS_REFRESH = new Error('analytics marks pending: retry holding the write lock');

/** Run `read` against one consistent snapshot of the replica. */
export function withSnapshot<T>(db: Db, read: (s: Snapshot) => T, options: SnapshotOptions = {}): T {
  const now = options.now ?? Date.now();
  const body = (refresh: boolean) => (): T => {
    // The dirty check is the transaction's first read, so it sees exactly the state the read will see.
    if (refresh) refreshRollups(db, now);
    else if (isDirty(db)) throw NEEDS_REFRESH;
    const snapshot: Snapshot = {
      db,
      asOf: (options.asOf ?? syncStateAsOf)(db),
      now,
      regions: loadRegions(db),
      stages: loadStages(db),
      thresholds: loadThresholds(db),
    };
    return read(snapshot);
  };
  // Why a plain read first: with the rollups up to date (the usual case once a sync refreshed them) a reader needs
  // no lock at all, so a sync writing on another connection never makes it wait. Only pending marks — or a reader
  // that writes (exception scans) — take the write lock, up front, so the refresh never fails a lock upgrade.
  if (!options.write) {
    try {
      return db.transaction(body(false)).deferred();
    } catch (err) {
      if (err !== NEEDS_REFRESH) throw err;
    }
  }
  return db.transaction(body(true)).immediate();
}
