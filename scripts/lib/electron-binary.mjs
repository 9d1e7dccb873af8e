// Finds the Electron binary, or tries to download it. Electron >= 42 fetches its binary lazily (on the first
// `require('electron')`) instead of at `npm ci`, so a fresh checkout may not have it yet; on a machine
// without access to Electron's download host it can never have it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capture, repoRoot } from './proc.mjs';

const electronDir = join(repoRoot, 'node_modules', 'electron');

export const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

/** Absolute path of the Electron executable if it is on disk, else null. Never downloads. */
export function findElectronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(file) ? file : null;
  }
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const file = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(file) ? file : null;
}

/**
 * The Electron executable, downloading it first (Electron's own installer) if needed.
 * Resolves with { path } or { path: null, reason } — the reason is one line for the user.
 */
export async function obtainElectronBinary({ timeoutMs = 180_000 } = {}) {
  const found = findElectronBinary();
  if (found) return { path: found };
  console.log(`Electron's binary is not on this machine yet; downloading Electron ${electronVersion} (about 100 MB, once)...`);
  const result = await capture(process.execPath, [join(electronDir, 'install.js')], { timeoutMs });
  const path = findElectronBinary();
  if (path) return { path };
  const reason = result.timedOut
    ? `the download did not finish within ${timeoutMs / 1000} s`
    : (firstErrorLine(result.output) ?? `the installer exited with code ${result.code}`);
  return { path: null, reason };
}

/** The paragraph every script prints when Electron cannot be had; `reason` is a short cause if known. */
export function electronUnavailableHelp(reason) {
  return [
    `Electron's binary could not be downloaded on this machine${reason ? ` (${reason})` : ''}.`,
    'Run `npm run web` for the same app in your browser.',
    "To use the desktop app, let this machine reach Electron's release downloads, or set ELECTRON_MIRROR",
    'to a mirror it can reach, or copy the Electron',
    'download cache from a machine where the download worked and point the electron_config_cache environment',
    'variable at it; then run the command again.',
  ].join(' ');
}

function firstErrorLine(output) {
  return output
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error|failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/i.test(line) && !line.startsWith('at '))
    ?.replace(/^\w*Error: /, '');
}
