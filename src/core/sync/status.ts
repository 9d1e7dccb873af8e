// Derives the SyncStatus the chrome shows from the engine's facts, and emits it whenever it changes
// (progress-only changes at most once per throttle interval; state changes at once).
import type { SyncState, SyncStatus } from '../../shared/domain/sync-status';

export interface StatusFacts {
  state: SyncState;
  lastSyncedAt: number | null;
  pendingOutbox: number;
  lastError: string | null;
  /** Initial-sync fraction 0..1, null outside an initial sync. */
  progress: number | null;
  rowsSynced: number | null;
  etaMs: number | null;
  behind: number | null;
  nextRetryAt: number | null;
  backendUrl: string | null;
}

export const INITIAL_FACTS: StatusFacts = {
  state: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  lastError: null,
  progress: null,
  rowsSynced: null,
  etaMs: null,
  behind: null,
  nextRetryAt: null,
  backendUrl: null,
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toSyncStatus(f: StatusFacts): SyncStatus {
  return {
    state: f.state,
    lastSyncedAt: iso(f.lastSyncedAt),
    pendingOutbox: f.pendingOutbox,
    lastError: f.lastError,
    progress: f.progress === null ? null : Math.min(1, Math.max(0, f.progress)),
    rowsSynced: f.rowsSynced,
    etaMs: f.etaMs === null ? null : Math.max(0, Math.round(f.etaMs)),
    behind: f.behind === null ? null : Math.max(0, f.behind),
    nextRetryAt: iso(f.nextRetryAt),
    backendUrl: f.backendUrl,
  };
}

export interface StatusTracker {
  facts(): StatusFacts;
  current(): SyncStatus;
  /** Merge facts; emit if the derived status changed. `progressOnly` updates are throttled. */
  update(patch: Partial<StatusFacts>, options?: { progressOnly?: boolean }): void;
}

export function createStatusTracker(options: {
  emit(status: SyncStatus): void;
  throttleMs: number;
  now(): number;
  initial?: Partial<StatusFacts>;
}): StatusTracker {
  let facts: StatusFacts = { ...INITIAL_FACTS, ...options.initial };
  let lastEmitted = JSON.stringify(toSyncStatus(facts));
  let lastEmitAt = -Infinity;
  return {
    facts: () => facts,
    current: () => toSyncStatus(facts),
    update(patch, { progressOnly = false } = {}) {
      facts = { ...facts, ...patch };
      if (progressOnly && options.now() - lastEmitAt < options.throttleMs) return; // the next emission carries it
      const status = toSyncStatus(facts);
      const serialized = JSON.stringify(status);
      if (serialized === lastEmitted) return;
      lastEmitted = serialized;
      lastEmitAt = options.now();
      options.emit(status);
    },
  };
}
