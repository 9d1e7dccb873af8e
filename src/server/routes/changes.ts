// GET /v1/changes: one page of the change feed for the caller's granted regions (see docs/sync-protocol.md).
import type { FastifyInstance } from 'fastify';
import { pageBody, pageEnvelope, scopeDiff } from '../changes/page';
import { changesQuerySchema } from '../changes/query';
import { forbidden, parseOr400 } from '../http/errors';
import { callerOf, JSON_TYPE, type RouteDeps } from './route-deps';

export function registerChangesRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/v1/changes', { config: { routeId: 'changes' } }, async (request, reply) => {
    const caller = callerOf(request);
    const query = parseOr400(changesQuerySchema, request.query, 'query');
    const notGranted = (query.regions ?? []).filter((r) => !caller.regions.includes(r));
    if (notGranted.length > 0)
      throw forbidden(`Region(s) not granted to ${caller.user.id}: ${notGranted.slice(0, 10).join(', ')}`);
    // Scope filtering happens in the query itself: only granted regions (or the requested subset) are read.
    const data = await deps.store.readPage({
      after: query.after,
      until: query.until ?? null,
      regions: query.regions ?? caller.regions,
      mode: query.regions === undefined ? 'feed' : 'backfill',
      limit: query.limit,
    });
    const envelope = pageEnvelope(data, query.after, query.until, scopeDiff(caller.regions, query.held));
    return reply.type(JSON_TYPE).send(pageBody(data, envelope));
  });
}
