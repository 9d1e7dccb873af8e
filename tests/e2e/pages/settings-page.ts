// Page object for Settings: the language and theme selects.
import type { Locator } from '@playwright/test';
import type { LocalePreference, ThemePreference } from '../../../src/shared/domain/settings';
import type { AppShell } from './app-shell';

export class SettingsPage {
  readonly locale: Locator;
  readonly theme: Locator;

  constructor(private readonly shell: AppShell) {
    this.locale = shell.page.getByTestId('settings-locale');
    this.theme = shell.page.getByTestId('settings-theme');
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
