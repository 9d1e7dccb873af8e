// Admin-only routes: replace a user's region grants (scope changes) and compact the change log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, forbidden, notFound, parseOr400 } from '../http/errors';
import { isStorableText } from '../store/row-codec';
import { callerOf, type RouteDeps } from './route-deps';

const id = z.string().min(1).max(128).refine(isStorableText, 'contains NUL or an unpaired surrogate');

export const grantsBodySchema = z.strictObject({ regions: z.array(id).max(1_000) });
export const grantsReplySchema = z.strictObject({ userId: z.string(), regions: z.array(z.string()) });
export const compactBodySchema = z.strictObject({ beforeSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const compactReplySchema = z.strictObject({ removed: z.number().int(), horizon: z.number().int() });

function requireAdmin(request: FastifyRequest): void {
  const caller = callerOf(request);
  if (caller.user.role !== 'admin') throw forbidden(`${caller.user.id} is not an admin.`);
}

export function registerAdminRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.put('/v1/admin/grants/:userId', { config: { routeId: 'admin.grants' } }, async (request) => {
    requireAdmin(request);
    const { userId } = parseOr400(z.strictObject({ userId: id }), request.params, 'path');
    const { regions } = parseOr400(grantsBodySchema, request.body, 'grants');
    if (!(await deps.store.findUser(userId))) throw notFound(`No user ${userId}.`);
    const known = new Set((await deps.store.sql.query('SELECT id FROM regions')).map((row) => String(row[0])));
    const unknown = regions.filter((r) => !known.has(r));
    if (unknown.length > 0) throw badRequest(`Unknown region(s): ${unknown.slice(0, 10).join(', ')}`);
    await deps.store.setGrants(userId, regions);
    return { userId, regions: await deps.store.getGrants(userId) };
  });

  app.post('/v1/admin/compact', { config: { routeId: 'admin.compact' } }, async (request) => {
    requireAdmin(request);
    const { beforeSeq } = parseOr400(compactBodySchema, request.body, 'compaction request');
    return deps.store.compactLog(beforeSeq);
  });
}
