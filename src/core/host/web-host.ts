// The web host: Outpost core behind a loopback HTTP + WebSocket server that also serves the built renderer.
// Binds 127.0.0.1 only, on a random port by default, and requires a per-launch secret token for the API.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_REQUEST_BYTES, errorResponse } from '../../shared/api/rpc';
import { buildCsp } from '../../shared/security/csp';
import type { Core } from '../core';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  core: Core;
  /** Built renderer directory; when absent only the API is served. */
  rendererDir?: string | undefined;
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebHost {
  /** URL to open: the token travels in the fragment, which browsers never send to servers or in Referer. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  let port = 0;
  const headers = () => securityHeaders(port);

  const server = createServer((req, res) => {
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (!options.rendererDir) {
      res.writeHead(404, headers()).end();
      return;
    }
    serveStatic(options.rendererDir, req, res, headers()).catch(() => res.destroy());
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    // Why all three: the token proves the page came from this launch; Host and Origin stop DNS-rebinding
    // and other sites' pages from driving the API even if they guessed the port.
    if (
      url.pathname !== '/rpc' ||
      !hostAllowed(req, port) ||
      !originAllowed(req, port) ||
      !tokenMatches(url.searchParams.get('token'), token)
    ) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, core: Core) {
  const unsubscribe = core.subscribe((event) => ws.send(JSON.stringify(event)));
  ws.on('message', (data, isBinary) => {
    let message: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      message = JSON.parse(data.toString());
    } catch {
      ws.send(JSON.stringify(errorResponse(null, { code: 'BAD_REQUEST', message: 'Request is not valid JSON text' })));
      return;
    }
    void core.dispatch(message).then((response) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp({ connectSrc: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades; non-browser clients (tests, scripts) may omit it. */
function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
