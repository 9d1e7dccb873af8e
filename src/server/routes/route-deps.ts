// What every route module receives, and the accessor for the authenticated caller.
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ServerStore } from '../store/server-store';

export interface RouteDeps {
  store: ServerStore;
  /** Server clock (epoch ms); injectable so tests can expire tokens. */
  now(): number;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** The caller of an authenticated route (the auth hook ran before the handler). */
export function callerOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new HttpError(401, 'UNAUTHORIZED', 'Missing bearer token.');
  return request.auth;
}

/** Reply header for JSON bodies we serialize ourselves. */
export const JSON_TYPE = 'application/json; charset=utf-8';
