// @vitest-environment jsdom
// Sync status in the chrome: the initial-sync progress strip, the ticking "updated … ago", the pending outbox
// following `outbox.changed`, the problem strip with the last error (in the UI language by its kind), Retry
// (→ sync.now) and the retry countdown, quiet background syncs, the "no backend" state and which backend it is.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../src/shared/domain/sync-status';
import { REVEAL_AFTER_MS } from '../../../src/renderer/src/lib/use-shown-sync-state';
import { renderApp, resetDocument } from './helpers/render-app';

afterEach(() => {
  cleanup();
  resetDocument();
  vi.useRealTimers();
});

const en = { locale: 'en', theme: 'light' } as const;
const BACKEND = 'http://127.0.0.1:4100';
const SYNCED: SyncStatus = {
  state: 'synced',
  lastSyncedAt: '2026-11-02T07:45:00.000Z',
  pendingOutbox: 0,
  lastError: null,
  progress: null,
  rowsSynced: 52_000,
  etaMs: null,
  behind: 0,
  nextRetryAt: null,
  backendUrl: BACKEND,
};
const INITIAL: SyncStatus = { ...SYNCED, state: 'idle', lastSyncedAt: null, rowsSynced: null };

const slot = () => screen.getByTestId('sync-status');

async function renderChrome(syncStatus: SyncStatus, settings: { locale: 'en' | 'zh-CN'; theme: 'light' } = en) {
  const app = renderApp({ settings, syncStatus });
  await waitFor(() => expect(slot().dataset.state).toBe(syncStatus.state));
  // waitFor returns as soon as the DOM shows the state, but that commit happened outside act(), so its effects
  // (the ticking intervals of useNow) run later on React's scheduler; a fake-timer advance before then ticks
  // nothing (flaked in CI under load). An update inside act() makes React flush those pending effects first.
  act(() => app.core.setSyncStatus({}));
  return app;
}

describe('initial sync progress', () => {
  it('renders from a sync.status event with percent, rows and time left, and hides once synced', async () => {
    const { core } = await renderChrome(INITIAL);
    expect(screen.queryByTestId('sync-progress')).toBeNull();

    act(() => core.setSyncStatus({ state: 'syncing', progress: 0.42, rowsSynced: 12_345, etaMs: 19_200 }));
    const bar = screen.getByTestId('sync-progress');
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.dataset.rows).toBe('12345');
    expect(screen.getByTestId('sync-progress-details').textContent).toBe('42% · 12,345 rows · about 20 sec left');
    expect(bar.getAttribute('aria-valuetext')).toBe('42% · 12,345 rows · about 20 sec left');
    expect(slot().textContent).toContain('Syncing 42%');
    expect(slot().dataset.state).toBe('syncing');

    act(() => core.setSyncStatus({ progress: 0.9, rowsSynced: 40_000, etaMs: null }));
    expect(screen.getByTestId('sync-progress').getAttribute('aria-valuenow')).toBe('90');
    expect(screen.getByTestId('sync-progress-details').textContent).toBe('90% · 40,000 rows · estimating time left…');

    act(() => core.setSyncStatus({ ...SYNCED, lastSyncedAt: new Date().toISOString(), rowsSynced: 52_000 }));
    expect(screen.queryByTestId('sync-progress')).toBeNull();
    expect(slot().dataset.state).toBe('synced');
    expect(slot().textContent).toContain('Up to date');
  });

  it('is not shown for a sync without progress (an incremental one)', async () => {
    const { core } = await renderChrome({ ...SYNCED, state: 'offline' });
    act(() => core.setSyncStatus({ state: 'syncing', progress: null }));
    expect(slot().dataset.state).toBe('syncing');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('speaks Chinese in zh-CN', async () => {
    const { core } = await renderChrome(INITIAL, { locale: 'zh-CN', theme: 'light' });
    act(() => core.setSyncStatus({ state: 'syncing', progress: 0.5, rowsSynced: 12_345, etaMs: 125_000 }));
    expect(screen.getByTestId('sync-progress-details').textContent).toBe('50% · 12,345 行 · 预计还需 3分钟');
    expect(screen.getByText('首次同步区域数据')).toBeTruthy();
  });
});

describe('freshness, outbox and errors', () => {
  it('says how long ago the replica was updated, and keeps ticking', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: Date.parse('2026-11-02T08:00:00.000Z') });
    await renderChrome({ ...SYNCED, lastSyncedAt: '2026-11-02T07:59:30.000Z' });
    expect(screen.getByTestId('sync-age').textContent).toBe('updated just now');
    act(() => vi.advanceTimersByTime(3 * 60_000));
    expect(screen.getByTestId('sync-age').textContent).toBe('updated 3 minutes ago');
    act(() => vi.advanceTimersByTime(2 * 60 * 60_000));
    expect(screen.getByTestId('sync-age').textContent).toBe('updated 2 hours ago');
  });

  it('the pending count follows outbox.changed', async () => {
    const { core } = await renderChrome({ ...SYNCED, pendingOutbox: 2 });
    expect(screen.getByTestId('sync-pending').textContent).toBe('Waiting to upload: 2');
    act(() => core.emit('outbox.changed', { pending: 3, synced: 10, rejected: 1 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('Waiting to upload: 3');
    expect(screen.getByTestId('sync-pending').dataset.pending).toBe('3');
    act(() => core.emit('outbox.changed', { pending: 0, synced: 13, rejected: 1 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('Waiting to upload: 0');
  });

  it('offline: the last error in words, the last sync time still shown, and Retry calls sync.now', async () => {
    const { core } = await renderChrome(SYNCED);
    expect(screen.queryByTestId('sync-retry')).toBeNull();
    act(() =>
      core.setSyncStatus({
        state: 'offline',
        lastError: `Cannot reach the backend at ${BACKEND} (connection refused)`,
      }),
    );
    expect(slot().textContent).toContain('Offline');
    expect(screen.getByTestId('sync-error').textContent).toBe(
      `Last error: Cannot reach the backend at ${BACKEND} (connection refused)`,
    );
    expect(screen.getByTestId('data-freshness').querySelector('time')?.getAttribute('datetime')).toBe(SYNCED.lastSyncedAt);

    const release = core.hold('sync.now');
    fireEvent.click(screen.getByTestId('sync-retry'));
    await waitFor(() => expect(screen.getByTestId('sync-retry').textContent).toBe('Retrying…'));
    expect((screen.getByTestId('sync-retry') as HTMLButtonElement).disabled).toBe(true);
    release();
    await waitFor(() => expect(screen.getByTestId('sync-retry').textContent).toBe('Retry'));
    expect(core.callsOf('sync.now')).toEqual([{}]);
    // A failed retry call never raises the "core is gone" banner: core answered.
    expect(screen.queryByTestId('connection-banner')).toBeNull();

    act(() => core.setSyncStatus({ state: 'synced', lastError: null }));
    expect(screen.queryByTestId('sync-retry')).toBeNull();
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('error (e.g. a refused token) offers Retry too; a Retry whose backend is unreachable keeps the banner away', async () => {
    const { core } = await renderChrome({ ...SYNCED, state: 'error', lastError: 'The backend did not accept the sign-in token' });
    expect(slot().textContent).toContain('Sync failed');
    core.failNext('sync.now', { code: 'UNAVAILABLE', message: 'backend unreachable' });
    fireEvent.click(screen.getByTestId('sync-retry'));
    await waitFor(() => expect(core.callsOf('app.info').length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getByTestId('sync-retry').textContent).toBe('Retry'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('counts down to the next automatic retry', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: Date.parse('2026-11-02T08:00:00.000Z') });
    await renderChrome({ ...SYNCED, state: 'offline', lastError: 'down', nextRetryAt: '2026-11-02T08:00:12.000Z' });
    expect(screen.getByTestId('sync-next-retry').textContent).toBe('next try in 12 sec');
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId('sync-next-retry').textContent).toBe('next try in 7 sec');
    act(() => vi.advanceTimersByTime(8_000));
    expect(screen.getByTestId('sync-next-retry').textContent).toBe('trying again…');
  });
});

describe('state in words', () => {
  it('a short background sync keeps saying "Up to date"; a long one says "Syncing"', async () => {
    const { core } = await renderChrome(SYNCED);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // after the first render: waitFor needs real ones
    act(() => core.setSyncStatus({ state: 'syncing' }));
    expect(slot().dataset.state).toBe('syncing');
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Up to date');
    act(() => core.setSyncStatus({ state: 'synced' }));
    act(() => core.setSyncStatus({ state: 'syncing' }));
    act(() => vi.advanceTimersByTime(REVEAL_AFTER_MS - 1));
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Up to date');
    act(() => vi.advanceTimersByTime(1));
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Syncing');
    expect(slot().dataset.tone).toBe('syncing');
  });

  it('a retry from offline keeps saying "Offline" while it is short, with Retry showing "Retrying…"', async () => {
    const { core } = await renderChrome({ ...SYNCED, state: 'offline', lastError: 'down' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => core.setSyncStatus({ state: 'syncing' }));
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Offline');
    expect(screen.getByTestId('sync-problem').dataset.tone).toBe('offline');
    expect(screen.getByTestId('sync-retry').textContent).toBe('Retrying…');
    act(() => vi.advanceTimersByTime(REVEAL_AFTER_MS));
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Syncing');
    expect(screen.queryByTestId('sync-problem')).toBeNull();
  });

  it('an initial sync from idle says "Syncing" at once', async () => {
    const { core } = await renderChrome(INITIAL);
    act(() => core.setSyncStatus({ state: 'syncing' }));
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Syncing');
  });

  it('no backend: says sync is off and links to the settings', async () => {
    await renderChrome({ ...INITIAL, backendUrl: null });
    expect(slot().querySelector('[role=status]')?.textContent).toBe('Sync off: no backend');
    fireEvent.click(screen.getByTestId('sync-set-up'));
    await screen.findByTestId('page-settings');
    expect(screen.getByTestId('settings-backend-current').textContent).toContain('Not signed in to a backend');
  });
});

describe('last error in the user language', () => {
  const DETAIL = `Cannot reach the backend at ${BACKEND} (connection refused)`;
  const OFFLINE: SyncStatus = { ...SYNCED, state: 'offline', lastError: DETAIL, lastErrorKind: 'network' };

  it('zh-CN: the error kind in Chinese, core English detail only as a tooltip', async () => {
    await renderChrome(OFFLINE, { locale: 'zh-CN', theme: 'light' });
    const error = screen.getByTestId('sync-error');
    expect(error.textContent).toBe('上次错误：无法连接后端。');
    expect(error.textContent).not.toContain('Cannot reach');
    expect(error.getAttribute('title')).toBe(`详情：${DETAIL}`);
    expect(error.dataset.kind).toBe('network');
    expect(slot().getAttribute('title')).toBe('上次错误：无法连接后端。');
  });

  it('en: every kind has words of its own, and a status without a kind still shows core message', async () => {
    const { core } = await renderChrome({ ...OFFLINE, state: 'error', lastErrorKind: 'unauthorized', lastError: 'HTTP 401' });
    expect(screen.getByTestId('sync-error').textContent).toBe(
      'Last error: The backend refused the sign-in token. Sign in again in Settings.',
    );
    expect(screen.getByTestId('sync-error').getAttribute('title')).toBe('Details: HTTP 401');
    act(() => core.setSyncStatus({ lastErrorKind: 'rate-limited', lastError: 'HTTP 429' }));
    expect(screen.getByTestId('sync-error').textContent).toBe('Last error: The backend is busy and asked Outpost to wait.');
    act(() => core.setSyncStatus({ lastErrorKind: null, lastError: 'HTTP 503 from an older core' }));
    expect(screen.getByTestId('sync-error').textContent).toBe('Last error: HTTP 503 from an older core');
    expect(screen.getByTestId('sync-error').hasAttribute('title')).toBe(false);
  });
});

describe('which backend', () => {
  it('says "demo data (built-in)" for the embedded demo backend, and the host for a configured one', async () => {
    const { core } = await renderChrome({ ...SYNCED, backendKind: 'embedded' });
    expect(screen.getByTestId('sync-backend').textContent).toBe('Demo data (built-in)');
    expect(slot().textContent).not.toContain('127.0.0.1');
    act(() => core.setSyncStatus({ backendKind: 'remote', backendUrl: 'https://crm.example.cn/outpost' }));
    expect(screen.getByTestId('sync-backend').textContent).toBe('Backend: crm.example.cn');
    act(() => core.setSyncStatus({ state: 'idle', backendKind: null, backendUrl: null }));
    expect(screen.queryByTestId('sync-backend')).toBeNull();
  });

  it('speaks Chinese in zh-CN', async () => {
    await renderChrome({ ...SYNCED, backendKind: 'embedded' }, { locale: 'zh-CN', theme: 'light' });
    expect(screen.getByTestId('sync-backend').textContent).toBe('演示数据（内置）');
  });
});
