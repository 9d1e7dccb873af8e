// Sync status end to end: the web host syncing with a real backend process (out/main/server-host.js). The
// initial sync shows its progress bar and ends "synced"; stopping the backend shows "offline" with the last sync
// time kept; restarting it on the same port recovers with no user action. Also: the default web host syncs with
// its embedded demo backend, and with no backend the Settings card connects to one and explains a refused token.
import { cp } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startBackend, startGate, type Backend, type Gate } from '../helpers/backend';
import { catalogs } from './catalogs';
import { ARTIFACTS_DIR, expect, test, withTempDir } from './fixtures';
import type { AppShell } from './pages/app-shell';

const SYNC_INTERVAL_MS = 1_000;
/** More than core's progress-event throttle (250 ms). */
const PROGRESS_EVENT_GAP_MS = 400;
const CHANGES = /^\/v1\/changes/;
const en = catalogs.en;

/** A catalog message with its {{placeholders}} filled in, as i18next renders it. */
function fill(message: string, values: Record<string, string> = {}): string {
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

function hostArgs(backendUrl: string, token: string): string[] {
  return [`--backend-url=${backendUrl}`, `--backend-token=${token}`, `--sync-interval-ms=${SYNC_INTERVAL_MS}`];
}

interface TraceEntry {
  state: string | null;
  progress: number | null;
  rows: number | null;
}

/**
 * Runs in the page before the app: records every change of the sync slot's data-state and of the progress bar,
 * so the test can check the whole sequence afterwards, not just the moments it happened to look.
 */
function recordSyncTrace() {
  const trace: TraceEntry[] = [];
  Object.assign(window, { __syncTrace: trace });
  const record = () => {
    const slot = document.querySelector('[data-testid="sync-status"]');
    const bar = document.querySelector('[data-testid="sync-progress"]');
    const entry = {
      state: slot?.getAttribute('data-state') ?? null,
      progress: bar ? Number(bar.getAttribute('aria-valuenow')) : null,
      rows: bar ? Number(bar.getAttribute('data-rows')) : null,
    };
    const last = trace[trace.length - 1];
    if (!last || last.state !== entry.state || last.progress !== entry.progress || last.rows !== entry.rows) trace.push(entry);
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'aria-valuenow', 'data-rows'],
  });
}

function readTrace(shell: AppShell): Promise<TraceEntry[]> {
  return shell.page.evaluate(() => (window as unknown as { __syncTrace: TraceEntry[] }).__syncTrace);
}

/** A backend per test, started from a demo dataset seeded once per worker (seeding takes seconds, a copy does not). */
const withBackend = test.extend<{ backend: Backend }, { seededBackendDir: string }>({
  seededBackendDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) =>
      withTempDir('outpost-backend-seed-', async (dir) => {
        const seeding = await startBackend({ dataDir: dir });
        await seeding.stop();
        await use(dir);
      }),
    { scope: 'worker', timeout: 120_000 },
  ],
  backend: async ({ seededBackendDir }, use, testInfo) =>
    withTempDir('outpost-backend-', async (dir) => {
      await cp(seededBackendDir, dir, { recursive: true });
      const backend = await startBackend({ dataDir: dir });
      try {
        await use(backend);
      } finally {
        await backend.stop();
        if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('backend-output', { body: backend.output() });
      }
    }),
});

/** The web host syncs through a gate that holds everything until the test lets it through. */
const gated = withBackend.extend<{ gate: Gate }>({
  gate: async ({ backend }, use) => {
    const gate = await startGate(backend.url);
    gate.hold();
    try {
      await use(gate);
    } finally {
      await gate.close();
    }
  },
  webHostArgs: async ({ gate, backend }, use) => use(hostArgs(gate.url, backend.token)),
  initScript: `(${recordSyncTrace.toString()})();`,
});

/** The web host syncs with the backend directly. */
const direct = withBackend.extend({
  webHostArgs: async ({ backend }, use) => use(hostArgs(backend.url, backend.token)),
});

/** The web host starts with no backend at all. */
const noBackend = withBackend.extend({
  // eslint-disable-next-line no-empty-pattern
  webHostArgs: async ({}, use) => use(['--no-backend', `--sync-interval-ms=${SYNC_INTERVAL_MS}`]),
});

gated('the initial sync shows its progress, then "synced"; screenshots in both languages', async ({ shell, settings, gate }) => {
  test.setTimeout(120_000);
  // Core began syncing at launch and waits at the gate for the session: the chrome says so, with no bar yet.
  await shell.waitForSyncState('syncing');
  await expect(shell.syncProgress).toHaveCount(0);

  // Let the session and the first page of changes through, then (a little later) the second, and hold the third:
  // the sync stops part-way. Core sends at most one progress event per 250 ms (a held one goes out when the
  // window ends), so the bar can lag the first page by up to that much.
  gate.hold(CHANGES, 1);
  await expect(shell.syncProgress).toBeVisible();
  await expect.poll(() => gate.held(), { message: 'core waits for the second page' }).toBe(1);
  await shell.page.waitForTimeout(PROGRESS_EVENT_GAP_MS);
  gate.hold(CHANGES, 1);
  await expect.poll(() => gate.held(), { message: 'core waits for the third page (demo scale has more than two)' }).toBe(1);
  await expect.poll(async () => Number(await shell.syncProgress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  const percent = Number(await shell.syncProgress.getAttribute('aria-valuenow'));
  expect(percent).toBeGreaterThan(0);
  expect(percent).toBeLessThan(100);
  expect(Number(await shell.syncProgress.getAttribute('data-rows'))).toBeGreaterThan(0);
  await expect(shell.syncProgress).toHaveAttribute('role', 'progressbar');
  await expect(shell.page.getByTestId('sync-progress-details')).toContainText(
    fill(en.chrome.sync.initial.rows, { rows: '' }).trim(),
  );
  await expect(shell.syncStatus).toHaveAttribute('data-state', 'syncing');

  // Screenshots of the chrome mid-sync and of the backend card, in English and Chinese.
  await settings.open();
  for (const locale of ['en', 'zh-CN'] as const) {
    await settings.setLocale(locale);
    await expect(shell.html).toHaveAttribute('lang', locale);
    await expect(settings.backend.current).toHaveText(fill(catalogs[locale].settings.backend.current.url, { url: gate.url }));
    await shell.page.evaluate(() => document.fonts.ready);
    await settings.backend.root.screenshot({ path: resolve(ARTIFACTS_DIR, `settings-backend-${locale}.png`) });
    await shell.goTo('war-room');
    await expect(shell.page.getByText(catalogs[locale].chrome.sync.initial.title)).toBeVisible();
    // The content pane keeps the settings page's scroll position; start the screenshot at the top.
    await shell.page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await shell.page.screenshot({ path: resolve(ARTIFACTS_DIR, `sync-initial-${locale}.png`) });
    await settings.open();
  }
  await settings.setLocale('en');

  // Let the rest through: the bar runs to the end and goes away, and the slot says "synced".
  gate.release();
  await shell.waitForSyncState('synced', 30_000);
  await expect(shell.syncProgress).toHaveCount(0);
  await expect(shell.dataFreshness.locator('time')).toHaveAttribute('datetime', /^\d{4}-/);

  // The whole sequence, as recorded in the page: progress only while syncing, never going backwards, then synced.
  const trace = await readTrace(shell);
  const withProgress = trace.filter((entry) => entry.progress !== null);
  expect(withProgress.length).toBeGreaterThan(0);
  expect(withProgress.every((entry) => entry.state === 'syncing')).toBe(true);
  const values = withProgress.map((entry) => entry.progress ?? 0);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  const lastProgress = trace.findLastIndex((entry) => entry.progress !== null);
  expect(trace.slice(lastProgress + 1).some((entry) => entry.state === 'synced')).toBe(true);
});

direct(
  'stopping the backend shows "offline" with the last sync time; restarting it recovers with no user action',
  async ({ shell, backend }) => {
    test.setTimeout(120_000);
    await shell.waitForSyncState('synced', 30_000);
    const syncedAt = await shell.lastSyncedAt();
    expect(syncedAt).not.toBeNull();

    await backend.stop();
    await shell.waitForSyncState('offline', 10_000);
    await expect(shell.syncStatus).toContainText(en.chrome.sync.state.offline);
    // The replica's age is still shown: the last successful sync, not "never".
    const offlineAsOf = await shell.lastSyncedAt();
    expect(offlineAsOf).not.toBeNull();
    expect(Date.parse(offlineAsOf ?? '')).toBeGreaterThanOrEqual(Date.parse(syncedAt ?? ''));
    await expect(shell.syncAge).toBeVisible();
    await expect(shell.syncError).toContainText(fill(en.chrome.sync.lastError, { message: '' }).trim());
    await expect(shell.syncRetry).toBeVisible();
    await shell.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'sync-offline-en.png') });

    // Back on the same port: core's own retries find it. Nobody clicks anything.
    await backend.restart();
    await shell.waitForSyncState('synced', 60_000);
    await expect(shell.syncRetry).toHaveCount(0);
    await expect(shell.syncError).toHaveCount(0);
    await expect.poll(async () => Date.parse((await shell.lastSyncedAt()) ?? '')).toBeGreaterThan(Date.parse(offlineAsOf ?? ''));
  },
);

test('the default web host syncs with its embedded demo backend on its own', async ({ shell, settings }) => {
  test.setTimeout(150_000);
  // The embedded backend seeds its demo data on first start, which takes a while.
  await shell.waitForSyncState('synced', 120_000);
  await expect(shell.dataFreshness.locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
  await settings.open();
  await expect(settings.backend.current).toContainText('http://127.0.0.1:');
});

noBackend(
  'with no backend, sync is off until Settings connects one; a refused token and an unreachable address are explained',
  async ({ shell, settings, backend }) => {
    test.setTimeout(90_000);
    await shell.waitForSyncState('idle');
    await expect(shell.syncStatus).toContainText(en.chrome.sync.state.notConfigured);
    await settings.open();
    await settings.setLocale('en');
    await expect(settings.backend.current).toHaveText(en.settings.backend.current.none);

    await settings.backend.connect(backend.url, 'not-a-real-token');
    await expect(settings.backend.error).toHaveText(fill(en.settings.backend.errors.UNAUTHORIZED, { url: backend.url }));

    // Nothing listens on the discard port, so the connection is refused.
    const nowhere = 'http://127.0.0.1:9';
    await settings.backend.connect(nowhere, 'token');
    await expect(settings.backend.error).toHaveText(fill(en.settings.backend.errors.UNAVAILABLE, { url: nowhere }));
    await expect(shell.page.getByTestId('connection-banner')).toHaveCount(0);
    await expect(shell.syncStatus).toHaveAttribute('data-state', 'idle');

    await settings.backend.connect(backend.url, backend.token);
    await expect(settings.backend.result).toBeVisible();
    await expect(settings.backend.error).toHaveCount(0);
    await expect(settings.backend.token).toHaveValue('');
    await shell.waitForSyncState('synced', 30_000);
    await expect(settings.backend.current).toHaveText(fill(en.settings.backend.current.url, { url: backend.url }));

    await settings.backend.signOut.click();
    await shell.waitForSyncState('idle');
    await expect(settings.backend.current).toHaveText(en.settings.backend.current.none);
    await expect(settings.backend.signOut).toBeDisabled();
  },
);
