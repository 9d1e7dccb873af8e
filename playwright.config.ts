// End-to-end tests. The `web` project drives the web host (out/main/web-host.js, one per test) in Chromium:
// Debian's /usr/bin/chromium when present (Playwright's browser download fails on the build machines),
// Playwright's own otherwise. The `electron` project exists only under `npm run test:electron`.
import { existsSync } from 'node:fs';
import { defineConfig, type Project } from '@playwright/test';

/** Also used by the benches (tests/bench/lib/browser.ts), so both drive the same browser the same way. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const web: Project = {
  name: 'web',
  testIgnore: 'electron/**',
  use: {
    browserName: 'chromium',
    launchOptions: existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS } : {},
  },
};

// Set by scripts/electron-e2e.mjs once it has the Electron binary, so a plain `playwright test` never tries it.
const electron: Project = { name: 'electron', testMatch: 'electron/**/*.spec.ts' };

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/artifacts/test-results',
  projects: process.env.OUTPOST_E2E_ELECTRON ? [web, electron] : [web],
  workers: 2,
  retries: 0,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
