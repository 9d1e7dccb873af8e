// POST /v1/mutations: a batch of client writes, each answered applied / duplicate / rejected (results[i]
// answers mutations[i]). Only a malformed envelope is a 400; a bad single mutation is a 'rejected' result.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { parseOr400 } from '../http/errors';
import { applyBatch } from '../mutations/apply-batch';
import { isStorableText } from '../store/row-codec';
import { callerOf, type RouteDeps } from './route-deps';

const envelopeSchema = z.strictObject({
  clientId: z.string().min(1).max(64).refine(isStorableText, 'contains NUL or an unpaired surrogate'),
  mutations: z.array(z.unknown()).min(1).max(500),
});

export function registerMutationsRoute(app: FastifyInstance, deps: RouteDeps): void {
  app.post('/v1/mutations', { config: { routeId: 'mutations' }, bodyLimit: 8 * 1024 * 1024 }, async (request) => {
    const caller = callerOf(request);
    const batch = parseOr400(envelopeSchema, request.body, 'mutation batch');
    const results = await applyBatch(
      deps.store,
      { user: caller.user, regions: caller.regions, clientId: batch.clientId, now: deps.now() },
      batch.mutations,
    );
    return { protocolVersion: SYNC_PROTOCOL_VERSION, results };
  });
}
