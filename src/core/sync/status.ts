// Derives the SyncStatus the chrome shows from the engine's facts, and emits it whenever it changes
// (progress-only changes at most once per throttle interval, the held one at the end of the interval; state
// changes at once).
import type { BackendKind, SyncErrorKindName, SyncState, SyncStatus } from '../../shared/domain/sync-status';
import { EMBEDDED_BACKEND_ID, type BackendConfig } from './session';

export interface StatusFacts {
  state: SyncState;
  lastSyncedAt: number | null;
  pendingOutbox: number;
  lastError: string | null;
  /** The kind of lastError (the UI words it in the user's language); null with it. */
  lastErrorKind: SyncErrorKindName | null;
  /** Initial-sync fraction 0..1, null outside an initial sync. */
  progress: number | null;
  rowsSynced: number | null;
  etaMs: number | null;
  behind: number | null;
  nextRetryAt: number | null;
  backendUrl: string | null;
  backendKind: BackendKind | null;
}

export const INITIAL_FACTS: StatusFacts = {
  state: 'idle',
  lastSyncedAt: null,
  pendingOutbox: 0,
  lastError: null,
  lastErrorKind: null,
  progress: null,
  rowsSynced: null,
  etaMs: null,
  behind: null,
  nextRetryAt: null,
  backendUrl: null,
  backendKind: null,
};

/** The status facts about the backend a run syncs with (engine begin()): its URL and whether it is the demo one. */
export function backendFacts(backend: BackendConfig): Pick<StatusFacts, 'backendUrl' | 'backendKind'> {
  return {
    backendUrl: backend.url.replace(/\/+$/, ''),
    backendKind: backend.id === EMBEDDED_BACKEND_ID ? 'embedded' : 'remote',
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toSyncStatus(f: StatusFacts): SyncStatus {
  return {
    state: f.state,
    lastSyncedAt: iso(f.lastSyncedAt),
    pendingOutbox: f.pendingOutbox,
    lastError: f.lastError,
    lastErrorKind: f.lastError === null ? null : f.lastErrorKind,
    progress: f.progress === null ? null : Math.min(1, Math.max(0, f.progress)),
    rowsSynced: f.rowsSynced,
    etaMs: f.etaMs === null ? null : Math.max(0, Math.round(f.etaMs)),
    behind: f.behind === null ? null : Math.max(0, f.behind),
    nextRetryAt: iso(f.nextRetryAt),
    backendUrl: f.backendUrl,
    backendKind: f.backendUrl === null ? null : f.backendKind,
  };
}

/**
 * Facts that travel in pairs: a patch that sets or clears lastError without its kind clears the kind, and one
 * that changes backendUrl without its kind clears that kind, so a stale kind never describes a newer error or
 * backend (the UI then falls back to the English text or the host).
 */
function withPairs(patch: Partial<StatusFacts>): Partial<StatusFacts> {
  let paired = patch;
  if ('lastError' in patch && !('lastErrorKind' in patch)) paired = { ...paired, lastErrorKind: null };
  if ('backendUrl' in patch && !('backendKind' in patch)) paired = { ...paired, backendKind: null };
  return paired;
}

export interface StatusTracker {
  facts(): StatusFacts;
  current(): SyncStatus;
  /** Merge facts; emit if the derived status changed. `progressOnly` updates are throttled. */
  update(patch: Partial<StatusFacts>, options?: { progressOnly?: boolean }): void;
  /** Cancel the held progress emission and emit nothing more (engine close). */
  close(): void;
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
  // A progress update inside the throttle window is held, and emitted when the window ends. Why a timer: the
  // next update may be minutes away (a slow page, a stalled backend), and the bar must not sit at an old figure.
  let held: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const release = () => {
    if (held !== null) clearTimeout(held);
    held = null;
  };

  const emitIfChanged = () => {
    release(); // whatever was held is in `facts`, so in this emission
    const status = toSyncStatus(facts);
    const serialized = JSON.stringify(status);
    if (serialized === lastEmitted) return;
    lastEmitted = serialized;
    lastEmitAt = options.now();
    options.emit(status);
  };

  return {
    facts: () => facts,
    current: () => toSyncStatus(facts),
    update(patch, { progressOnly = false } = {}) {
      facts = { ...facts, ...withPairs(patch) };
      if (closed) return;
      const wait = lastEmitAt + options.throttleMs - options.now();
      if (progressOnly && wait > 0) {
        if (held === null) {
          held = setTimeout(emitIfChanged, wait);
          held.unref?.(); // never keeps a closing core process alive
        }
        return;
      }
      emitIfChanged();
    },
    close() {
      closed = true;
      release();
    },
  };
}
