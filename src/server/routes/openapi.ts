// GET /v1/openapi.json: the API description. Public (no token, no protocol header): it holds no data, and a
// person or a tool must be able to read it before it knows the protocol.
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../openapi/document';

export function registerOpenApiRoute(app: FastifyInstance): void {
  const document = buildOpenApiDocument();
  app.get('/v1/openapi.json', { config: { routeId: 'openapi' } }, async () => document);
}
