// The app window: secure webPreferences, no navigation away, no new windows, no permissions.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetElectronFake, shell } from './electron-fake';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createWindowRegistry, type WindowRegistry } from '../../../src/main/window-registry';
import { createMainWindow } from '../../../src/main/windows';

vi.mock('electron', () => import('./electron-fake'));

const PRELOAD = '/opt/outpost/out/preload/index.cjs';
let registry: WindowRegistry;

function openWindow(): FakeBrowserWindow {
  createMainWindow({ preload: PRELOAD, url: APP_ENTRY_URL, isTrustedUrl: createOriginCheck(), registry });
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  resetElectronFake();
  registry = createWindowRegistry();
});

describe('createMainWindow', () => {
  it('uses sandboxed, isolated webPreferences with our preload', () => {
    const prefs = openWindow().options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.experimentalFeatures).toBeUndefined();
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('loads the given URL, shows when ready, and tracks its webContents until closed', () => {
    const window = openWindow();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(APP_ENTRY_URL);
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
    expect(registry.has(window.webContents.id)).toBe(true);
    window.emit('closed');
    expect(registry.has(window.webContents.id)).toBe(false);
  });
});

describe('navigation', () => {
  it.each(['https://evil.example/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://other/index.html'])(
    'prevents navigating to %s',
    (url) => {
      const event = navigationEvent(url);
      openWindow().webContents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );

  it('hands allowed external links to the OS browser, and nothing else', () => {
    const contents = openWindow().webContents;
    contents.emit('will-navigate', navigationEvent('https://docs.example/help'));
    contents.emit('will-navigate', navigationEvent('file:///etc/passwd'));
    contents.emit('will-navigate', navigationEvent('javascript:alert(1)'));
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://docs.example/help');
  });

  it('lets the page reload within its own origin', () => {
    const event = navigationEvent('app://outpost/index.html#/settings');
    openWindow().webContents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents redirects away from our origin and any <webview>', () => {
    const contents = openWindow().webContents;
    const redirect = navigationEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it.each(['https://example.com/', 'app://outpost/index.html', 'file:///etc/passwd', 'about:blank'])('denies %s', (url) => {
    const handler = openWindow().webContents.windowOpenHandler;
    expect(handler?.({ url })).toEqual({ action: 'deny' });
  });

  it('opens only allow-listed URLs externally', () => {
    const handler = openWindow().webContents.windowOpenHandler;
    handler?.({ url: 'https://example.com/' });
    handler?.({ url: 'file:///etc/passwd' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const { session } = openWindow().webContents;
    const [[request]] = session.setPermissionRequestHandler.mock.calls as unknown as [
      [(wc: unknown, permission: string, callback: (granted: boolean) => void) => void],
    ];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const [[check]] = session.setPermissionCheckHandler.mock.calls as unknown as [[(...args: unknown[]) => boolean]];
    expect(check({}, 'media', 'app://outpost', {})).toBe(false);
    expect(check(null, 'clipboard-read', 'app://outpost', {})).toBe(false);
  });
});
