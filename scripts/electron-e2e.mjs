// `npm run test:electron`: the end-to-end specs (tests/e2e/electron) against the real desktop app. Where the
// Electron binary cannot be had it prints NOT RUN and exits 0: it never reports a pass for specs it did not run.
import { electronUnavailableHelp, obtainElectronBinary } from './lib/electron-binary.mjs';
import { bin, hasCommand, run } from './lib/proc.mjs';

const electron = await obtainElectronBinary();
if (!electron.path) {
  console.log(`Electron end-to-end: NOT RUN (Electron binary unavailable)\n\n${electronUnavailableHelp(electron.reason)}`);
  process.exit(0);
}

if ((await run(process.execPath, ['scripts/ensure-native.mjs', 'electron'])) !== 0) process.exit(1);
if ((await run(bin('electron-vite'), ['build'])) !== 0) process.exit(1);

// The electron project exists only with OUTPOST_E2E_ELECTRON set (see playwright.config.ts). Electron needs a
// display: without one, run it inside a virtual X server when xvfb-run is installed.
const env = { ...process.env, OUTPOST_E2E_ELECTRON: '1', OUTPOST_ELECTRON_PATH: electron.path };
const playwright = [bin('playwright'), 'test', '--project=electron', ...process.argv.slice(2)];
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && hasCommand('xvfb-run');
const code = headless
  ? await run('xvfb-run', ['-a', ...playwright], { env })
  : await run(playwright[0], playwright.slice(1), { env });
console.log(`Electron end-to-end: ${code === 0 ? 'PASSED' : 'FAILED'}`);
process.exit(code);
