// Typed sync failures. Every way a sync can fail maps to one kind, which decides whether to retry, what the
// status shows (offline vs error) and the human message in the status bar.

export type SyncErrorKind =
  | 'unauthorized' // 401: token unknown or expired; retrying will not help
  | 'forbidden' // 403
  | 'protocol' // 409 PROTOCOL_MISMATCH or a reply in another protocol version
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'bad-request' // other 4xx: a client bug or a backend that is not an Outpost backend
  | 'network' // connection refused, reset, DNS
  | 'timeout' // per-request or overall timeout
  | 'malformed' // body is not JSON, truncated, or fails the protocol schema
  | 'invalid-page' // a page that cannot be applied (bad row, scope violation, cursor going backwards)
  | 'internal' // a local failure (SQLite error, bug); retried with backoff in case it is transient
  | 'cancelled'; // sign-out, backend change or shutdown

const RETRYABLE: ReadonlySet<SyncErrorKind> = new Set([
  'rate-limited',
  'server',
  'network',
  'timeout',
  'malformed',
  'invalid-page',
  'internal',
]);
const OFFLINE: ReadonlySet<SyncErrorKind> = new Set(['network', 'timeout']);

export class SyncError extends Error {
  override name = 'SyncError';
  readonly kind: SyncErrorKind;
  readonly status: number | undefined;
  /** Server-requested wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: SyncErrorKind, message: string, details: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Transient: the engine backs off and tries again by itself. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** The backend could not be reached at all (the status shows "offline" rather than "error"). */
  get offline(): boolean {
    return OFFLINE.has(this.kind);
  }
}

/** Coerce anything thrown during a sync into a SyncError. */
export function toSyncError(err: unknown): SyncError {
  if (err instanceof SyncError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SyncError('internal', `Sync failed inside Outpost: ${message}`, { cause: err });
}

export function isCancelled(err: unknown): boolean {
  return err instanceof SyncError && err.kind === 'cancelled';
}
