// @vitest-environment jsdom
// Settings page: language and theme are persisted through core, applied live to <html lang>/<html data-theme>
// and the visible text, followed when another window changes them, and rolled back when core refuses.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings';
import { renderApp, resetDocument } from './helpers/render-app';

afterEach(() => {
  cleanup();
  resetDocument();
  vi.unstubAllGlobals();
});

const html = document.documentElement;

/** A controllable prefers-color-scheme media query. */
function stubColorScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: dark,
    media: '(prefers-color-scheme: dark)',
    addEventListener: (_: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    set(next: boolean) {
      query.matches = next;
      for (const fn of listeners) fn();
    },
  };
}

async function openSettings(settings: { locale: 'system' | 'zh-CN' | 'en'; theme: 'system' | 'light' | 'dark' }) {
  const app = renderApp({ route: '/settings', settings });
  await screen.findByTestId('page-settings');
  return app;
}

describe('settings page', () => {
  it('switching the language persists it and changes <html lang> and the visible text', async () => {
    const { core } = await openSettings({ locale: 'en', theme: 'light' });
    expect(html.lang).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    expect(screen.getByTestId('nav-packs').textContent).toBe('Weekly packs');

    fireEvent.change(screen.getByTestId('settings-locale'), { target: { value: 'zh-CN' } });

    await waitFor(() => expect(html.lang).toBe('zh-CN'));
    expect(core.callsOf('settings.update')).toEqual([{ locale: 'zh-CN' }]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设置');
    expect(screen.getByTestId('nav-packs').textContent).toBe('数据周会');
    expect((screen.getByTestId('settings-locale') as HTMLSelectElement).value).toBe('zh-CN');
    expect(document.title).toBe('Outpost');
  });

  it('"system" language follows the OS language list', async () => {
    vi.stubGlobal('navigator', { ...navigator, languages: ['zh-TW', 'en'], language: 'zh-TW' });
    await openSettings({ locale: 'system', theme: 'light' });
    await waitFor(() => expect(html.lang).toBe('zh-CN'));
    expect(screen.getByRole('option', { name: '跟随系统（简体中文）' })).toBeTruthy();
  });

  it('switching the theme persists it and sets data-theme', async () => {
    stubColorScheme(false);
    const { core } = await openSettings({ locale: 'en', theme: 'light' });
    expect(html.dataset.theme).toBe('light');

    fireEvent.change(screen.getByTestId('settings-theme'), { target: { value: 'dark' } });
    await waitFor(() => expect(html.dataset.theme).toBe('dark'));
    expect(core.callsOf('settings.update')).toEqual([{ theme: 'dark' }]);
    expect(core.settings.theme).toBe('dark');
  });

  it('"system" theme follows prefers-color-scheme live', async () => {
    const scheme = stubColorScheme(true);
    await openSettings({ locale: 'en', theme: 'system' });
    await waitFor(() => expect(html.dataset.theme).toBe('dark'));
    expect(screen.getByRole('option', { name: 'Follow system (Dark)' })).toBeTruthy();
    act(() => scheme.set(false));
    await waitFor(() => expect(html.dataset.theme).toBe('light'));
  });

  it('follows a change made in another window (settings.changed)', async () => {
    const { core } = await openSettings({ locale: 'en', theme: 'light' });
    act(() => core.emit('settings.changed', { ...DEFAULT_SETTINGS, locale: 'zh-CN', theme: 'dark' }));
    await waitFor(() => expect(html.lang).toBe('zh-CN'));
    expect(html.dataset.theme).toBe('dark');
    expect((screen.getByTestId('settings-theme') as HTMLSelectElement).value).toBe('dark');
  });

  it('rolls back and explains when core refuses the change', async () => {
    const { core } = await openSettings({ locale: 'en', theme: 'light' });
    core.failNext('settings.update', { code: 'CONFLICT', message: 'busy' });
    fireEvent.change(screen.getByTestId('settings-theme'), { target: { value: 'dark' } });
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The setting could not be saved. This was changed elsewhere at the same time. Please try again.',
    );
    expect(html.dataset.theme).toBe('light');
    expect((screen.getByTestId('settings-theme') as HTMLSelectElement).value).toBe('light');
  });

  it('shows the app and replica schema versions', async () => {
    await openSettings({ locale: 'en', theme: 'light' });
    const info = await screen.findByTestId('app-info');
    expect(info.textContent).toBe('Version0.1.0Core API version1Replica schema version3');
  });
});
