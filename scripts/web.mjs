// `npm run web`: the same app in your browser. Builds, then runs the web host (core plus the renderer, served
// on 127.0.0.1) on a data directory of its own, prints the address and opens it when there is a display.
// Usage: npm run web [-- --data-dir=<dir>] [-- --port=<n>]   (OUTPOST_DATA_DIR also sets the data directory)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { bin, fail, hasCommand, repoRoot, run, spawnForwardingSignals } from './lib/proc.mjs';

const URL_PREFIX = 'OUTPOST_WEB_URL=';
const { dataDir, hostArgs } = parseArgs(process.argv.slice(2));

if ((await run(process.execPath, ['scripts/ensure-native.mjs', 'node'])) !== 0) process.exit(1);
console.log('Building Outpost...');
if ((await run(bin('electron-vite'), ['build'])) !== 0) fail('The build failed (see above); the web host was not started.');

const entry = join(repoRoot, 'out', 'main', 'web-host.js');
if (!existsSync(entry)) fail(`The build did not produce ${entry}; the web host cannot start.`);
mkdirSync(dataDir, { recursive: true });

const host = spawnForwardingSignals(process.execPath, [entry, `--data-dir=${dataDir}`, ...hostArgs], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
createInterface({ input: host.stdout }).on('line', (line) => {
  if (!line.startsWith(URL_PREFIX)) return console.log(line);
  const url = line.slice(URL_PREFIX.length);
  console.log(`\nOutpost is running at:\n\n  ${url}\n\nData directory: ${dataDir}\nPress Ctrl+C to stop.\n`);
  openInBrowser(url);
});
// Stopped by Ctrl+C or a TERM is a normal end; any other signal is a crash.
host.on('close', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));

/** `--data-dir=<dir>` / `--data-dir <dir>` win over OUTPOST_DATA_DIR; every other argument goes to the host. */
function parseArgs(args) {
  let dir = process.env.OUTPOST_DATA_DIR || join(repoRoot, '.outpost-data', 'web');
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--data-dir=')) dir = args[i].slice('--data-dir='.length);
    else if (args[i] === '--data-dir' && args[i + 1]) dir = args[++i];
    else rest.push(args[i]);
  }
  return { dataDir: resolve(dir), hostArgs: rest };
}

/** Best effort: open the URL in the default browser when a person is likely looking; never fails. */
function openInBrowser(url) {
  if (process.env.CI) return;
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && hasCommand('xdg-open')
          ? ['xdg-open', [url]]
          : null;
  if (!opener) return;
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
