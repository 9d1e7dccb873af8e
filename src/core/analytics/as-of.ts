// The one place analytics learns "as of when": the sync checkpoint (change-feed cursor) and the time of the last
// completed sync, read from sync_state inside the reader's transaction. Replicas without sync_state (or callers
// that pin a snapshot) pass a source function instead.
import type { AsOf } from '../../shared/analytics/metrics';
import type { Db } from '../db/open';
import { stmt } from './statements';

export type AsOfSource = (db: Db) => AsOf;

const NO_SYNC: AsOf = { checkpointId: '0', time: null };

export const syncStateAsOf: AsOfSource = (db) => {
  const exists = stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
  if (!exists) return NO_SYNC;
  const row = stmt(db, 'SELECT cursor, last_synced_at FROM sync_state WHERE id = 1').get() as
    { cursor: number; last_synced_at: number | null } | undefined;
  return row ? { checkpointId: String(row.cursor), time: row.last_synced_at } : NO_SYNC;
};
