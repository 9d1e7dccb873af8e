// Starts the embedded demo backend (the reference server on PGlite, with demo data and live updates) as a
// child process, for hosts that have no backend configured. Core never imports the server: it runs its built
// entry by path, the same way main runs core.
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
}

export interface EmbeddedBackend {
  url: string;
  /** The demo director's token. */
  token: string;
  stop(): Promise<void>;
}

export async function startEmbeddedBackend(options: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
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
  const lines = await readStartupLines(child, options.startTimeoutMs ?? 60_000);
  return {
    url: lines.url,
    token: lines.token,
    stop: () => stopChild(child),
  };
}

function readStartupLines(child: ChildProcess, timeoutMs: number): Promise<{ url: string; token: string }> {
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let stderr = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`));
    };
    const timer = setTimeout(() => fail(`The embedded backend did not start within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.once('exit', (code) => fail(`The embedded backend exited during startup (code ${code})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('OUTPOST_SERVER_URL=')) url = line.slice('OUTPOST_SERVER_URL='.length);
      if (line.startsWith('OUTPOST_DEMO_TOKEN=') && url) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
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
