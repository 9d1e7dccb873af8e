// @vitest-environment jsdom
// Every visible string must come from a catalog: render every route and the chrome under a pseudo-locale
// (each catalog value wrapped in ⟦…⟧) and look for text that is not wrapped.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../../src/renderer/src/i18n/en.json';
import { ROUTE_PATHS } from '../../../src/renderer/src/routes';
import { findUnlocalizedText, isLocalized, pseudoCatalog } from './helpers/pseudo-locale';
import { renderApp, resetDocument } from './helpers/render-app';

afterEach(() => {
  cleanup();
  resetDocument();
});

const pseudo = pseudoCatalog(en);

function renderPseudo(route: string) {
  return renderApp({
    route,
    settings: { locale: 'en', theme: 'light' },
    syncStatus: {
      state: 'error',
      lastSyncedAt: '2026-11-02T07:45:00.000Z',
      pendingOutbox: 3,
      lastError: 'backend said 503',
      progress: null,
    },
    prepareI18n: (i18n) => i18n.addResourceBundle('en', 'translation', pseudo, true, true),
  });
}

describe('no hard-coded strings', () => {
  it.each(ROUTE_PATHS)('route %s and the chrome show only catalog text', async (route) => {
    renderPseudo(route);
    const testId = `page-${route.slice(1)}`;
    await screen.findByTestId(testId);
    await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe('error'));
    if (route === '/settings') await screen.findByTestId('app-info');

    expect(screen.getByTestId(testId).textContent).toContain('⟦');
    expect(screen.getByTestId('data-freshness').textContent).toMatch(/^⟦.+⟧$/);
    expect(findUnlocalizedText(document.body)).toEqual([]);
    expect(isLocalized(document.title)).toBe(true);
  });

  it('the connection banner and a syncing status are localized too', async () => {
    const { core, connection } = renderPseudo('/war-room');
    await screen.findByTestId('page-war-room');
    act(() => {
      core.emit('sync.status', { state: 'syncing', lastSyncedAt: null, pendingOutbox: 0, lastError: null, progress: 0.4 });
      connection.report(false); // what the web bridge reports when its socket drops
    });
    await screen.findByTestId('connection-banner');
    expect(screen.getByTestId('sync-status').textContent).toContain('40');
    expect(findUnlocalizedText(document.body)).toEqual([]);
  });

  it('the initial-sync strip, an offline status with its countdown and Retry, and "no backend" are localized', async () => {
    const { core } = renderPseudo('/war-room');
    await screen.findByTestId('page-war-room');
    await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe('error'));
    act(() =>
      core.setSyncStatus({
        state: 'syncing',
        lastSyncedAt: null,
        progress: 0.4,
        rowsSynced: 1234,
        etaMs: 20_000,
        lastError: null,
      }),
    );
    expect(screen.getByTestId('sync-progress')).toBeTruthy();
    expect(findUnlocalizedText(document.body)).toEqual([]);
    act(() => core.setSyncStatus({ etaMs: null }));
    expect(findUnlocalizedText(document.body)).toEqual([]);

    act(() =>
      core.setSyncStatus({
        state: 'offline',
        progress: null,
        lastSyncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        lastError: 'Cannot reach the backend',
        nextRetryAt: new Date(Date.now() + 30_000).toISOString(),
      }),
    );
    expect(screen.getByTestId('sync-retry')).toBeTruthy();
    expect(screen.getByTestId('sync-next-retry')).toBeTruthy();
    expect(findUnlocalizedText(document.body)).toEqual([]);

    act(() => core.setSyncStatus({ state: 'idle', backendUrl: null, lastSyncedAt: null, lastError: null, nextRetryAt: null }));
    expect(screen.getByTestId('sync-set-up')).toBeTruthy();
    expect(findUnlocalizedText(document.body)).toEqual([]);
  });

  it('the backend card with its messages is localized', async () => {
    const { core } = renderPseudo('/settings');
    await screen.findByTestId('settings-backend');
    act(() => core.setSyncStatus({ backendUrl: 'http://127.0.0.1:4100' }));
    expect(findUnlocalizedText(document.body)).toEqual([]);

    const fill = (url: string, token: string) => {
      fireEvent.change(screen.getByTestId('settings-backend-url'), { target: { value: url } });
      fireEvent.change(screen.getByTestId('settings-backend-token'), { target: { value: token } });
      fireEvent.click(screen.getByTestId('settings-backend-save'));
    };
    core.failNext('sync.configure', { code: 'UNAUTHORIZED', message: 'token refused' });
    fill('https://outpost.example.com', 'token');
    await screen.findByTestId('settings-backend-error');
    expect(findUnlocalizedText(document.body)).toEqual([]);

    fill('https://outpost.example.com', 'token');
    await screen.findByTestId('settings-backend-result');
    expect(findUnlocalizedText(document.body)).toEqual([]);

    fireEvent.click(screen.getByTestId('settings-backend-signout'));
    await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe('idle'));
    expect(findUnlocalizedText(document.body)).toEqual([]);
  });

  it('catches a component with a literal string', () => {
    function Careless() {
      return (
        <div>
          <h2>{pseudo.settings.title}</h2>
          <p>Last synced</p>
          <button type="button" aria-label="Close panel">
            ×
          </button>
          <span>42 %</span>
        </div>
      );
    }
    const { container } = render(<Careless />);
    const problems = findUnlocalizedText(container);
    expect(problems.map((p) => p.text)).toEqual(['Last synced', 'Close panel']);
  });

  it('accepts nested wrapped text with numbers and punctuation around it', () => {
    expect(isLocalized('⟦Follow system (⟦English⟧)⟧')).toBe(true);
    expect(isLocalized('⟦Version⟧ 1.2.3 — 45%')).toBe(true);
    expect(isLocalized('Hello ⟦world⟧')).toBe(false);
    expect(isLocalized('⟦a⟧ b ⟦c⟧')).toBe(false);
  });
});
