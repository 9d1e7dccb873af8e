// The single sync_state row: which backend and user the replica belongs to, the change-feed cursor, the
// regions held, a backfill in progress, and when the last sync finished. Read and written inside the same
// transactions that change the rows it describes.
import type { Db } from '../open';

export interface Backfill {
  /** Newly granted regions being caught up. */
  regions: string[];
  /** The main cursor when the backfill started: the regions are caught up to this point of history. */
  until: number;
  /** Progress of the backfill feed (its own cursor; the main cursor does not move meanwhile). */
  cursor: number;
}

export interface SyncState {
  backendUrl: string | null;
  userId: string | null;
  clientId: string | null;
  cursor: number;
  /** Target of the initial sync (the first page's highWater); complete once cursor reaches it. */
  highWater: number;
  heldRegions: string[];
  backfill: Backfill | null;
  /** Epoch ms of the last sync that ended caught up. */
  lastSyncedAt: number | null;
  initialComplete: boolean;
}

interface Row {
  backend_url: string | null;
  user_id: string | null;
  client_id: string | null;
  cursor: number;
  high_water: number;
  held_regions: string;
  backfill: string | null;
  last_synced_at: number | null;
  initial_complete: number;
}

export function readSyncState(db: Db): SyncState {
  const row = db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as Row;
  return {
    backendUrl: row.backend_url,
    userId: row.user_id,
    clientId: row.client_id,
    cursor: row.cursor,
    highWater: row.high_water,
    heldRegions: JSON.parse(row.held_regions) as string[],
    backfill: row.backfill === null ? null : (JSON.parse(row.backfill) as Backfill),
    lastSyncedAt: row.last_synced_at,
    initialComplete: row.initial_complete === 1,
  };
}

export function writeSyncState(db: Db, state: SyncState): void {
  db.prepare(
    `UPDATE sync_state SET backend_url = ?, user_id = ?, client_id = ?, cursor = ?, high_water = ?, held_regions = ?,
       backfill = ?, last_synced_at = ?, initial_complete = ? WHERE id = 1`,
  ).run(
    state.backendUrl,
    state.userId,
    state.clientId,
    state.cursor,
    state.highWater,
    JSON.stringify(state.heldRegions),
    state.backfill === null ? null : JSON.stringify(state.backfill),
    state.lastSyncedAt,
    state.initialComplete ? 1 : 0,
  );
}

/** Read-modify-write of sync_state; call inside the transaction that changes what it describes. */
export function patchSyncState(db: Db, patch: Partial<SyncState>): SyncState {
  const next = { ...readSyncState(db), ...patch };
  writeSyncState(db, next);
  return next;
}

/** A fresh replica's state: nothing held, cursor 0. Keeps backend, user and client id. */
export function emptiedSyncState(state: SyncState): SyncState {
  return { ...state, cursor: 0, highWater: 0, heldRegions: [], backfill: null, initialComplete: false };
}
