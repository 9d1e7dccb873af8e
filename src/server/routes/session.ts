// GET /v1/session: who the token belongs to, which regions it may read and write, protocol version, server time.
import type { FastifyInstance } from 'fastify';
import { SYNC_PROTOCOL_VERSION, type Session } from '../../shared/sync/protocol';
import { callerOf, type RouteDeps } from './route-deps';

export function registerSessionRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/v1/session', { config: { routeId: 'session' } }, async (request): Promise<Session> => {
    const { user, regions } = callerOf(request);
    return { protocolVersion: SYNC_PROTOCOL_VERSION, serverTime: deps.now(), user, regions };
  });
}
