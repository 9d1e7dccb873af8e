// Signs core in to the saved backend at every core start. Why not pass it on core's command line: argv is visible
// to every process on the machine, so core starts with `--no-backend` and main sends `sync.configure` once core
// is ready, over the relay (reserved ids). Transient failures (offline at launch) are retried with backoff.
import type { ErrorCode } from '../shared/api/errors';
import type { RpcResponse } from '../shared/api/rpc';
import { systemTimers, type Timers } from './timers';
import type { StoredBackend, TokenStore } from './token-store';

export interface BackendResumeOptions {
  store: Pick<TokenStore, 'has' | 'load'>;
  /** Send a request to core as main (IpcRelay.request). */
  request: (method: 'sync.configure', params: StoredBackend) => Promise<RpcResponse>;
  retry?: { initialMs: number; maxMs: number };
  timers?: Timers;
  log?: (message: string) => void;
}

export interface BackendResume {
  /** Extra flags for the next core fork. */
  coreArgs(): string[];
  coreStarting(): void;
  coreReady(): void;
  coreDown(): void;
  /** A window signs in or out: that wins, so stop resuming the saved backend for this core. */
  userChangedBackend(): void;
}

/** Worth another try: the backend (or core) may come back. Anything else (bad token, protocol) needs the user. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['UNAVAILABLE', 'TIMEOUT']);

export function createBackendResume(options: BackendResumeOptions): BackendResume {
  const timers = options.timers ?? systemTimers;
  const retry = options.retry ?? { initialMs: 2_000, maxMs: 60_000 };
  const log = options.log ?? ((message: string) => console.error(message));
  // Bumped whenever core restarts or a window takes over: replies and timers of an older generation are void.
  let generation = 0;
  let userActed = false;
  let timer: unknown = null;

  const cancel = () => {
    generation++;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const attempt = (mine: number, tries: number) => {
    let backend: StoredBackend | null;
    try {
      backend = options.store.load();
    } catch (err) {
      // Kept on disk: the keyring may only be locked. Core stays without a backend rather than on the demo one.
      return log(`[main] could not read the saved backend: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (backend === null) return;
    void options.request('sync.configure', backend).then((response) => {
      if (mine !== generation || response.ok) return;
      log(`[main] could not sign in to the saved backend: ${response.error.code} ${response.error.message}`);
      if (!RETRYABLE.has(response.error.code)) return;
      timer = timers.setTimeout(
        () => {
          timer = null;
          if (mine === generation) attempt(mine, tries + 1);
        },
        Math.min(retry.maxMs, retry.initialMs * 2 ** tries),
      );
    });
  };

  return {
    // Why "has" (file exists) rather than "load succeeds": a saved backend we cannot decrypt right now must still
    // keep core off the embedded demo backend, which would rebind (and empty) the user's replica.
    coreArgs: () => (options.store.has() ? ['--no-backend'] : []),
    coreStarting() {
      cancel();
      userActed = false;
    },
    coreReady() {
      if (!userActed) attempt(generation, 0);
    },
    coreDown: cancel,
    userChangedBackend() {
      cancel();
      userActed = true;
    },
  };
}
