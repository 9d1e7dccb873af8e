// Supervises the core process (a utilityProcess running out/main/core-host.js): starts it, reports when it is ready,
// and restarts it with exponential backoff if it exits unexpectedly. Never restarts after an intentional stop().
// The child is created by an injected `fork`, so this runs in Node tests without Electron.
import { systemTimers, type Timers } from './timers';

/** The parts of Electron's UtilityProcess the supervisor uses. */
export interface CoreChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export interface BackoffPolicy {
  /** Delay before the first restart. */
  initialMs: number;
  /** Doubling stops here. */
  maxMs: number;
  /** A child that stayed up this long is considered healthy again: the next crash restarts after initialMs. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

export interface CoreExit {
  code: number;
  /** Delay until the next start, or null when it was stopped on purpose and will not restart. */
  restartInMs: number | null;
}

export interface CoreSupervisorOptions {
  fork: () => CoreChild;
  /** A child was just forked (requests should wait for ready). */
  onStarting: () => void;
  /** The child posted `{ type: 'ready' }`. */
  onReady: (child: CoreChild) => void;
  /** Any other message from the current child (responses and events). */
  onMessage: (message: unknown) => void;
  onExit: (exit: CoreExit) => void;
  backoff?: BackoffPolicy;
  timers?: Timers;
}

export interface CoreSupervisor {
  start(): void;
  /** Intentional shutdown: kill the child and cancel any pending restart. */
  stop(): void;
}

/** Delay before restart number `attempt` (0-based): initial × 2^attempt, capped. */
export function restartDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** attempt);
}

export function createCoreSupervisor(options: CoreSupervisorOptions): CoreSupervisor {
  const timers = options.timers ?? systemTimers;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  let child: CoreChild | null = null;
  let running = false;
  let attempt = 0;
  let startedAt = 0;
  let restartTimer: unknown = null;

  const exited = (code: number) => {
    child = null;
    if (!running) return options.onExit({ code, restartInMs: null });
    // Why measure uptime here: a core that crashes only after a long healthy run should come back fast, not at the cap.
    if (timers.now() - startedAt >= policy.stableMs) attempt = 0;
    const delay = restartDelay(attempt++, policy);
    restartTimer = timers.setTimeout(spawn, delay);
    options.onExit({ code, restartInMs: delay });
  };

  const spawn = () => {
    restartTimer = null;
    startedAt = timers.now();
    let current: CoreChild;
    try {
      current = options.fork();
    } catch {
      return exited(-1); // fork itself failed: same policy as a crash
    }
    child = current;
    options.onStarting();
    // Messages and exits of an older child (already replaced) are ignored: only `child` speaks for core.
    current.on('message', (message) => {
      if (current !== child) return;
      if (isReadyMessage(message)) options.onReady(current);
      else options.onMessage(message);
    });
    current.on('exit', (code) => {
      if (current === child) exited(code);
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      attempt = 0;
      spawn();
    },
    stop() {
      running = false;
      if (restartTimer !== null) timers.clearTimeout(restartTimer);
      restartTimer = null;
      child?.kill();
    },
  };
}

function isReadyMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}
