// Page object for the app chrome: the navigation, the page roots, the status slots (sync state, progress,
// retry) and the <html> attributes the shell sets. Test ids are the renderer/e2e contract in docs/team-brief.md.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SyncState } from '../../../src/shared/domain/sync-status';

export const ROUTES = ['war-room', 'packs', 'exceptions', 'reps', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export class AppShell {
  /** The document element: the shell sets `lang` (resolved locale) and `data-theme` (light | dark) on it. */
  readonly html: Locator;
  readonly syncStatus: Locator;
  readonly dataFreshness: Locator;
  /** The initial-sync progress bar (role=progressbar, aria-valuenow 0–100, data-rows). */
  readonly syncProgress: Locator;
  readonly syncRetry: Locator;
  readonly syncError: Locator;
  /** "updated 3 minutes ago". */
  readonly syncAge: Locator;
  readonly syncPending: Locator;

  constructor(readonly page: Page) {
    this.html = page.locator('html');
    this.syncStatus = page.getByTestId('sync-status');
    this.dataFreshness = page.getByTestId('data-freshness');
    this.syncProgress = page.getByTestId('sync-progress');
    this.syncRetry = page.getByTestId('sync-retry');
    this.syncError = page.getByTestId('sync-error');
    this.syncAge = page.getByTestId('sync-age');
    this.syncPending = page.getByTestId('sync-pending');
  }

  /** Wait until the raw sync state (data-state, i.e. SyncStatus.state) is `state`. */
  async waitForSyncState(state: SyncState, timeout?: number): Promise<void> {
    await expect(this.syncStatus).toHaveAttribute('data-state', state, { timeout });
  }

  /** The as-of time the freshness slot shows (its <time datetime>), or null when never synced. */
  lastSyncedAt(): Promise<string | null> {
    return this.dataFreshness
      .locator('time')
      .getAttribute('datetime', { timeout: 1_000 })
      .catch(() => null);
  }

  navLink(route: Route): Locator {
    return this.page.getByTestId(`nav-${route}`);
  }

  pageRoot(route: Route): Locator {
    return this.page.getByTestId(`page-${route}`);
  }

  /** Follow the nav link and wait until the route's page is shown. */
  async goTo(route: Route): Promise<void> {
    await this.navLink(route).click();
    await expect(this.pageRoot(route)).toBeVisible();
  }

  /** Wait until the shell has rendered (the default route is the war room). */
  async waitUntilReady(): Promise<void> {
    await expect(this.navLink('war-room')).toBeVisible();
  }
}
