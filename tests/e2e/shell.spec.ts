// The app shell in Chromium via the web host: navigation to every route, language and theme switching, that
// preferences survive a reload, and that Chinese text is drawn with the bundled Noto Sans SC font.
import { resolve } from 'node:path';
import type { Browser, BrowserContextOptions } from '@playwright/test';
import { navLabel } from './catalogs';
import { ARTIFACTS_DIR, expect, test } from './fixtures';
import { AppShell, ROUTES } from './pages/app-shell';

test('every route is reachable from the navigation and shows its page', async ({ shell }) => {
  await expect(shell.pageRoot('war-room')).toBeVisible();
  await expect(shell.page).toHaveURL(/#\/war-room$/);
  for (const route of ROUTES) {
    await shell.goTo(route);
    await expect(shell.page).toHaveURL(new RegExp(`#/${route}$`));
  }
  await expect(shell.syncStatus).toBeVisible();
  await expect(shell.dataFreshness).toBeVisible();
});

test('switching zh-CN → en → zh-CN changes <html lang> and the navigation text, and survives a reload', async ({
  shell,
  settings,
  browser,
  webHost,
}) => {
  await settings.open();

  await settings.setLocale('zh-CN');
  await expect(shell.html).toHaveAttribute('lang', 'zh-CN');
  await expectNavIn('zh-CN');

  await settings.setLocale('en');
  await expect(shell.html).toHaveAttribute('lang', 'en');
  await expectNavIn('en');

  await shell.page.reload();
  await expect(shell.html).toHaveAttribute('lang', 'en');
  await expectNavIn('en');
  await expect(settings.locale).toHaveValue('en');

  // A fresh browser context whose own language is Chinese: 'en' can only come from core's stored settings.
  await inFreshContext(browser, webHost.url, { locale: 'zh-CN' }, (other) => expect(other.html).toHaveAttribute('lang', 'en'));

  await settings.setLocale('zh-CN');
  await expect(shell.html).toHaveAttribute('lang', 'zh-CN');
  await expectNavIn('zh-CN');

  async function expectNavIn(locale: 'zh-CN' | 'en') {
    for (const route of ROUTES) await expect(shell.navLink(route)).toContainText(navLabel(locale, route));
  }
});

test('switching the theme sets html[data-theme] and survives a reload', async ({ shell, settings, browser, webHost }) => {
  await settings.open();
  await settings.setTheme('dark');
  await expect(shell.html).toHaveAttribute('data-theme', 'dark');
  await settings.setTheme('light');
  await expect(shell.html).toHaveAttribute('data-theme', 'light');

  await shell.page.reload();
  await expect(shell.html).toHaveAttribute('data-theme', 'light');
  await expect(settings.theme).toHaveValue('light');
  await inFreshContext(browser, webHost.url, { colorScheme: 'dark' }, (other) =>
    expect(other.html).toHaveAttribute('data-theme', 'light'),
  );
});

test('Chinese text uses the bundled Noto Sans SC font; screenshots in both languages', async ({ shell, settings }) => {
  await settings.open();
  await settings.setLocale('zh-CN');
  await shell.goTo('war-room');
  await expect(shell.navLink('war-room')).toContainText(navLabel('zh-CN', 'war-room'));
  // Why poll: faces load lazily, per unicode-range subset, once Chinese glyphs are laid out.
  await expect
    .poll(() =>
      shell.page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((face) => face.family.includes('Noto Sans SC') && face.status === 'loaded');
      }),
    )
    .toBe(true);
  await shell.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'shell-zh-CN.png'), fullPage: true });

  await settings.open();
  await settings.setLocale('en');
  await shell.goTo('war-room');
  await expect(shell.navLink('war-room')).toContainText(navLabel('en', 'war-room'));
  await shell.page.evaluate(() => document.fonts.ready);
  await shell.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'shell-en.png'), fullPage: true });
});

/** Open the app in a new browser context (no shared storage) and run `check` on its shell. */
async function inFreshContext(
  browser: Browser,
  url: string,
  options: BrowserContextOptions,
  check: (shell: AppShell) => Promise<void>,
) {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    await page.goto(url);
    const shell = new AppShell(page);
    await shell.waitUntilReady();
    await check(shell);
  } finally {
    await context.close();
  }
}
