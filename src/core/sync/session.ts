// Binding the replica to a backend session: a replica belongs to one backend and one user. Signing in
// elsewhere empties the synced rows (never the outbox) before the first page of the new session is applied.
import { randomUUID } from 'node:crypto';
import { OutpostError, type ErrorCode } from '../../shared/api/errors';
import type { Session } from '../../shared/sync/protocol';
import type { Db } from '../db/open';
import { patchSyncState, readSyncState, type SyncState } from '../db/repos/sync-state-repo';
import { emptyReplica } from './scope';
import type { SyncError, SyncErrorKind } from './sync-error';

export interface BackendConfig {
  url: string;
  token: string;
  /**
   * Stable identity of the backend's data, when its URL is not (the embedded demo backend listens on a fresh
   * loopback port each launch). Defaults to the URL.
   */
  id?: string;
}

/**
 * BackendConfig.id of the embedded demo backend the hosts start when none is configured (host/host-backend.ts).
 * The status tells the UI by it that the data is the built-in demo, not a real backend.
 */
export const EMBEDDED_BACKEND_ID = 'embedded-demo';

export function backendIdentity(backend: BackendConfig): string {
  return backend.id ?? backend.url.replace(/\/+$/, '');
}

/** In one transaction: empty the replica if it belonged to another backend or user, and ensure a client id. */
export function bindReplica(db: Db, identity: string, session: Session): SyncState {
  return db.transaction(() => {
    const state = readSyncState(db);
    const clientId = state.clientId ?? randomUUID();
    if (state.backendUrl === identity && state.userId === session.user.id) return patchSyncState(db, { clientId });
    return emptyReplica(db, { backendUrl: identity, userId: session.user.id, clientId, lastSyncedAt: null });
  })();
}

const API_CODES: Record<SyncErrorKind, ErrorCode> = {
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'UNAUTHORIZED',
  protocol: 'CONFLICT',
  'rate-limited': 'UNAVAILABLE',
  server: 'UNAVAILABLE',
  'bad-request': 'BAD_REQUEST',
  network: 'UNAVAILABLE',
  timeout: 'TIMEOUT',
  malformed: 'UNAVAILABLE',
  'invalid-page': 'UNAVAILABLE',
  internal: 'INTERNAL',
  cancelled: 'CONFLICT',
};

/** A sync failure as a core API error (for sync.configure). */
export function toApiError(err: SyncError): OutpostError {
  return new OutpostError({ code: API_CODES[err.kind], message: err.message });
}
