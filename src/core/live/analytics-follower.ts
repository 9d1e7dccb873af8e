// Keeps the exception engine in step with the replica and tells views when to re-read: after each committed sync
// page it re-evaluates only the subjects that page touched (a full scan after an initial sync, a reset or a scope
// change), rescans periodically because time alone makes leads late and deals overdue, and emits `data.changed`.
import type { DataChanged } from '../../shared/api/analytics-methods';
import type { TableName } from '../../shared/sync/tables';
import { type ChangeSet, type ScanReport, reevaluateChanges, scanExceptions, syncStateAsOf } from '../analytics';
import type { Db } from '../db/open';
import { readSyncState, type SyncState } from '../db/repos/sync-state-repo';
import type { ChangedIds, PageKind } from '../sync/pull';

export interface AnalyticsFollowerOptions {
  db: Db;
  emit(payload: DataChanged): void;
  /** Full rescan period (default 5 min). */
  rescanMs?: number;
  /** Above this many changed ids a full scan is cheaper than a targeted one. */
  fullScanAbove?: number;
  log?(message: string, err: unknown): void;
}

export interface AnalyticsFollower {
  /** The sync engine committed a page (SyncEngineOptions.onApplied). */
  onApplied(kind: PageKind, state: SyncState, changed: ChangedIds | undefined): void;
  /** The director wrote something the views show (an exception state, an annotation). */
  onLocalWrite(): void;
  close(): void;
}

export function createAnalyticsFollower(options: AnalyticsFollowerOptions): AnalyticsFollower {
  const { db, emit } = options;
  const fullScanAbove = options.fullScanAbove ?? 20_000;
  const log = options.log ?? ((message, err) => console.error(`[core] ${message}:`, err));
  let initialComplete = readSyncState(db).initialComplete;
  let full = initialComplete; // at startup: time-based rules may have fired while the app was closed
  let pending = new Map<TableName, Set<string>>();
  let pendingCount = 0;
  let scheduled: NodeJS.Immediate | null = null;
  let closed = false;

  const flush = () => {
    scheduled = null;
    if (closed) return;
    const changes = toChangeSet(pending);
    const wasFull = full || pendingCount > fullScanAbove;
    if (!wasFull && pendingCount === 0) return; // an empty incremental page: nothing changed, nothing to re-read
    pending = new Map();
    pendingCount = 0;
    full = false;
    try {
      const report: ScanReport = wasFull ? scanExceptions(db) : reevaluateChanges(db, changes);
      emit({ asOf: report.asOf, full: wasFull });
    } catch (err) {
      log('exception re-evaluation after sync failed', err); // the next page or rescan tries again
      full = true;
    }
  };
  // One evaluation per turn of the event loop: the pull loop yields between pages, so each page is followed by
  // its evaluation before the next is applied, and a wall re-reads right after its data committed.
  const schedule = () => {
    if (!closed && !scheduled) scheduled = setImmediate(flush);
  };

  const rescan = setInterval(
    () => {
      if (!readSyncState(db).initialComplete) return;
      try {
        const report = scanExceptions(db);
        if (report.opened + report.cleared > 0) emit({ asOf: report.asOf, full: true });
      } catch (err) {
        log('periodic exception scan failed', err);
      }
    },
    options.rescanMs ?? 5 * 60_000,
  );
  rescan.unref();
  if (full) schedule();

  return {
    onApplied(kind, state, changed) {
      const completedNow = state.initialComplete && !initialComplete;
      initialComplete = state.initialComplete;
      if (!state.initialComplete) return; // an initial sync in progress: nothing consistent to evaluate yet
      if (completedNow || kind !== 'main' || state.backfill) full = true;
      else if (changed) {
        for (const [table, ids] of Object.entries(changed) as [TableName, string[]][]) {
          let set = pending.get(table);
          if (!set) pending.set(table, (set = new Set()));
          for (const id of ids) set.add(id);
          pendingCount += ids.length;
        }
      }
      schedule();
    },
    onLocalWrite() {
      if (!closed) emit({ asOf: syncStateAsOf(db), full: false });
    },
    close() {
      closed = true;
      clearInterval(rescan);
      if (scheduled) clearImmediate(scheduled);
    },
  };
}

function toChangeSet(pending: Map<TableName, Set<string>>): ChangeSet {
  const changes: ChangeSet = {};
  for (const [table, ids] of pending) changes[table] = [...ids];
  return changes;
}
