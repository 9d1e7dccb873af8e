// Installs the system packages the tests need (Debian names) when they are missing: as root with apt-get it
// installs them; otherwise it says what to install and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { capture, fail, hasCommand, tail } from './lib/proc.mjs';

// The list. To add a package, add one line.
const PACKAGES = [
  { name: 'chromium', why: 'the browser end-to-end tests drive', present: () => hasChromium() },
  { name: 'poppler-utils', why: 'pdftotext/pdffonts for PDF checks', present: () => hasCommand('pdftotext') },
  { name: 'fonts-noto-cjk', why: 'a Chinese system font', present: () => hasDeb('fonts-noto-cjk') || hasFont('Noto Sans CJK') },
  { name: 'postgresql', why: 'the backend suite against a real PostgreSQL', present: () => hasDeb('postgresql') },
];

const missing = PACKAGES.filter((pkg) => !pkg.present());
if (missing.length === 0) {
  console.log(`System packages present: ${PACKAGES.map((pkg) => pkg.name).join(', ')}.`);
  process.exit(0);
}

const names = missing.map((pkg) => pkg.name);
const list = missing.map((pkg) => `${pkg.name} (${pkg.why})`).join(', ');
if (process.getuid?.() !== 0 || !hasCommand('apt-get')) {
  fail(
    `Missing system packages: ${list}. Install them, then run the command again. On Debian/Ubuntu:\n\n  sudo apt-get install -y ${names.join(' ')}\n\nElsewhere install your system's equivalents (for the browser, \`npx playwright install chromium\` also works).`,
  );
}

console.log(`Installing missing system packages: ${list}...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...names]]) {
  const result = await capture('apt-get', args, { env });
  if (result.code !== 0) fail(`\`apt-get ${args.join(' ')}\` failed. It said:\n\n${tail(result.output)}`);
}
const stillMissing = missing.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
if (stillMissing.length > 0) fail(`apt-get reported success, but these are still missing: ${stillMissing.join(', ')}.`);
console.log(`Installed: ${names.join(', ')}.`);

function hasDeb(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function hasFont(family) {
  const result = spawnSync('fc-list', [], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes(family);
}

/** Debian's Chromium (what playwright.config.ts prefers), or Playwright's own download. */
function hasChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  const { chromium } = createRequire(import.meta.url)('playwright-core');
  return existsSync(chromium.executablePath());
}
