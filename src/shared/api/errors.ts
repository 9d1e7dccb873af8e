// Typed errors that cross the core API boundary. Every failure a caller can see is one of these codes.

/** Error codes of the core API. Stable: the renderer maps each to an i18n message. */
export const ERROR_CODES = [
  'BAD_REQUEST', // the envelope or params failed validation
  'UNKNOWN_METHOD', // no such method in the method map
  'UNAUTHORIZED', // missing or wrong credentials (web host token, backend token)
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE', // core not running, transport closed, backend unreachable
  'TIMEOUT',
  'INTERNAL', // a bug in core: logged there, never leaks a stack to the caller
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Finer, machine-readable causes under a code, for the few failures whose fix differs from the code's usual one.
 * Callers branch on these, never on a message's wording (messages are English detail for logs and tooltips).
 */
export const ERROR_REASONS = [
  'KEYRING_REFUSED', // UNAVAILABLE: the desktop app has no real OS keyring to keep the backend token in
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Plain-data form of an error, safe to serialize over any transport. */
export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** Validation issues as `path: message` lines, when code is BAD_REQUEST. */
  issues?: string[];
  reason?: ErrorReason;
}

/** The error a typed client throws; carries the same data as the wire form. */
export class OutpostError extends Error {
  readonly code: ErrorCode;
  readonly issues: string[] | undefined;
  readonly reason: ErrorReason | undefined;

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'OutpostError';
    this.code = data.code;
    this.issues = data.issues;
    this.reason = data.reason;
  }

  toData(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}
