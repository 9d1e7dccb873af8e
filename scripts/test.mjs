// `npm test`: the whole suite, in order, stopping at the first failure, then a summary with each step's wall
// time and the test counts. CI judges by the exit code.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './lib/electron-binary.mjs';
import { bin, formatDuration, repoRoot, run } from './lib/proc.mjs';

const VITEST_REPORT = join(repoRoot, 'tests', 'artifacts', 'vitest-report.json');
const PLAYWRIGHT_REPORT = join(repoRoot, 'tests', 'artifacts', 'playwright-report.json');
const node = process.execPath;

const steps = [
  { name: 'system packages', cmd: node, args: ['scripts/system-deps.mjs'] },
  { name: 'native module for Node', cmd: node, args: ['scripts/ensure-native.mjs', 'node'] },
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint and format', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  // Before vitest: a few integration tests run the built hosts (out/main) as the user would.
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
  {
    name: 'unit and integration (vitest)',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`],
    counts: () => vitestCounts(VITEST_REPORT),
  },
  {
    name: 'end-to-end in Chromium (playwright)',
    cmd: bin('playwright'),
    args: ['test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_REPORT },
    counts: () => playwrightCounts(PLAYWRIGHT_REPORT),
  },
];
// Electron end-to-end runs only where the binary is already on disk (`npm start` or `npm run test:electron`
// downloads it); elsewhere it is reported as not run, never as passed.
const electronStep = { name: 'end-to-end in Electron', cmd: node, args: ['scripts/electron-e2e.mjs'] };
const electronBinary = findElectronBinary();
if (electronBinary) steps.push(electronStep);

rmSync(VITEST_REPORT, { force: true });
rmSync(PLAYWRIGHT_REPORT, { force: true });

const started = Date.now();
const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}`);
  const stepStarted = Date.now();
  const code = await run(step.cmd, step.args, { env: { ...process.env, ...step.env } });
  const result = { step, ok: code === 0, ms: Date.now() - stepStarted, counts: step.counts?.() ?? null };
  results.push(result);
  if (!result.ok) break;
}
printSummary();

function printSummary() {
  const failed = results.find((r) => !r.ok);
  const width = Math.max(...steps.map((s) => s.name.length));
  console.log('\n=== Summary');
  for (const step of steps) {
    const r = results.find((x) => x.step === step);
    const status = !r ? 'not run' : r.ok ? 'ok' : 'FAILED';
    const time = r ? formatDuration(r.ms).padStart(10) : ''.padStart(10);
    const counts = r?.counts ? `  ${formatCounts(r.counts)}` : '';
    console.log(`  ${step.name.padEnd(width)}  ${status.padEnd(7)} ${time}${counts}`);
  }
  const electron = results.find((r) => r.step === electronStep);
  const electronNote = !electronBinary
    ? 'NOT RUN (Electron binary unavailable)'
    : !electron
      ? 'NOT RUN (an earlier step failed)'
      : electron.ok
        ? 'PASSED'
        : 'FAILED';
  console.log(`Electron end-to-end: ${electronNote}`);

  const total = results.reduce(
    (sum, r) => ({
      passed: sum.passed + (r.counts?.passed ?? 0),
      failed: sum.failed + (r.counts?.failed ?? 0),
      skipped: sum.skipped + (r.counts?.skipped ?? 0),
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const verdict = failed ? `FAILED at "${failed.step.name}"` : 'PASSED';
  console.log(`npm test: ${verdict} in ${formatDuration(Date.now() - started)}; tests: ${formatCounts(total)}`);
  process.exitCode = failed ? 1 : 0;
}

function formatCounts({ passed, failed, skipped }) {
  return [`${passed} passed`, `${failed} failed`, ...(skipped ? [`${skipped} skipped`] : [])].join(', ');
}

/** Counts from vitest's JSON reporter (Jest-compatible fields). */
function vitestCounts(file) {
  const report = readJson(file);
  if (!report) return null;
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

/** Counts from Playwright's JSON reporter; a flaky test (passed on retry) counts as passed, retries are 0 anyway. */
function playwrightCounts(file) {
  const stats = readJson(file)?.stats;
  if (!stats) return null;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
