// Playwright fixtures for the electron project (run by `npm run test:electron`, which sets OUTPOST_ELECTRON_PATH):
// each test launches the built desktop app with its own user-data directory, and `page` is its first window.
import { _electron as electron, test as base, type ElectronApplication } from '@playwright/test';
import { repoRoot } from '../../helpers/web-host';
import { pageObjectFixtures, withTempDir, type PageObjects } from '../fixtures';

export const test = base
  .extend<{ userDataDir: string; electronApp: ElectronApplication }>({
    // eslint-disable-next-line no-empty-pattern
    userDataDir: async ({}, use) => withTempDir('outpost-electron-e2e-', use),
    electronApp: async ({ userDataDir }, use) => {
      const executablePath = process.env.OUTPOST_ELECTRON_PATH;
      if (!executablePath) throw new Error('OUTPOST_ELECTRON_PATH is not set: run these specs with `npm run test:electron`.');
      // `.` is the repo: Electron reads package.json "main" (out/main/index.js). --user-data-dir keeps the
      // replica and settings of each test apart from the others and from the user's own.
      const app = await electron.launch({ executablePath, args: ['.', `--user-data-dir=${userDataDir}`], cwd: repoRoot });
      try {
        await use(app);
      } finally {
        await app.close();
      }
    },
    page: async ({ electronApp }, use) => {
      await use(await electronApp.firstWindow());
    },
  })
  .extend<PageObjects>(pageObjectFixtures);

export { expect } from '@playwright/test';
