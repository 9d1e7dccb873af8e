// Applies change-feed pages to the replica.
//
// INVARIANT: a page's rows, its tombstones, any purge it implies and the new cursor commit in ONE transaction.
// A crash at any instant therefore leaves the replica at a page boundary — a consistent prefix of the change
// log — and the next run resumes from the cursor that was committed together with the rows it describes.
// Callers update in-memory status only after these functions return (after the commit).
import type { ChangesPage } from '../../shared/sync/protocol';
import { TABLE_NAMES } from '../../shared/sync/tables';
import type { Db } from '../db/open';
import { readSyncState, writeSyncState, type Backfill, type SyncState } from '../db/repos/sync-state-repo';
import { replayPending } from './local-writes';
import { emptyReplica, presentRegions, purgeRegionRows } from './scope';
import { SyncError } from './sync-error';
import type { TableWriters } from './table-writer';

export interface ApplyResult {
  state: SyncState;
  /** Rows upserted plus tombstones applied. */
  rows: number;
  /** Regions whose rows were purged. */
  purged: string[];
}

/** Apply one page of the main feed requested with `after`. */
export function applyMainPage(db: Db, writers: TableWriters, page: ChangesPage, after: number, now: number): ApplyResult {
  return db.transaction((): ApplyResult => {
    const state = readSyncState(db);
    checkCursor(state.cursor, after, page.cursor);
    const granted = new Set(page.scope.granted);
    const purged = revokedRegions(state, page, granted);
    purgeRegionRows(db, purged);
    // From cursor 0 the page covers every granted region; later, newly granted ones arrive by backfill.
    const held = after === 0 ? [...granted].sort() : state.heldRegions.filter((r) => granted.has(r));
    const heldSet = new Set(held);
    const rows = writePage(writers, page, heldSet);
    replayPending(db, writers, heldSet);
    const target = after === 0 ? page.highWater : state.highWater;
    const initialComplete = state.initialComplete || page.cursor >= target || !page.hasMore;
    const next: SyncState = {
      ...state,
      cursor: page.cursor,
      highWater: initialComplete ? Math.max(page.highWater, page.cursor) : target,
      heldRegions: held,
      backfill: state.backfill && keepGranted(state.backfill, granted),
      lastSyncedAt: page.hasMore ? state.lastSyncedAt : now,
      initialComplete,
    };
    writeSyncState(db, next);
    return { state: next, rows, purged };
  })();
}

/** Apply one page of a backfill (regions granted after the initial sync), requested with `after`. */
export function applyBackfillPage(db: Db, writers: TableWriters, page: ChangesPage, after: number): ApplyResult {
  return db.transaction((): ApplyResult => {
    const state = readSyncState(db);
    const backfill = state.backfill;
    if (!backfill) throw new SyncError('invalid-page', 'A backfill page arrived but no backfill is in progress');
    checkCursor(backfill.cursor, after, page.cursor);
    const granted = new Set(page.scope.granted);
    const purged = revokedRegions(state, page, granted);
    purgeRegionRows(db, purged);
    const regions = backfill.regions.filter((r) => granted.has(r));
    const rows = writePage(writers, page, new Set(regions));
    // The backfill is complete once the feed for these regions reached the main cursor it started at.
    const done = regions.length === 0 || !page.hasMore || page.cursor >= backfill.until;
    const kept = state.heldRegions.filter((r) => granted.has(r));
    const held = done ? [...new Set([...kept, ...regions])].sort() : kept;
    replayPending(db, writers, new Set(held));
    const next: SyncState = {
      ...state,
      heldRegions: held,
      backfill: done ? null : { ...backfill, regions, cursor: page.cursor },
    };
    writeSyncState(db, next);
    return { state: next, rows, purged };
  })();
}

/** The server can no longer serve our cursor: drop every synced row (the outbox stays) and start from 0. */
export function applyReset(db: Db): SyncState {
  return db.transaction(() => emptyReplica(db))();
}

function keepGranted(backfill: Backfill, granted: ReadonlySet<string>): Backfill | null {
  const regions = backfill.regions.filter((r) => granted.has(r));
  return regions.length > 0 ? { ...backfill, regions } : null;
}

function checkCursor(stored: number, after: number, pageCursor: number): void {
  // The page must continue exactly where the committed state is (a stale page is never applied) ...
  if (stored !== after) throw new SyncError('invalid-page', `A page for cursor ${after} arrived but the replica is at ${stored}`);
  // ... and the cursor never moves backwards.
  if (pageCursor < after)
    throw new SyncError('invalid-page', `The backend sent cursor ${pageCursor}, behind the requested ${after}`);
}

/** Regions to purge: what the server says was revoked, plus anything present locally that is not granted. */
function revokedRegions(state: SyncState, page: ChangesPage, granted: ReadonlySet<string>): string[] {
  const present = presentRegions(state);
  const revoked = new Set(page.scope.revoked.filter((r) => present.has(r)));
  for (const region of present) if (!granted.has(region)) revoked.add(region);
  return [...revoked].sort();
}

function writePage(writers: TableWriters, page: ChangesPage, allowed: ReadonlySet<string>): number {
  let count = 0;
  for (const table of TABLE_NAMES) {
    const changes = page.tables[table];
    if (!changes) continue;
    // Tombstones first: a page carries each id at most once (its latest version), so order only matters for
    // a server that sends both, where the row (the later write in our reading) wins.
    writers[table].delete(changes.deletes);
    writers[table].upsert(changes.rows, allowed);
    count += changes.rows.length + changes.deletes.length;
  }
  return count;
}
