// Stopping a web host whose embedded demo backend is still seeding (first launch, ~10 s): it exits within
// seconds instead of waiting for the seed, and leaves no backend process behind. Behaviour bounds, not a
// benchmark: the limits are generous for a loaded machine. The second test runs the built host (out/main).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedBackendStartAborted, startEmbeddedBackend } from '../../../src/core/host/embedded-backend';
import { tempDir } from '../../helpers/transports';
import { repoRoot, webHostEntry } from '../../helpers/web-host';

const STOP_BOUND_MS = 3_000;
const dir = tempDir('outpost-web-host-stop-');
afterAll(() => dir.remove());

/** Direct children of `pid` (Linux /proc), with their command lines. */
function childrenOf(pid: number): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of text.split(' ').filter(Boolean).map(Number)) {
      found.push({ pid: child, cmdline: cmdlineOf(child) });
    }
  }
  return found;
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stopping a host while its embedded backend seeds', () => {
  it('startEmbeddedBackend: aborting the startup kills the seeding backend at once', async () => {
    const dataDir = join(dir.path, 'direct-backend');
    const controller = new AbortController();
    const starting = startEmbeddedBackend({
      entry: 'src/server/main.ts',
      execArgv: ['--import', 'tsx'],
      dataDir,
      liveIntervalMs: null,
      signal: controller.signal,
    });
    const outcome = starting.then(
      () => 'started' as const,
      (err: unknown) => err,
    );
    const backend = await waitFor(
      'the backend process',
      () => childrenOf(process.pid).find((c) => c.cmdline.includes(dataDir)),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // well into its startup (the demo seed takes longer)
    const t0 = Date.now();
    controller.abort();
    const result = await outcome;
    expect(result).toBeInstanceOf(EmbeddedBackendStartAborted);
    expect(Date.now() - t0).toBeLessThan(STOP_BOUND_MS);
    expect(isRunning(backend.pid)).toBe(false);
  });

  it('the built web host exits within seconds on SIGTERM and leaves no backend process', async () => {
    if (!existsSync(webHostEntry)) throw new Error(`${webHostEntry} is missing: run \`npx electron-vite build\` first.`);
    const dataDir = join(dir.path, 'web-host'); // fresh: the embedded backend seeds its demo data first
    const host = spawn(
      process.execPath,
      [webHostEntry, `--data-dir=${dataDir}`, '--port=0', `--renderer-dir=${resolve(repoRoot, 'out/renderer')}`],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    host.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => host.once('exit', (code) => done(code)));
    try {
      await waitFor('OUTPOST_WEB_URL', () => (output.includes('OUTPOST_WEB_URL=') ? true : undefined), 30_000).catch(
        (err: unknown) => {
          throw new Error(`${String(err)}; host output:\n${output}`);
        },
      );
      const backend = await waitFor(
        'the embedded backend process',
        () => childrenOf(host.pid ?? 0).find((c) => c.cmdline.includes('server-host.js')),
        30_000,
      );
      const t0 = Date.now();
      host.kill('SIGTERM');
      const code = await exited;
      expect(Date.now() - t0, `host output:\n${output}`).toBeLessThan(STOP_BOUND_MS);
      expect(code).toBe(0);
      // The backend was the host's child: once the host is gone it must be too (not re-parented and seeding on).
      await waitFor('the backend to be gone', () => (isRunning(backend.pid) ? undefined : true), 2_000).catch(() => undefined);
      expect(isRunning(backend.pid), `backend ${backend.cmdline} still runs`).toBe(false);
      expect(output).not.toMatch(/embedded backend could not start/); // a deliberate stop is not reported as a failure
    } finally {
      if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    }
  });
});
