// The Fastify application: fault hooks (tests) → protocol header and bearer auth → routes; every error
// becomes a serverErrorSchema body with a 4xx status, and only a server bug can produce a 500.
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { authenticate, checkProtocol } from './http/auth';
import { HttpError } from './http/errors';
import { installFaultHooks, routeIdOf, type RouteId, type ServerHooks } from './http/faults';
import { createInFlight } from './http/in-flight';
import { registerAdminRoutes } from './routes/admin';
import { registerChangesRoute } from './routes/changes';
import { registerMutationsRoute } from './routes/mutations';
import { registerOpenApiRoute } from './routes/openapi';
import type { RouteDeps } from './routes/route-deps';
import { registerSessionRoute } from './routes/session';
import type { ServerStore } from './store/server-store';
import { StoreClosedError } from './store/sql-client';

export interface AppOptions {
  store: ServerStore;
  hooks?: ServerHooks;
  now?: () => number;
  /** Where unexpected (500) errors are reported; stderr by default. */
  onInternalError?: (err: unknown, route: RouteId) => void;
}

const PUBLIC_ROUTES: ReadonlySet<RouteId> = new Set(['openapi', 'not-found']);

/** Requests Node's HTTP parser cannot read (a malformed request line, headers too large): answer in our format. */
function replyToBrokenRequest(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text] = err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({ error: 'BAD_REQUEST', message: `Malformed HTTP request (${err.code ?? 'parse error'}).` });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as Partial<FastifyError>).statusCode === 'number';
}

export function buildApp(options: AppOptions): FastifyInstance {
  const deps: RouteDeps = { store: options.store, now: options.now ?? Date.now };
  const reportInternal =
    options.onInternalError ??
    ((err: unknown, route: RouteId) =>
      process.stderr.write(
        `outpost server: internal error on ${route}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      ));
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Requests Fastify rejects before routing (an undecodable URL, an over-long path parameter) get our error body too.
    frameworkErrors: (err, _request, reply) => {
      // The reply's generic type is not resolved at this point of Fastify's typings; it is a plain reply.
      void (reply as unknown as FastifyReply).code(400).send({ error: 'BAD_REQUEST', message: err.message });
    },
    clientErrorHandler: replyToBrokenRequest,
  });

  // Closing waits for every handler (and auth lookup) still running, so the store is never closed under one.
  const inFlight = createInFlight();
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      return inFlight.run(async () => handler.call(this, request, reply));
    };
  });
  app.addHook('onClose', () => inFlight.drain());

  // Fault hooks first, so a test can break a request before anything else looks at it.
  installFaultHooks(app, options.hooks ?? {});

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (PUBLIC_ROUTES.has(routeIdOf(request))) return;
    checkProtocol(request.headers);
    request.auth = await inFlight.run(() => authenticate(deps.store, request.headers, deps.now()));
  });

  registerSessionRoute(app, deps);
  registerChangesRoute(app, deps);
  registerMutationsRoute(app, deps);
  registerAdminRoutes(app, deps);
  registerOpenApiRoute(app);

  app.setNotFoundHandler(async (request, reply) =>
    reply
      .code(404)
      .send({ error: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200) ?? ''}` }),
  );

  app.setErrorHandler(async (err: unknown, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).headers(err.headers).send(err.body());
    // Fastify's own 4xx (unparsable JSON, body too large, wrong content type, bad content-length): the client's fault.
    if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      return reply.code(err.statusCode).send({ error: code, message: err.message });
    }
    if (err instanceof StoreClosedError) return reply.code(503).send({ error: 'INTERNAL', message: err.message });
    // A client that hung up (or a fault hook that hung up on it) leaves nothing to answer and nothing to report.
    if (request.raw.socket.destroyed) return reply;
    reportInternal(err, routeIdOf(request));
    return reply.code(500).send({ error: 'INTERNAL', message: 'Internal server error.' });
  });

  return app;
}
