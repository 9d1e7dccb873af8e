// A run: syncing with one backend until stopped. It runs a cycle at once, then one per interval, one on
// demand (request), and after a failure one per backoff delay (full jitter, or the server's Retry-After; an
// unreachable backend is retried at least as often as the interval).
// stop() aborts its requests at once and releases everyone waiting for a cycle.
import type { SyncStatus } from '../../shared/domain/sync-status';
import type { Session } from '../../shared/sync/protocol';
import { createBackoff, type BackoffOptions } from './backoff';
import { runCycle, type CycleDeps, type CycleRun } from './cycle';
import { createHttpClient, type FetchLike } from './http-client';
import { backendIdentity, type BackendConfig } from './session';
import type { SyncError } from './sync-error';

export interface RunOptions {
  backend: BackendConfig;
  /** A session already checked (sync.configure): the first cycle skips GET /v1/session. */
  session: Session | null;
  deps: CycleDeps;
  intervalMs: number;
  requestTimeoutMs: number;
  backoff: BackoffOptions;
  fetch?: FetchLike;
}

export interface Run {
  /** Run a cycle now, or right after the running one; resolves with the status once it ended. */
  request(): Promise<SyncStatus>;
  stop(): void;
}

export function startRun(options: RunOptions): Run {
  const { deps, backend } = options;
  const controller = new AbortController();
  const client = createHttpClient({
    baseUrl: backend.url,
    token: backend.token,
    requestTimeoutMs: options.requestTimeoutMs,
    fetch: options.fetch,
    now: deps.now,
  });
  const cycleRun: CycleRun = { identity: backendIdentity(backend), client, signal: controller.signal, session: options.session };
  const backoff = createBackoff(options.backoff);
  let waiters: Array<(status: SyncStatus) => void> = [];
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      wake = done;
    });

  /**
   * Why offline is capped at the interval: an unreachable backend (stopped, laptop off the network) usually comes
   * back as it was, and a run that would sync every interval when healthy must not wait up to the backoff cap
   * (60 s) to notice. Errors the backend answered (5xx, 429) keep the full backoff: they mean it is overloaded.
   */
  const retryDelay = (error: SyncError): number =>
    backoff.next(error.retryAfterMs, error.offline ? Math.min(options.backoff.capMs, options.intervalMs) : undefined);

  const loop = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      const served = waiters;
      waiters = [];
      const error = await runCycle(deps, cycleRun);
      for (const waiter of served) waiter(deps.tracker.current());
      if (controller.signal.aborted) return;
      if (waiters.length > 0) continue; // someone asked for another sync meanwhile
      if (!error) backoff.reset();
      const delay = error?.retryable ? retryDelay(error) : options.intervalMs;
      if (error?.retryable) deps.tracker.update({ nextRetryAt: deps.now() + delay });
      await sleep(delay);
    }
  };
  void loop();

  return {
    request: () =>
      new Promise((resolve) => {
        if (controller.signal.aborted) return resolve(deps.tracker.current());
        waiters.push(resolve);
        wake?.();
      }),
    stop() {
      controller.abort();
      wake?.();
      const released = waiters;
      waiters = [];
      for (const waiter of released) waiter(deps.tracker.current());
    },
  };
}
