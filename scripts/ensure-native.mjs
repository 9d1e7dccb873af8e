// Makes better-sqlite3's native build match the runtime that will load it: `node` (tests, web host) or
// `electron` (desktop app). A marker file next to the build records which runtime it is for, so switching
// back and forth rebuilds only when needed, in either order.  Usage: node scripts/ensure-native.mjs <node|electron>
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronVersion } from './lib/electron-binary.mjs';
import { bin, capture, fail, formatDuration, tail } from './lib/proc.mjs';

const moduleDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const markerFile = join(moduleDir, 'build', 'outpost-runtime.json');
const BUILD_TOOLS = 'Building it needs python3, make and a C++ compiler (Debian: apt-get install -y python3 make g++).';

const target = process.argv[2];
if (target === 'node') await ensureNode();
else if (target === 'electron') await ensureElectron();
else fail('Usage: node scripts/ensure-native.mjs <node|electron>', 2);

async function ensureNode() {
  const wanted = { runtime: 'node', abi: process.versions.modules };
  const probe = await probeNode();
  if (probe.ok) return writeMarker(wanted);
  if (!probe.rebuildable) {
    fail(
      `better-sqlite3 does not load under Node ${process.version} (${probe.reason}), and rebuilding would not fix that. Check that package-lock.json pins better-sqlite3 12.x (13.x crashes under Node 20) and run \`npm ci\` again.`,
    );
  }
  console.log(
    `better-sqlite3 is built for ${describe(readMarker())}; rebuilding it for Node ${process.version} (1-2 minutes)...`,
  );
  const started = Date.now();
  const result = await capture('npm', ['rebuild', 'better-sqlite3']);
  if (result.code !== 0 || !(await probeNode()).ok) {
    fail(
      `Rebuilding better-sqlite3 for Node ${process.version} failed. ${BUILD_TOOLS} The build said:\n\n${tail(result.output)}`,
    );
  }
  writeMarker(wanted);
  console.log(`better-sqlite3 rebuilt for Node in ${formatDuration(Date.now() - started)}.`);
}

async function ensureElectron() {
  const wanted = { runtime: 'electron', version: electronVersion };
  if (markerMatches(wanted)) return;
  console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion} (downloads Electron's headers; 1-2 minutes)...`);
  const started = Date.now();
  // Why the backup: node-gyp deletes build/ before it fetches headers, so a failed rebuild (e.g. no network)
  // would leave no binary at all and break the Node build that tests and the web host were using.
  const backup = backUpBinary();
  const result = await capture(bin('electron-rebuild'), ['-f', '-w', 'better-sqlite3', '--version', electronVersion]);
  if (result.code !== 0 || !existsSync(binary)) {
    restoreBinary(backup);
    fail(
      `Rebuilding better-sqlite3 for Electron ${electronVersion} failed. It downloads Electron's headers, so this machine needs to reach Electron's header downloads (or set ELECTRON_REBUILD_DIST_URL to a mirror of them). ${BUILD_TOOLS} The build said:\n\n${tail(result.output)}`,
    );
  }
  removeBackup(backup);
  writeMarker(wanted);
  console.log(`better-sqlite3 rebuilt for Electron in ${formatDuration(Date.now() - started)}.`);
}

/** Load better-sqlite3 in a fresh Node and open an in-memory database. */
async function probeNode() {
  const script = `require(${JSON.stringify(moduleDir)})(':memory:').close()`;
  const { code, signal, output } = await capture(process.execPath, ['-e', script]);
  if (code === 0) return { ok: true };
  if (signal) return { ok: false, rebuildable: false, reason: `it crashed with ${signal}` };
  // A build for another ABI, or no build at all: both are fixed by building from source.
  const rebuildable = /NODE_MODULE_VERSION|Could not locate the bindings file|invalid ELF header|wrong ELF class/.test(output);
  const reason =
    output
      .split('\n')
      .find((line) => /Error/.test(line))
      ?.trim() ?? `exit code ${code}`;
  return { ok: false, rebuildable, reason };
}

/** The marker also records the binary's size and mtime, so a rebuild done by hand invalidates it. */
function fingerprint() {
  if (!existsSync(binary)) return null;
  const { size, mtimeMs } = statSync(binary);
  return { size, mtimeMs };
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(markerFile, 'utf8'));
  } catch {
    return null;
  }
}

function writeMarker(wanted) {
  writeFileSync(markerFile, `${JSON.stringify({ ...wanted, binary: fingerprint() }, null, 2)}\n`);
}

function markerMatches(wanted) {
  const marker = readMarker();
  const current = fingerprint();
  return (
    marker !== null &&
    current !== null &&
    Object.entries(wanted).every(([key, value]) => marker[key] === value) &&
    marker.binary?.size === current.size &&
    marker.binary?.mtimeMs === current.mtimeMs
  );
}

function describe(marker) {
  if (marker?.runtime === 'electron') return `Electron ${marker.version}`;
  if (marker?.runtime === 'node') return `another Node (ABI ${marker.abi})`;
  return 'another runtime';
}

function backUpBinary() {
  if (!existsSync(binary)) return null;
  const copy = join(moduleDir, 'better_sqlite3.node.outpost-backup'); // outside build/, which the rebuild wipes
  copyFileSync(binary, copy);
  return copy;
}

function restoreBinary(copy) {
  if (!copy) return;
  mkdirSync(dirname(binary), { recursive: true });
  copyFileSync(copy, binary);
  removeBackup(copy);
}

function removeBackup(copy) {
  if (copy) rmSync(copy, { force: true });
}
