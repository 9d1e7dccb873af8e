// Page object for the app chrome: the navigation, the page roots, the status slots and the <html> attributes
// the shell sets. Test ids are the renderer/e2e contract in docs/team-brief.md.
import { expect, type Locator, type Page } from '@playwright/test';

export const ROUTES = ['war-room', 'packs', 'exceptions', 'reps', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

export class AppShell {
  /** The document element: the shell sets `lang` (resolved locale) and `data-theme` (light | dark) on it. */
  readonly html: Locator;
  readonly syncStatus: Locator;
  readonly dataFreshness: Locator;

  constructor(readonly page: Page) {
    this.html = page.locator('html');
    this.syncStatus = page.getByTestId('sync-status');
    this.dataFreshness = page.getByTestId('data-freshness');
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
