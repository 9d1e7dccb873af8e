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

/** Run `read` against one consistent snapshot of the replica. */
export function withSnapshot<T>(db: Db, read: (s: Snapshot) => T, options: SnapshotOptions = {}): T {
  const now = options.now ?? Date.now();
  const body = (): T => {
    refreshRollups(db, now);
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
  const tx = db.transaction(body);
  // Why immediate when marks are pending: the refresh writes, and taking the write lock up front avoids a
  // failed lock upgrade halfway through a read.
  return options.write || isDirty(db) ? tx.immediate() : tx.deferred();
}
