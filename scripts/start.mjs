// `npm start`: the desktop app in development mode (electron-vite dev, with hot reload of the renderer).
// Electron's binary is checked first: without it nothing else can work, and the native rebuild for
// Electron would need the network too.
import { electronUnavailableHelp, obtainElectronBinary } from './lib/electron-binary.mjs';
import { bin, fail, run, spawnForwardingSignals } from './lib/proc.mjs';

const electron = await obtainElectronBinary();
if (!electron.path) fail(electronUnavailableHelp(electron.reason));

if ((await run(process.execPath, ['scripts/ensure-native.mjs', 'electron'])) !== 0) process.exit(1);

const child = spawnForwardingSignals(bin('electron-vite'), ['dev', ...process.argv.slice(2)]);
child.on('close', (code) => process.exit(code ?? 0));
