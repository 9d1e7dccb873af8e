// @vitest-environment jsdom
// The app chrome: navigation and routes, the sync-status and data-freshness slots, and the connection banner.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, resetDocument } from './helpers/render-app';

afterEach(() => {
  cleanup();
  resetDocument();
});

const en = { locale: 'en', theme: 'light' } as const;

describe('routes and navigation', () => {
  it('redirects / to the war room', async () => {
    renderApp({ route: '/', settings: en });
    await screen.findByTestId('page-war-room');
    expect(window.location.hash).toBe('#/war-room');
    expect(screen.getByTestId('nav-war-room').getAttribute('aria-current')).toBe('page');
  });

  it.each([
    ['nav-packs', 'page-packs', '#/packs'],
    ['nav-exceptions', 'page-exceptions', '#/exceptions'],
    ['nav-reps', 'page-reps', '#/reps'],
    ['nav-settings', 'page-settings', '#/settings'],
  ])('%s opens %s', async (nav, page, hash) => {
    renderApp({ route: '/war-room', settings: en });
    await screen.findByTestId('page-war-room');
    fireEvent.click(screen.getByTestId(nav));
    await screen.findByTestId(page);
    expect(window.location.hash).toBe(hash);
  });

  it('each job page says what it will show', async () => {
    renderApp({ route: '/war-room', settings: en });
    const page = await screen.findByTestId('page-war-room');
    expect(page.textContent).toContain('The war-room wall will show overview KPIs vs target');
  });
});

describe('sync status and freshness', () => {
  it('shows the state in words, the outbox and the as-of time', async () => {
    renderApp({ settings: en });
    await waitFor(() => expect(screen.getByTestId('sync-status').textContent).toContain('Up to date'));
    expect(screen.getByTestId('sync-status').textContent).toContain('Waiting to upload: 2');
    const freshness = screen.getByTestId('data-freshness');
    expect(freshness.textContent).toMatch(/^as of Nov 2, 2026/);
    expect(freshness.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-02T07:45:00.000Z');
  });

  it('follows sync.status events, including errors and "never synced"', async () => {
    const { core } = renderApp({ settings: en });
    await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe('synced'));
    act(() =>
      core.emit('sync.status', {
        state: 'error',
        lastSyncedAt: null,
        pendingOutbox: 1234,
        lastError: 'HTTP 503',
        progress: null,
      }),
    );
    const status = screen.getByTestId('sync-status');
    expect(status.textContent).toContain('Sync failed');
    expect(status.textContent).toContain('Waiting to upload: 1,234');
    expect(screen.getByTestId('sync-error').textContent).toBe('Last error: HTTP 503');
    expect(screen.getByTestId('data-freshness').textContent).toBe('never synced');
  });

  it('marks data older than a day as stale', async () => {
    const { core } = renderApp({ settings: en });
    await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe('synced'));
    const status = { state: 'synced', pendingOutbox: 0, lastError: null, progress: null } as const;
    act(() => core.emit('sync.status', { ...status, lastSyncedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }));
    expect(screen.getByTestId('data-freshness').dataset.stale).toBe('true');
    act(() => core.emit('sync.status', { ...status, lastSyncedAt: new Date().toISOString() }));
    expect(screen.getByTestId('data-freshness').dataset.stale).toBe('false');
  });

  it('formats with the active locale', async () => {
    const { core } = renderApp({ settings: { locale: 'zh-CN', theme: 'light' } });
    await waitFor(() => expect(screen.getByTestId('sync-status').textContent).toContain('已是最新'));
    act(() =>
      core.emit('sync.status', { state: 'syncing', lastSyncedAt: null, pendingOutbox: 0, lastError: null, progress: 0.25 }),
    );
    expect(screen.getByTestId('sync-status').textContent).toContain('正在同步 25%');
    expect(screen.getByTestId('data-freshness').textContent).toBe('尚未同步');
  });
});

describe('connection to core', () => {
  it('a failed call shows the banner; a successful retry clears it and reloads status', async () => {
    const { core } = renderApp({ settings: en, route: '/settings' });
    await screen.findByTestId('app-info');
    core.unreachable = true;
    fireEvent.change(screen.getByTestId('settings-theme'), { target: { value: 'dark' } });
    const banner = await screen.findByTestId('connection-banner');
    expect(banner.textContent).toContain('Lost connection to Outpost core');
    // The refused change itself is explained on the page as well, and rolled back.
    expect(screen.getByText('The setting could not be saved. Outpost core is not reachable.')).toBeTruthy();
    expect(document.documentElement.dataset.theme).toBe('light');

    core.unreachable = false;
    core.syncStatus = { ...core.syncStatus, pendingOutbox: 7 };
    const before = core.callsOf('sync.status').length;
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('sync-status').textContent).toContain('Waiting to upload: 7'));
    expect(core.callsOf('sync.status').length).toBe(before + 1);
  });

  it('the web bridge reporting a dropped socket shows the banner until it reconnects', async () => {
    const { connection } = renderApp({ settings: en });
    await screen.findByTestId('page-war-room');
    act(() => connection.report(false));
    expect(await screen.findByTestId('connection-banner')).toBeTruthy();
    act(() => connection.report(true));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });
});
