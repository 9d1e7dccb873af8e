// The two checks every API request passes: the sync protocol version header, then the bearer token
// (unknown → 401 UNAUTHORIZED, expired → 401 TOKEN_EXPIRED). Yields the caller's user and granted regions.
import type { IncomingHttpHeaders } from 'node:http';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { User } from '../store/auth-store';
import type { ServerStore } from '../store/server-store';
import { HttpError } from './errors';

export interface AuthContext {
  user: User;
  /** Granted region ids, sorted, read at the start of this request. */
  regions: string[];
}

const BEARER = /^Bearer +([\x21-\x7e]{1,512})$/i;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="outpost"' };

/** 409 unless the request speaks our protocol version (a missing header is a mismatch too). */
export function checkProtocol(headers: IncomingHttpHeaders): void {
  const sent = headers[PROTOCOL_HEADER];
  if (sent === String(SYNC_PROTOCOL_VERSION)) return;
  const what = sent === undefined ? 'no version' : `version ${JSON.stringify(String(sent)).slice(0, 40)}`;
  throw new HttpError(
    409,
    'PROTOCOL_MISMATCH',
    `This server speaks sync protocol ${SYNC_PROTOCOL_VERSION} (header ${PROTOCOL_HEADER}); the request sent ${what}.`,
  );
}

export async function authenticate(store: ServerStore, headers: IncomingHttpHeaders, now: number): Promise<AuthContext> {
  const header = headers.authorization;
  if (header === undefined || header === '')
    throw new HttpError(401, 'UNAUTHORIZED', 'Missing bearer token (Authorization: Bearer <token>).', CHALLENGE);
  const match = BEARER.exec(header);
  if (!match?.[1])
    throw new HttpError(401, 'UNAUTHORIZED', 'Malformed Authorization header; expected "Bearer <token>".', CHALLENGE);
  const record = await store.findToken(match[1]);
  if (!record) throw new HttpError(401, 'UNAUTHORIZED', 'Unknown token.', CHALLENGE);
  if (record.expiresAt !== null && record.expiresAt <= now) {
    throw new HttpError(
      401,
      'TOKEN_EXPIRED',
      `The token expired at ${new Date(record.expiresAt).toISOString()}; sign in again.`,
      CHALLENGE,
    );
  }
  return { user: record.user, regions: record.regions };
}
