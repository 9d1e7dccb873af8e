// @vitest-environment jsdom
// The settings "Backend" card: the backend in use (from the live sync status; the built-in demo one named as
// such), connecting to another one through sync.configure with its failures explained by code from the catalog
// (and the desktop app's keyring refusal in words of its own), and sign-out.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/shared/api/errors';
import type { SyncStatus } from '../../../src/shared/domain/sync-status';
import { refusalMessage } from '../../../src/main/token-store';
import { FAKE_SYNC_STATUS } from './helpers/fake-core';
import { renderApp, resetDocument } from './helpers/render-app';

afterEach(() => {
  cleanup();
  resetDocument();
});

const CURRENT = 'http://127.0.0.1:4100';
const OTHER = 'https://outpost.example.com/';
const STATUS: SyncStatus = { ...FAKE_SYNC_STATUS, backendUrl: CURRENT };

async function openBackendCard(options: { locale?: 'en' | 'zh-CN'; syncStatus?: SyncStatus } = {}) {
  const app = renderApp({
    route: '/settings',
    settings: { locale: options.locale ?? 'en', theme: 'light' },
    syncStatus: options.syncStatus ?? STATUS,
  });
  await screen.findByTestId('settings-backend');
  await waitFor(() => expect(screen.getByTestId('sync-status').dataset.state).toBe((options.syncStatus ?? STATUS).state));
  return app;
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;

function fillAndSave(url: string, token: string) {
  fireEvent.change(input('settings-backend-url'), { target: { value: url } });
  fireEvent.change(input('settings-backend-token'), { target: { value: token } });
  fireEvent.click(button('settings-backend-save'));
}

describe('settings: backend card', () => {
  it('shows the backend in use and a masked token field', async () => {
    await openBackendCard();
    expect(screen.getByTestId('settings-backend-current').textContent).toBe(`Syncing with ${CURRENT}`);
    expect(input('settings-backend-token').type).toBe('password');
    expect(button('settings-backend-signout').disabled).toBe(false);
  });

  it('connects: calls sync.configure, says who we are, forgets the token and shows the new backend', async () => {
    const { core } = await openBackendCard();
    const release = core.hold('sync.configure');
    fillAndSave(` ${OTHER} `, 'secret-token');
    await waitFor(() => expect(button('settings-backend-save').textContent).toBe('Checking…'));
    expect(button('settings-backend-save').disabled).toBe(true);
    release();

    const result = await screen.findByTestId('settings-backend-result');
    expect(result.textContent).toBe('Connected to https://outpost.example.com as 王海. Regions: 华东 and 华南.');
    expect(core.callsOf('sync.configure')).toEqual([{ backendUrl: OTHER, token: 'secret-token' }]);
    expect(input('settings-backend-token').value).toBe('');
    expect(screen.getByTestId('settings-backend-current').textContent).toBe('Syncing with https://outpost.example.com');
    expect(screen.queryByTestId('settings-backend-error')).toBeNull();
  });

  it.each<[ErrorCode, string]>([
    ['UNAUTHORIZED', `The token was refused by ${OTHER}. Check it, or ask your administrator for a new one.`],
    ['UNAVAILABLE', `Can't reach ${OTHER}. Check the address and that the backend is running.`],
    ['TIMEOUT', `${OTHER} did not answer in time. Check the address, or try again.`],
    ['CONFLICT', `${OTHER} speaks a different sync protocol than this version of Outpost.`],
    ['BAD_REQUEST', `${OTHER} did not answer like an Outpost backend. Check the address.`],
    ['INTERNAL', 'Something went wrong inside Outpost core.'],
  ])('a %s from sync.configure is explained in words', async (code, words) => {
    const { core } = await openBackendCard();
    core.failNext('sync.configure', { code, message: 'raw English from core that the UI must not show' });
    fillAndSave(OTHER, 'bad-token');
    expect((await screen.findByTestId('settings-backend-error')).textContent).toBe(words);
    expect(screen.getByTestId('settings-backend-error').getAttribute('role')).toBe('alert');
    // The backend being unreachable is not core being unreachable: no connection banner.
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    expect(screen.getByTestId('settings-backend-current').textContent).toBe(`Syncing with ${CURRENT}`);
    expect(input('settings-backend-token').value).toBe('bad-token');
  });

  it('explains in Chinese too', async () => {
    const { core } = await openBackendCard({ locale: 'zh-CN' });
    core.failNext('sync.configure', { code: 'UNAUTHORIZED', message: 'token refused' });
    fillAndSave(OTHER, 'bad-token');
    expect((await screen.findByTestId('settings-backend-error')).textContent).toBe(
      `${OTHER} 拒绝了该令牌。请检查令牌，或向管理员申请新的令牌。`,
    );
  });

  it('checks the address and token before asking core', async () => {
    const { core } = await openBackendCard();
    fillAndSave('outpost.example.com', 'token');
    expect((await screen.findByTestId('settings-backend-error')).textContent).toBe(
      'Enter the backend address, starting with http:// or https://.',
    );
    fillAndSave('ftp://outpost.example.com', 'token');
    expect(screen.getByTestId('settings-backend-error').textContent).toContain('http:// or https://');
    fillAndSave(OTHER, '');
    expect(screen.getByTestId('settings-backend-error').textContent).toBe('Enter the access token for this backend.');
    expect(core.callsOf('sync.configure')).toEqual([]);
  });

  it('core itself gone during sync.configure: says core is unreachable and shows the banner', async () => {
    const { core } = await openBackendCard();
    core.unreachable = true;
    fillAndSave(OTHER, 'token');
    expect((await screen.findByTestId('settings-backend-error')).textContent).toBe('Outpost core is not reachable.');
    expect(await screen.findByTestId('connection-banner')).toBeTruthy();
  });

  it('signs out (optionally purging), then says sync is off', async () => {
    const { core } = await openBackendCard();
    fireEvent.click(screen.getByTestId('settings-backend-purge'));
    fireEvent.click(button('settings-backend-signout'));
    expect((await screen.findByTestId('settings-backend-result')).textContent).toBe(
      'Signed out, and the synced data was removed from this computer.',
    );
    expect(core.callsOf('sync.signOut')).toEqual([{ purge: true }]);
    expect(screen.getByTestId('settings-backend-current').textContent).toContain('Not signed in to a backend: sync is off.');
    expect(button('settings-backend-signout').disabled).toBe(true);
    expect(screen.getByTestId('sync-status').dataset.state).toBe('idle');
    expect(screen.getByTestId('sync-status').textContent).toContain('Sync off: no backend');
  });

  it('follows a backend change made elsewhere (sync.status event)', async () => {
    const { core } = await openBackendCard();
    act(() => core.setSyncStatus({ backendUrl: 'https://crm.example.cn' }));
    expect(screen.getByTestId('settings-backend-current').textContent).toBe('Syncing with https://crm.example.cn');
  });

  it('says when the backend is the built-in demo backend', async () => {
    await openBackendCard({ syncStatus: { ...STATUS, backendKind: 'embedded' } });
    expect(screen.getByTestId('settings-backend-current').textContent).toBe(
      `Syncing demo data from the built-in demo backend at ${CURRENT}, running on this computer.`,
    );
  });

  it.each([
    ['linux', "Electron would fall back to its plain-text 'basic_text' storage"],
    ['darwin', 'system encryption is not available'],
  ] as const)(
    'explains a keyring refusal from the desktop app (%s) in words, with main message as a tooltip',
    async (platform, reason) => {
      // What src/main answers (backend-hooks.ts): the reason decides; main's English message is only the tooltip.
      const message = refusalMessage(reason, platform);
      for (const locale of ['en', 'zh-CN'] as const) {
        const { core } = await openBackendCard({ locale });
        core.failNext('sync.configure', { code: 'UNAVAILABLE', reason: 'KEYRING_REFUSED', message });
        fillAndSave(OTHER, 'token');
        const error = await screen.findByTestId('settings-backend-error');
        expect(error.dataset.reason).toBe('keyring');
        expect(error.textContent).toBe(
          locale === 'en'
            ? "Outpost can't keep the access token safe on this computer: no system keyring is available, and it never stores the token in plain text. Install or unlock a keyring (GNOME Keyring or KWallet on Linux, the Keychain on macOS), then try again."
            : 'Outpost 无法在本机安全保存访问令牌：没有可用的系统密钥环，而 Outpost 绝不以明文保存令牌。请安装或解锁密钥环（Linux 上的 GNOME Keyring 或 KWallet，macOS 上的钥匙串）后重试。',
        );
        expect(error.textContent).not.toContain(OTHER); // not "can't reach <url>": the backend was never asked
        expect(error.getAttribute('title')).toBe(`${locale === 'en' ? 'Details: ' : '详情：'}${message}`);
        cleanup();
        resetDocument();
      }
    },
  );

  it("goes by the error's reason, not its wording: main's keyring message without the reason is \"can't reach\"", async () => {
    const { core } = await openBackendCard();
    core.failNext('sync.configure', { code: 'UNAVAILABLE', message: refusalMessage('basic_text', 'linux') });
    fillAndSave(OTHER, 'token');
    const error = await screen.findByTestId('settings-backend-error');
    expect(error.dataset.reason).toBe('UNAVAILABLE');
  });

  it('any other UNAVAILABLE from sync.configure is still "can\'t reach"', async () => {
    const { core } = await openBackendCard();
    core.failNext('sync.configure', { code: 'UNAVAILABLE', message: 'connect ECONNREFUSED 127.0.0.1:9' });
    fillAndSave(OTHER, 'token');
    const error = await screen.findByTestId('settings-backend-error');
    expect(error.dataset.reason).toBe('UNAVAILABLE');
    expect(error.hasAttribute('title')).toBe(false);
  });
});
