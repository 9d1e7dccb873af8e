// The sync engine: one object owning everything about syncing one replica — the current backend run, its
// timers, backoff and status. A run syncs at once, then on an interval and on demand; failures back off
// (full jitter, Retry-After); sign-out, a backend change or close() abort the run and its requests at once.
import type { SyncStatus } from '../../shared/domain/sync-status';
import type { Session } from '../../shared/sync/protocol';
import type { Db } from '../db/open';
import { countOutbox, type OutboxStatus } from '../db/repos/outbox-repo';
import { readSyncState } from '../db/repos/sync-state-repo';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { CycleDeps } from './cycle';
import { createHttpClient, type FetchLike } from './http-client';
import { enqueueWrite, type LocalWrite } from './outbox';
import { startRun, type Run } from './run';
import { emptyReplica } from './scope';
import { backendIdentity, bindReplica, toApiError, type BackendConfig } from './session';
import { backendFacts, createStatusTracker } from './status';
import { SyncError, toSyncError } from './sync-error';
import { createTableWriters } from './table-writer';
import { tuneForSync } from './db-tuning';

export interface SyncEngineOptions {
  db: Db;
  onStatus(status: SyncStatus): void;
  onOutboxChanged?(counts: Record<OutboxStatus, number>): void;
  /** After each committed page; must not throw (it runs inside the pull loop). */
  onApplied?: CycleDeps['onApplied'];
  intervalMs?: number;
  requestTimeoutMs?: number;
  overallTimeoutMs?: number;
  /** Rows per page requested from the backend (≤ 5,000 keeps each apply transaction short). */
  pageSize?: number;
  progressThrottleMs?: number;
  backoff?: Partial<BackoffOptions>;
  fetch?: FetchLike;
  now?: () => number;
}

export interface SyncEngine {
  /** Start syncing with a backend without validating it first (launch); failures show in the status. */
  start(backend: BackendConfig): void;
  /** Validate the backend and token (GET /v1/session), then switch to it. Throws an OutpostError. */
  configure(backend: BackendConfig): Promise<Session>;
  /** Stop syncing and forget the token; `purge` also empties the synced rows (the outbox stays). */
  signOut(options?: { purge?: boolean }): void;
  /** Run a cycle now (or right after the running one); resolves with the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** A local write: replica row and outbox entry in one transaction; returns the outbox seq. */
  write(write: LocalWrite): number;
  status(): SyncStatus;
  close(): void;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db } = options;
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const backoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  tuneForSync(db);
  const writers = createTableWriters(db);
  const stored = readSyncState(db);
  const tracker = createStatusTracker({
    emit: options.onStatus,
    throttleMs: options.progressThrottleMs ?? 250,
    now,
    initial: { lastSyncedAt: stored.lastSyncedAt, pendingOutbox: countOutbox(db).pending },
  });
  const refreshOutbox = () => {
    const counts = countOutbox(db);
    tracker.update({ pendingOutbox: counts.pending });
    options.onOutboxChanged?.(counts);
  };
  const deps: CycleDeps = {
    db,
    writers,
    tracker,
    pageSize: options.pageSize ?? 5_000,
    overallTimeoutMs: options.overallTimeoutMs ?? 30 * 60_000,
    now,
    refreshOutbox,
    onApplied: options.onApplied,
  };
  let run: Run | null = null;
  let closed = false;
  // Bumped by every start, configure, sign-out and close: a validation that outlived its generation is void.
  let generation = 0;
  let probe: AbortController | null = null;

  /** Cancel whatever runs or validates now. */
  const stop = () => {
    generation++;
    probe?.abort();
    probe = null;
    run?.stop();
    run = null;
  };

  const begin = (backend: BackendConfig, session: Session | null) => {
    tracker.update({ ...backendFacts(backend), lastError: null, nextRetryAt: null });
    run = startRun({ backend, session, deps, intervalMs, requestTimeoutMs, backoff: backoffOptions, fetch: options.fetch });
  };

  const requestCycle = (): Promise<SyncStatus> => run?.request() ?? Promise.resolve(tracker.current());

  return {
    start(backend) {
      if (closed) return;
      stop();
      begin(backend, null);
    },
    async configure(backend) {
      if (closed) throw toApiError(new SyncError('cancelled', 'Outpost core is shutting down'));
      // Validate first: a wrong URL or token must not interrupt a working sync.
      const mine = ++generation;
      probe?.abort();
      const controller = (probe = new AbortController());
      const checker = createHttpClient({
        baseUrl: backend.url,
        token: backend.token,
        requestTimeoutMs,
        fetch: options.fetch,
        now,
      });
      try {
        const session = await checker.session(controller.signal);
        if (mine !== generation) throw new SyncError('cancelled', 'Superseded by another sign-in or a sign-out');
        stop();
        bindReplica(db, backendIdentity(backend), session);
        begin(backend, session);
        return session;
      } catch (err) {
        throw toApiError(toSyncError(err));
      } finally {
        if (probe === controller) probe = null;
      }
    },
    signOut({ purge = false } = {}) {
      stop();
      if (purge && !closed) db.transaction(() => emptyReplica(db))(); // cursor back to 0: the next sign-in syncs in full
      tracker.update({
        state: 'idle',
        backendUrl: null,
        progress: null,
        etaMs: null,
        nextRetryAt: null,
        lastError: null,
        behind: null,
      });
    },
    syncNow: () => requestCycle(),
    write(write) {
      const seq = enqueueWrite(db, writers, write, now());
      refreshOutbox();
      void requestCycle(); // push it soon
      return seq;
    },
    status: () => tracker.current(),
    close() {
      closed = true;
      stop();
      tracker.close(); // a held progress update must not go out after close
    },
  };
}
