// Small process helpers shared by the scripts: run a command, capture its output, fail with one paragraph.
// Scripts print plain sentences to users, never stack traces.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path of a package binary installed in node_modules/.bin. */
export function bin(name) {
  return join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

/**
 * Run a command with the terminal attached; resolves with its exit code (1 if it was killed by a signal
 * or could not start). `timeoutMs` kills it after that long.
 */
export function run(cmd, args, { cwd = repoRoot, env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: 'inherit', shell: process.platform === 'win32' });
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGTERM'), timeoutMs) : undefined;
    child.on('error', (err) => {
      console.error(`Could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/**
 * Start a long-running child (a dev server, the web host) and pass SIGINT/SIGTERM on to it, so stopping the
 * script stops the child cleanly. Returns the ChildProcess; the caller decides what its exit means.
 */
export function spawnForwardingSignals(cmd, args, { cwd = repoRoot, env = process.env, stdio = 'inherit' } = {}) {
  const child = spawn(cmd, args, { cwd, env, stdio, shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => fail(`Could not start ${cmd}: ${err.message}`));
  return child;
}

/** Run a command quietly; resolves with { code, signal, output, timedOut }; output is stdout and stderr interleaved. */
export function capture(cmd, args, { cwd = repoRoot, env = process.env, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => ((timedOut = true), child.kill('SIGTERM')), timeoutMs) : undefined;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: 1, signal: null, output: `${output}${err.message}\n`, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}

/** Print one paragraph (plain sentences, no stack trace) to stderr and exit with `code`. */
export function fail(paragraph, code = 1) {
  console.error(`\n${paragraph}\n`);
  process.exit(code);
}

/** Whether `name` is a command on PATH. */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** "4.2 s" or "2 min 05 s". */
export function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** The last `n` meaningful lines of a tool's output for an error message: no stack frames, no blank lines. */
export function tail(output, n = 12) {
  const lines = output.split('\n').filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return lines.slice(-n).join('\n');
}
