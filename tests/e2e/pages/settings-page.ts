// Page object for Settings: the language and theme selects, and the Backend card (the backend in use, the
// URL + token form, its error, sign-out).
import type { Locator } from '@playwright/test';
import type { LocalePreference, ThemePreference } from '../../../src/shared/domain/settings';
import type { AppShell } from './app-shell';

export class SettingsPage {
  readonly locale: Locator;
  readonly theme: Locator;
  readonly backend: BackendCard;

  constructor(private readonly shell: AppShell) {
    this.locale = shell.page.getByTestId('settings-locale');
    this.theme = shell.page.getByTestId('settings-theme');
    this.backend = new BackendCard(shell);
  }

  open(): Promise<void> {
    return this.shell.goTo('settings');
  }

  async setLocale(locale: LocalePreference): Promise<void> {
    await this.locale.selectOption(locale);
  }

  async setTheme(theme: ThemePreference): Promise<void> {
    await this.theme.selectOption(theme);
  }
}

export class BackendCard {
  readonly root: Locator;
  /** "Syncing with <url>" or "not signed in". */
  readonly current: Locator;
  readonly url: Locator;
  readonly token: Locator;
  readonly save: Locator;
  readonly signOut: Locator;
  readonly purge: Locator;
  readonly error: Locator;
  /** The outcome of a successful connect or sign-out. */
  readonly result: Locator;

  constructor(shell: AppShell) {
    const { page } = shell;
    this.root = page.getByTestId('settings-backend');
    this.current = page.getByTestId('settings-backend-current');
    this.url = page.getByTestId('settings-backend-url');
    this.token = page.getByTestId('settings-backend-token');
    this.save = page.getByTestId('settings-backend-save');
    this.signOut = page.getByTestId('settings-backend-signout');
    this.purge = page.getByTestId('settings-backend-purge');
    this.error = page.getByTestId('settings-backend-error');
    this.result = page.getByTestId('settings-backend-result');
  }

  /** Fill in the form and submit it (sync.configure). */
  async connect(url: string, token: string): Promise<void> {
    await this.url.fill(url);
    await this.token.fill(token);
    await this.save.click();
  }
}
