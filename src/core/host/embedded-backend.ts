// Starts the embedded demo backend (the reference server on PGlite, with demo data and live updates) as a
// child process, for hosts that have no backend configured. Core never imports the server: it runs its built
// entry by path, the same way main runs core. A host that closes while the backend still seeds stops it at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EmbeddedBackendOptions {
  /** The server entry to run (out/main/server-host.js next to the host bundle). */
  entry: string;
  /** PGlite data directory, created and seeded on first use and reused afterwards. */
  dataDir: string;
  /** Interval of live demo writes in ms, or null for a still dataset. */
  liveIntervalMs: number | null;
  /** Extra Node flags (tests run the TypeScript entry through tsx). */
  execArgv?: readonly string[];
  startTimeoutMs?: number;
  /**
   * Aborting it during startup (the first launch seeds the demo data for ~10 s) kills the child at once and
   * rejects: a host shutting down must not wait for a backend it is about to stop.
   */
  signal?: AbortSignal;
}

export interface EmbeddedBackend {
  url: string;
  /** The demo director's token. */
  token: string;
  stop(): Promise<void>;
}

export async function startEmbeddedBackend(options: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
  if (options.signal?.aborted) throw new EmbeddedBackendStartAborted('The host closed before the embedded backend started');
  const args = [
    ...(options.execArgv ?? []),
    options.entry,
    `--data-dir=${options.dataDir}`,
    '--scale=demo',
    '--exit-with-parent',
  ];
  if (options.liveIntervalMs !== null) args.push(`--live=${options.liveIntervalMs}`);
  // In Electron's utility process execPath is the Electron binary: ELECTRON_RUN_AS_NODE makes it plain Node.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines = await readStartupLines(child, options.startTimeoutMs ?? 60_000, options.signal);
  return {
    url: lines.url,
    token: lines.token,
    stop: () => stopChild(child),
  };
}

/** Thrown by startEmbeddedBackend when its signal aborted the startup (the host is closing): not a failure. */
export class EmbeddedBackendStartAborted extends Error {
  override name = 'EmbeddedBackendStartAborted';
}

function readStartupLines(child: ChildProcess, timeoutMs: number, signal?: AbortSignal): Promise<{ url: string; token: string }> {
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let stderr = '';
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      child.removeAllListeners('exit');
    };
    // Why SIGKILL rather than SIGTERM: before it prints its URL the server has no signal handler yet (SIGTERM would
    // end it just as abruptly), and its seed is one transaction, so the next start finds an empty store and seeds.
    // Rejects once the child is gone, so a caller that awaited it leaves no process behind.
    const fail = (error: Error) => {
      settle();
      if (child.exitCode !== null || child.signalCode !== null) return reject(error);
      child.once('exit', () => reject(error));
      child.kill('SIGKILL');
    };
    const failWith = (message: string) =>
      fail(new Error(`${message}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`));
    const abort = () => fail(new EmbeddedBackendStartAborted('The embedded backend was stopped while it was starting'));
    const timer = setTimeout(() => failWith(`The embedded backend did not start within ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.once('exit', (code) => failWith(`The embedded backend exited during startup (code ${code})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('OUTPOST_SERVER_URL=')) url = line.slice('OUTPOST_SERVER_URL='.length);
      if (line.startsWith('OUTPOST_DEMO_TOKEN=') && url) {
        settle();
        resolve({ url, token: line.slice('OUTPOST_DEMO_TOKEN='.length) });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
