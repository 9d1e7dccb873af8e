// Starts the built web host (out/main/web-host.js) as a child process on a data directory and returns its URL
// once it prints `OUTPOST_WEB_URL=...`; stop() ends it with SIGTERM (SIGKILL if it hangs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const webHostEntry = resolve(repoRoot, 'out/main/web-host.js');
const URL_PREFIX = 'OUTPOST_WEB_URL=';
/**
 * How long a SIGTERM'd host may take before SIGKILL. A host stops its embedded backend at once, even mid-seeding
 * (tests/integration/web-host/web-host-stop.test.ts); the margin is for a loaded machine, because a SIGKILL would
 * orphan the backend, which keeps writing into the data directory the test is about to delete.
 */
const STOP_GRACE_MS = 15_000;

export interface WebHost {
  /** `http://127.0.0.1:<port>/#token=<secret>`, ready to open. */
  url: string;
  /** Everything the host printed so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WebHostOptions {
  dataDir: string;
  /** How long to wait for the URL line. */
  timeoutMs?: number;
  extraArgs?: string[];
}

export async function startWebHost({ dataDir, timeoutMs = 20_000, extraArgs = [] }: WebHostOptions): Promise<WebHost> {
  if (!existsSync(webHostEntry)) throw new Error(`${webHostEntry} is missing: run \`npx electron-vite build\` first.`);
  const args = [
    webHostEntry,
    `--data-dir=${dataDir}`,
    '--port=0',
    `--renderer-dir=${resolve(repoRoot, 'out/renderer')}`,
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise<string>((resolveUrl, reject) => {
    const fail = (why: string) => {
      void stop();
      reject(new Error(`web host ${why}. Its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed no ${URL_PREFIX} line within ${timeoutMs} ms`), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (!line.startsWith(URL_PREFIX)) return;
      clearTimeout(timer);
      resolveUrl(line.slice(URL_PREFIX.length).trim());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`exited before it was ready (code ${code}, signal ${signal})`);
    });
  });

  return { url, output: () => output, stop };
}
