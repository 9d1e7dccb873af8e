// Words for HTTP and network failures: what the status bar says when the backend refuses or cannot be reached.
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { SyncError } from './sync-error';

export interface HttpFailure {
  status: number;
  /** The `error` code of an Outpost error body, when there was one. */
  code: string | undefined;
  serverMessage: string | undefined;
  retryAfterMs: number | undefined;
}

export function describeHttpFailure({ status, code, serverMessage, retryAfterMs }: HttpFailure): SyncError {
  const said = serverMessage ? `: ${serverMessage}` : '';
  const details = { status, retryAfterMs };
  if (status === 401) {
    return code === 'TOKEN_EXPIRED'
      ? new SyncError('unauthorized', `Your sign-in has expired; sign in again${said}`, details)
      : new SyncError('unauthorized', `The backend did not accept the sign-in token${said}`, details);
  }
  if (status === 403) return new SyncError('forbidden', `The backend refused access${said}`, details);
  if (status === 409 || code === 'PROTOCOL_MISMATCH') {
    return new SyncError(
      'protocol',
      `The backend speaks another sync protocol than this Outpost (${SYNC_PROTOCOL_VERSION})${said}`,
      details,
    );
  }
  if (status === 429)
    return new SyncError('rate-limited', `The backend is rate-limiting this client; retrying later${said}`, details);
  if (status >= 500) return new SyncError('server', `The backend had a problem (HTTP ${status}); retrying${said}`, details);
  return new SyncError('bad-request', `The backend rejected a sync request (HTTP ${status})${said}`, details);
}

/** Connection-level failures: node's fetch wraps the socket error as `cause`. */
export function describeNetworkFailure(err: unknown, base: string, phase: 'connect' | 'body'): SyncError {
  const code = errorCode(err);
  if (phase === 'body') {
    return new SyncError('network', `The connection to ${base} dropped while a reply was arriving`, { cause: err });
  }
  if (code === 'ECONNREFUSED')
    return new SyncError('network', `Cannot reach the backend at ${base} (connection refused)`, { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new SyncError('network', `Cannot find the backend host of ${base}`, { cause: err });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return new SyncError('network', `The connection to ${base} was reset`, { cause: err });
  }
  if (err instanceof TypeError && /invalid url|failed to parse url/i.test(`${err.message} ${String(err.cause ?? '')}`)) {
    return new SyncError('bad-request', `The backend address ${base} is not a valid URL`, { cause: err });
  }
  return new SyncError('network', `Cannot reach the backend at ${base}${code ? ` (${code})` : ''}`, { cause: err });
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
