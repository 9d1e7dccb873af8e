// Playwright fixtures for the web project: every test gets its own data directory and its own web host
// process (so tests never share state), a page opened at that host, and the page objects. Options: the web
// host's extra arguments (e.g. which backend it syncs with) and a script to run in the page before the app.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Fixtures, type PlaywrightTestArgs } from '@playwright/test';
import { repoRoot, startWebHost, type WebHost } from '../helpers/web-host';
import { AppShell } from './pages/app-shell';
import { SettingsPage } from './pages/settings-page';

/** Screenshots meant for people to look at (gitignored). */
export const ARTIFACTS_DIR = resolve(repoRoot, 'tests/artifacts');

export interface PageObjects {
  shell: AppShell;
  settings: SettingsPage;
}

/** The page objects over whatever `page` a project provides: a Chromium tab here, an Electron window there. */
export const pageObjectFixtures: Fixtures<PageObjects, object, PlaywrightTestArgs> = {
  shell: async ({ page }, use) => {
    const shell = new AppShell(page);
    await shell.waitUntilReady();
    await use(shell);
  },
  settings: async ({ shell }, use) => {
    await use(new SettingsPage(shell));
  },
};

/** A fresh temporary directory for one test, removed after it. */
export async function withTempDir(prefix: string, use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface WebHostFixtures {
  /** Extra web host arguments, e.g. `--backend-url=…`; override with a fixture to derive them from others. */
  webHostArgs: string[];
  /** Source of a script run in the page before any of the app's (page.addInitScript), or null. */
  initScript: string | null;
  dataDir: string;
  webHost: WebHost;
}

export const test = base
  .extend<WebHostFixtures>({
    webHostArgs: [[], { option: true }],
    initScript: [null, { option: true }],
    // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    dataDir: async ({}, use) => withTempDir('outpost-e2e-', use),
    webHost: [
      async ({ dataDir, webHostArgs }, use, testInfo) => {
        const host = await startWebHost({ dataDir, extraArgs: webHostArgs });
        try {
          await use(host);
        } finally {
          await host.stop();
          if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('web-host-output', { body: host.output() });
        }
      },
      // Its own time budget (start + stop), not the test's: a host stopped while its embedded demo backend is
      // still seeding takes seconds to shut down cleanly.
      { timeout: 60_000 },
    ],
    page: async ({ page, webHost, initScript }, use) => {
      if (initScript) await page.addInitScript({ content: initScript });
      await page.goto(webHost.url);
      await use(page);
    },
  })
  .extend<PageObjects>(pageObjectFixtures);

export { expect } from '@playwright/test';
