// Fault injection for tests (ServerHooks): before a route runs, a hook may delay, reset the connection, or
// replace the reply (500/503/429 + Retry-After, malformed JSON, a wrong protocol version); or let the route run
// and commit, then drop or truncate the reply. Nothing here is active unless startServer is given hooks.
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type RouteId = 'session' | 'changes' | 'mutations' | 'admin.grants' | 'admin.compact' | 'openapi' | 'not-found';

export interface FaultRequest {
  method: string;
  /** Path and query string as sent. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FaultAction {
  /** Wait this long before anything else (with nothing else set: a slow but correct reply). */
  delayMs?: number;
  /** Reply with this status instead of running the route (default body: an INTERNAL error body). */
  status?: number;
  /** Reply body instead of the route's: a string is sent verbatim (malformed JSON), anything else as JSON. */
  body?: unknown;
  /** Extra reply headers, e.g. { 'retry-after': '2' }. */
  headers?: Record<string, string>;
  /** Reset the connection without running the route. */
  destroy?: boolean;
  /** Run the route (its transaction commits), then reset the connection instead of replying. */
  dropReply?: boolean;
  /** Run the route, announce the full Content-Length, send half the body, then reset the connection. */
  truncate?: boolean;
}

export interface ServerHooks {
  /** Called first for every request; return undefined to let it through untouched. */
  beforeReply?(route: RouteId, req: FaultRequest): FaultAction | undefined | Promise<FaultAction | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    routeId?: RouteId;
  }
  interface FastifyRequest {
    fault: FaultAction | null;
  }
}

export function routeIdOf(request: FastifyRequest): RouteId {
  return request.routeOptions.config.routeId ?? 'not-found';
}

function replaceReply(reply: FastifyReply, action: FaultAction): FastifyReply {
  reply.code(action.status ?? 200);
  if (action.headers) reply.headers(action.headers);
  if (typeof action.body === 'string') return reply.type('application/json; charset=utf-8').send(action.body);
  return reply.send(action.body ?? { error: 'INTERNAL', message: 'Injected fault' });
}

/**
 * A body that yields `part` and never ends; once `part` has left for the kernel the socket is reset, so the
 * client sees the headers (with the full Content-Length), half the body, then a connection reset.
 */
function brokenBody(part: string, socket: Socket): Readable {
  const body = new Readable({ read() {} });
  body.push(part);
  const started = Date.now();
  const resetWhenFlushed = setInterval(() => {
    if (socket.destroyed || (socket.writableLength === 0 && socket.bytesWritten > 0) || Date.now() - started > 2_000) {
      clearInterval(resetWhenFlushed);
      socket.destroy();
      body.destroy();
    }
  }, 5);
  return body;
}

export function installFaultHooks(app: FastifyInstance, hooks: ServerHooks): void {
  const beforeReply = hooks.beforeReply;
  if (!beforeReply) return;
  app.decorateRequest('fault', null);

  app.addHook('onRequest', async (request, reply) => {
    const action = await beforeReply(routeIdOf(request), { method: request.method, url: request.url, headers: request.headers });
    if (!action) return;
    if (action.delayMs) await sleep(action.delayMs);
    if (action.destroy) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (action.status !== undefined || action.body !== undefined) return replaceReply(reply, action);
    request.fault = action;
    return undefined;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const fault = request.fault;
    if (!fault) return payload;
    if (fault.headers) reply.headers(fault.headers);
    if (!fault.dropReply && !fault.truncate) return payload;
    const text = typeof payload === 'string' ? payload : '';
    if (fault.dropReply) {
      // The route already committed; the client never learns it (the "crash before the ack" case).
      request.raw.socket.destroy();
      return '';
    }
    reply.header('content-length', Buffer.byteLength(text));
    return brokenBody(text.slice(0, Math.floor(text.length / 2)), request.raw.socket);
  });
}
