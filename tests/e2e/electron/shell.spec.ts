// The app shell in the real desktop app: the same page objects as the web specs, driving an Electron window.
import { navLabel } from '../catalogs';
import { ROUTES } from '../pages/app-shell';
import { expect, test } from './fixtures';

test('every route is reachable from the navigation in the desktop app', async ({ shell }) => {
  await expect(shell.pageRoot('war-room')).toBeVisible();
  for (const route of ROUTES) await shell.goTo(route);
  await expect(shell.syncStatus).toBeVisible();
  await expect(shell.dataFreshness).toBeVisible();
});

test('language and theme switch in the desktop app and survive a reload', async ({ shell, settings }) => {
  await settings.open();
  await settings.setLocale('en');
  await expect(shell.html).toHaveAttribute('lang', 'en');
  for (const route of ROUTES) await expect(shell.navLink(route)).toContainText(navLabel('en', route));
  await settings.setTheme('dark');
  await expect(shell.html).toHaveAttribute('data-theme', 'dark');

  await shell.page.reload();
  await expect(shell.html).toHaveAttribute('lang', 'en');
  await expect(shell.html).toHaveAttribute('data-theme', 'dark');

  await settings.setLocale('zh-CN');
  await expect(shell.html).toHaveAttribute('lang', 'zh-CN');
  for (const route of ROUTES) await expect(shell.navLink(route)).toContainText(navLabel('zh-CN', route));
});
