// One sync cycle against a backend: check the session (once per run), push the outbox, pull until caught
// up, push again. Bounded by an overall timeout; cancellation (sign-out, backend change, shutdown) aborts
// fetches at once, and a cancelled cycle touches neither the replica nor the status afterwards.
import type { Session } from '../../shared/sync/protocol';
import type { Db } from '../db/open';
import { readSyncState, type SyncState } from '../db/repos/sync-state-repo';
import { truncateWalAfterInitialSync } from './db-tuning';
import type { SyncHttpClient } from './http-client';
import { drainOutbox } from './outbox';
import { createProgressMeter } from './progress';
import { type ChangedIds, type PageKind, pullAll, throwIfCancelled } from './pull';
import { bindReplica } from './session';
import type { StatusTracker } from './status';
import { SyncError, toSyncError } from './sync-error';
import type { TableWriters } from './table-writer';

export interface CycleRun {
  identity: string;
  client: SyncHttpClient;
  /** Aborted on sign-out, backend change or shutdown. */
  signal: AbortSignal;
  session: Session | null;
}

export interface CycleDeps {
  db: Db;
  writers: TableWriters;
  tracker: StatusTracker;
  pageSize: number;
  overallTimeoutMs: number;
  now(): number;
  refreshOutbox(): void;
  /** After each committed page (the analytics follow the replica from here). */
  onApplied?(kind: PageKind, state: SyncState, changed: ChangedIds | undefined): void;
}

/** Run one cycle; resolves with the failure (if any) instead of throwing. Never rejects. */
export async function runCycle(deps: CycleDeps, run: CycleRun): Promise<SyncError | null> {
  const overall = AbortSignal.timeout(deps.overallTimeoutMs);
  const signal = AbortSignal.any([run.signal, overall]);
  deps.tracker.update({ state: 'syncing', nextRetryAt: null });
  try {
    if (!run.session) {
      const session = await run.client.session(signal);
      throwIfCancelled(signal);
      bindReplica(deps.db, run.identity, session);
      run.session = session;
    }
    // A failing push must not stop the pull (the wall still wants fresh data): pull anyway, report it after.
    const pushError = await push(deps, run, signal).then(
      () => null,
      (err: unknown) => (run.signal.aborted ? Promise.reject(err) : toSyncError(err)),
    );
    const wasComplete = readSyncState(deps.db).initialComplete;
    await pull(deps, run, signal);
    if (pushError) throw pushError;
    await push(deps, run, signal); // writes made while pulling
    throwIfCancelled(signal);
    const state = readSyncState(deps.db);
    deps.tracker.update({
      state: 'synced',
      lastError: null,
      progress: null,
      etaMs: null,
      lastSyncedAt: state.lastSyncedAt,
      behind: 0,
    });
    if (!wasComplete && state.initialComplete) truncateWalAfterInitialSync(deps.db); // the bulk load's WAL, once
    return null;
  } catch (err) {
    if (run.signal.aborted) return new SyncError('cancelled', 'Sync was cancelled');
    let error = toSyncError(err);
    if (overall.aborted && (error.kind === 'cancelled' || error.kind === 'timeout')) {
      error = new SyncError(
        'timeout',
        `The sync did not finish within ${Math.round(deps.overallTimeoutMs / 60_000)} min; it resumes where it stopped`,
      );
    }
    if (error.kind === 'unauthorized') run.session = null; // check the session again once the token may work
    deps.tracker.update({
      state: error.offline ? 'offline' : 'error',
      lastError: error.message,
      lastErrorKind: error.kind, // the UI words the error in the user's language by its kind
      progress: null,
      etaMs: null,
    });
    return error;
  }
}

async function push(deps: CycleDeps, run: CycleRun, signal: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  const clientId = readSyncState(deps.db).clientId;
  if (!clientId) throw new SyncError('internal', 'The replica has no client id');
  await drainOutbox(deps.db, run.client, clientId, signal, deps.now, deps.refreshOutbox);
}

async function pull(deps: CycleDeps, run: CycleRun, signal: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  const start = readSyncState(deps.db);
  const meter = createProgressMeter(start, deps.now);
  if (!start.initialComplete)
    deps.tracker.update({ progress: start.highWater > 0 ? start.cursor / start.highWater : 0, rowsSynced: 0 });
  await pullAll({
    db: deps.db,
    writers: deps.writers,
    client: run.client,
    pageSize: deps.pageSize,
    signal,
    now: deps.now,
    onCommitted: (kind, rows, state, changed) => {
      // Runs after the page's transaction committed: memory follows the replica, never leads it.
      const facts = meter.onCommitted(rows, state);
      deps.tracker.update(
        { ...facts, lastSyncedAt: state.lastSyncedAt },
        { progressOnly: kind === 'main' || kind === 'backfill' },
      );
      deps.onApplied?.(kind, state, changed);
    },
  });
}
