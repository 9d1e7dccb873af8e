// A loopback HTTP proxy in front of a backend that injects faults on demand: error statuses, 429 with
// Retry-After, stalls (timeouts), connection resets, truncated or malformed bodies, another protocol version,
// and "forward, then lose the answer" (the backend commits, the client never hears back).
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'stall' } // never answer (the client's timeout must fire)
  | { kind: 'reset' } // destroy the connection before any reply
  | { kind: 'truncate' } // forward, then send half the body under the full Content-Length and close
  | { kind: 'malformed' } // 200 with a body that is not JSON
  | { kind: 'protocol'; version: number } // forward, rewriting protocolVersion in the reply
  | { kind: 'lose-reply' }; // forward (the backend applies it), then reset instead of replying

interface Rule {
  fault: Fault;
  path: RegExp;
  times: number;
  skip: number;
}

export interface FaultProxy {
  url: string;
  /** Apply `fault` to `times` requests whose path matches, after letting `skip` of them through (defaults: any path, once, 0). */
  inject(fault: Fault, options?: { path?: RegExp; times?: number; skip?: number }): void;
  clear(): void;
  /** Requests seen (method and path), in order. */
  readonly requests: { method: string; path: string; fault: Fault['kind'] | null }[];
  /** Called after the backend answered a forwarded request (before the client gets the reply). */
  onUpstreamReply: ((path: string, status: number) => void) | null;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: Rule[] = [];
  const stalled = new Set<ServerResponse>();
  const proxy: FaultProxy = {
    url: '',
    inject: (fault, options = {}) =>
      void rules.push({ fault, path: options.path ?? /./, times: options.times ?? 1, skip: options.skip ?? 0 }),
    clear: () => void rules.splice(0),
    requests: [],
    onUpstreamReply: null,
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const takeFault = (path: string): Fault | null => {
    const rule = rules.find((r) => r.path.test(path));
    if (!rule) return null;
    if (rule.skip > 0) {
      rule.skip--;
      return null;
    }
    if (--rule.times <= 0) rules.splice(rules.indexOf(rule), 1);
    return rule.fault;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (typeof v === 'string' && k !== 'transfer-encoding') headers[k] = v;
            resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const path = req.url ?? '/';
    const fault = takeFault(path);
    proxy.requests.push({ method: req.method ?? 'GET', path, fault: fault?.kind ?? null });
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'stall') return void stalled.add(res);
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return void res.end(fault.body ?? JSON.stringify({ error: 'INTERNAL', message: `injected ${fault.status}` }));
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"protocolVersion":1,"cursor":');
    }
    const reply = await forward(req, body);
    proxy.onUpstreamReply?.(path, reply.status);
    if (fault?.kind === 'lose-reply') return void req.socket.destroy();
    let payload = reply.body;
    if (fault?.kind === 'protocol') {
      payload = Buffer.from(JSON.stringify({ ...(JSON.parse(payload.toString()) as object), protocolVersion: fault.version }));
    }
    const headers = { ...reply.headers, 'content-length': String(payload.length) };
    res.writeHead(reply.status, headers);
    if (fault?.kind === 'truncate') {
      res.write(payload.subarray(0, Math.floor(payload.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    res.end(payload);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
