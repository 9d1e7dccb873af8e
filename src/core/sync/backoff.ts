// Retry timing: exponential backoff with full jitter (a random wait in [0, min(cap, base·2^attempt))), and
// the server's Retry-After (seconds or HTTP-date), which wins over the computed wait but is capped too. A retry
// may lower the cap for itself (an offline backend is retried within the sync interval, see run.ts).

export interface BackoffOptions {
  /** Ceiling of the first retry's wait. */
  baseMs: number;
  /** Ceiling of any computed wait. */
  capMs: number;
  /** Longest Retry-After honoured; a server asking for more gets this (protects against hostile values). */
  maxRetryAfterMs: number;
  /** Injectable for tests; Math.random by default. Must return values in [0, 1). */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 10 * 60_000 };

/** The upper bound of the wait before retry number `attempt` (0-based). */
export function backoffCeiling(attempt: number, options: Pick<BackoffOptions, 'baseMs' | 'capMs'>): number {
  // 2 ** attempt overflows to Infinity for huge attempts, which Math.min handles.
  return Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
}

/** Full jitter: uniformly random in [0, ceiling). */
export function fullJitter(attempt: number, options: Pick<BackoffOptions, 'baseMs' | 'capMs'>, random: () => number): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}

/**
 * Parse a Retry-After header: delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT").
 * Returns the wait in ms (0 for a date in the past), or null when absent or unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return null; // "-5", "1.5": neither form
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface Backoff {
  /**
   * The wait before the next retry; advances the attempt count. A Retry-After from the server wins. `capMs`
   * lowers the ceiling of the computed wait for this retry only (never raises it above options.capMs).
   */
  next(retryAfterMs?: number, capMs?: number): number;
  /** After a success: the next failure starts from the base again. */
  reset(): void;
  readonly attempt: number;
}

export function createBackoff(options: BackoffOptions = DEFAULT_BACKOFF): Backoff {
  const random = options.random ?? Math.random;
  let attempt = 0;
  return {
    next(retryAfterMs, capMs) {
      const cap = capMs === undefined ? options.capMs : Math.max(0, Math.min(options.capMs, capMs));
      const computed = fullJitter(attempt, { baseMs: options.baseMs, capMs: cap }, random);
      attempt++;
      return retryAfterMs === undefined ? computed : Math.min(Math.max(0, retryAfterMs), options.maxRetryAfterMs);
    },
    reset() {
      attempt = 0;
    },
    get attempt() {
      return attempt;
    },
  };
}
