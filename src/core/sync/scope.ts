// Region scope of the replica: purging revoked regions from every scoped table, wiping everything for a reset
// or a different backend, and planning the backfill of newly granted regions.
import { TABLE_NAMES } from '../../shared/sync/tables';
import type { Db } from '../db/open';
import { emptiedSyncState, patchSyncState, readSyncState, type SyncState } from '../db/repos/sync-state-repo';
import { SCOPED_TABLES } from './replica-schema';

/** Delete every row of `regions` from every region-scoped table. Callers run it inside their transaction. */
export function purgeRegionRows(db: Db, regions: readonly string[]): number {
  let removed = 0;
  for (const table of SCOPED_TABLES) {
    const stmt = db.prepare(`DELETE FROM ${table} WHERE region_id = ?`);
    for (const region of regions) removed += stmt.run(region).changes;
  }
  return removed;
}

/** Revoke regions in one transaction: their rows leave every scoped table, and they leave the held set. */
export function purgeRegions(db: Db, regions: readonly string[]): void {
  if (regions.length === 0) return;
  db.transaction(() => {
    purgeRegionRows(db, regions);
    const state = readSyncState(db);
    const gone = new Set(regions);
    const backfill = state.backfill && withoutRegions(state.backfill.regions, gone);
    patchSyncState(db, {
      heldRegions: withoutRegions(state.heldRegions, gone),
      backfill: state.backfill && backfill && backfill.length > 0 ? { ...state.backfill, regions: backfill } : null,
    });
  })();
}

/** Delete every replicated row (the outbox is separate and stays). Callers run it inside their transaction. */
export function purgeAllRows(db: Db): void {
  for (const table of TABLE_NAMES) db.prepare(`DELETE FROM ${table}`).run();
}

/** Forget all synced data: a reset, or a replica bound to another backend or user. The outbox is kept. */
export function emptyReplica(db: Db, patch: Partial<SyncState> = {}): SyncState {
  purgeAllRows(db);
  const next = { ...emptiedSyncState(readSyncState(db)), ...patch };
  return patchSyncState(db, next);
}

/**
 * Regions the replica holds, fully or partially (a backfill in progress). Anything here that is not
 * granted any more must be purged, whatever the server's `revoked` list says.
 */
export function presentRegions(state: SyncState): Set<string> {
  return new Set([...state.heldRegions, ...(state.backfill?.regions ?? [])]);
}

/** Start backfilling regions granted after the initial sync: caught up to the current main cursor. */
export function startBackfill(db: Db, added: readonly string[]): SyncState {
  return db.transaction(() => {
    const state = readSyncState(db);
    const regions = [...new Set([...(state.backfill?.regions ?? []), ...added])].sort();
    // Restart from 0 when joining a running backfill: every region must be complete up to the same `until`.
    return patchSyncState(db, { backfill: { regions, until: state.cursor, cursor: 0 } });
  })();
}

export function withoutRegions(regions: readonly string[], gone: ReadonlySet<string>): string[] {
  return regions.filter((r) => !gone.has(r));
}
