// The reference backend as a child process for end-to-end tests (out/main/server-host.js): start it, stop it and
// restart it on the same port and data directory, so a web host pointed at it sees it go away and come back.
// Also a gate: a loopback HTTP proxy that can hold chosen requests, to freeze a sync at a known point.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './web-host';

export const serverHostEntry = resolve(repoRoot, 'out/main/server-host.js');
const URL_PREFIX = 'OUTPOST_SERVER_URL=';
const TOKEN_PREFIX = 'OUTPOST_DEMO_TOKEN=';

export interface BackendOptions {
  /** PGlite data directory (kept across restarts), or ':memory:' for fresh data on every start. */
  dataDir: string;
  /** Serve from this PostgreSQL database instead of PGlite (dataDir is then unused). */
  databaseUrl?: string;
  /** 0 picks a free port on the first start; restarts always reuse the port it got. */
  port?: number;
  scale?: 'demo' | 'M' | 'L';
  /** Keep writing live demo changes every this many ms. */
  liveMs?: number;
  /** How long one start may take (seeding a fresh demo dataset takes seconds). */
  timeoutMs?: number;
}

export interface Backend {
  /** `http://127.0.0.1:<port>`, the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** The demo director's bearer token. */
  readonly token: string;
  running(): boolean;
  /** Everything every run printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM (SIGKILL if it hangs); resolves once the process is gone. */
  stop(): Promise<void>;
  /** Start it again on the same port and data directory. */
  restart(): Promise<void>;
}

interface Run {
  child: ChildProcess;
  exited: Promise<void>;
}

export async function startBackend(options: BackendOptions): Promise<Backend> {
  if (!existsSync(serverHostEntry)) throw new Error(`${serverHostEntry} is missing: run \`npx electron-vite build\` first.`);
  let output = '';
  const log = (text: string) => (output += text);

  const launch = async (port: number): Promise<{ run: Run; url: string; token: string }> => {
    const args = [serverHostEntry, `--data-dir=${options.dataDir}`, `--scale=${options.scale ?? 'demo'}`, `--port=${port}`];
    if (options.databaseUrl !== undefined) args.push(`--database-url=${options.databaseUrl}`);
    if (options.liveMs !== undefined) args.push(`--live=${options.liveMs}`);
    // --exit-with-parent + a stdin pipe: the backend ends with the test worker even if the worker is killed.
    args.push('--exit-with-parent');
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString()));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const run = { child, exited };
    const lines = await readStartup(child, options.timeoutMs ?? 90_000, log).catch(async (err: unknown) => {
      await kill(run);
      throw new Error(`backend ${err instanceof Error ? err.message : String(err)}. Its output:\n${output}`);
    });
    return { run, ...lines };
  };

  let current: Run | null = null;
  const first = await launch(options.port ?? 0);
  current = first.run;
  const port = Number(new URL(first.url).port);

  return {
    url: first.url,
    port,
    token: first.token,
    running: () => current !== null && current.child.exitCode === null && current.child.signalCode === null,
    output: () => output,
    async stop() {
      if (current) await kill(current);
      current = null;
    },
    async restart() {
      if (current) await kill(current);
      current = null;
      const next = await launch(port);
      if (next.url !== first.url) throw new Error(`backend came back at ${next.url}, not ${first.url}`);
      current = next.run;
    },
  };
}

async function kill({ child, exited }: Run): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Waits for the URL and token lines (in that order) on stdout. */
function readStartup(
  child: ChildProcess,
  timeoutMs: number,
  log: (text: string) => void,
): Promise<{ url: string; token: string }> {
  return new Promise((resolveLines, reject) => {
    let url: string | null = null;
    const timer = setTimeout(
      () => reject(new Error(`printed no ${URL_PREFIX}/${TOKEN_PREFIX} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    if (!child.stdout) return reject(new Error('has no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      log(`${line}\n`);
      if (line.startsWith(URL_PREFIX)) url = line.slice(URL_PREFIX.length).trim();
      if (line.startsWith(TOKEN_PREFIX) && url) {
        clearTimeout(timer);
        resolveLines({ url, token: line.slice(TOKEN_PREFIX.length).trim() });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

export interface Gate {
  /** `http://127.0.0.1:<port>`: point the web host here instead of at the backend. */
  url: string;
  /**
   * Hold requests whose path matches, after letting `after` more of them through. Replaces any earlier hold;
   * requests already waiting are judged again under the new rule, oldest first.
   */
  hold(path?: RegExp, after?: number): void;
  /** Let every held request through and stop holding. */
  release(): void;
  /** Requests waiting at the gate now. */
  held(): number;
  close(): Promise<void>;
}

/**
 * A pass-through proxy in front of `upstream` that can hold requests. When the upstream is down, it drops the
 * client's connection (as a dead backend would) instead of answering with an error status.
 */
export async function startGate(upstream: string): Promise<Gate> {
  const target = new URL(upstream);
  let rule: { path: RegExp; allowance: number } | null = null;
  let waiting: Array<{ path: string; pass: () => void }> = [];

  /** Whether a request for `path` may go through now under the current rule (uses up allowance). */
  const mayPass = (path: string) => {
    if (!rule?.path.test(path)) return true;
    if (rule.allowance <= 0) return false;
    rule.allowance--;
    return true;
  };
  const admit = (path: string) => new Promise<void>((pass) => (mayPass(path) ? pass() : waiting.push({ path, pass })));
  /** Re-apply the rule to everything waiting, oldest first (after the rule changed). */
  const reconsider = () => {
    const queue = waiting;
    waiting = [];
    for (const entry of queue) {
      if (mayPass(entry.path)) entry.pass();
      else waiting.push(entry);
    }
  };

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    out.on('error', () => req.socket.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void admit(req.url ?? '/').then(() => {
        if (!req.socket.destroyed) forward(req, Buffer.concat(chunks), res);
      });
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;

  const release = () => {
    rule = null;
    reconsider();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (path = /./, after = 0) => {
      rule = { path, allowance: after };
      reconsider();
    },
    release,
    held: () => waiting.length,
    close: async () => {
      release();
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
