// Our windows and their hardening: sandboxed, isolated renderer; no navigation away from our origin, no new
// windows, no permissions. Links to the outside go to the OS browser via the external-link allow-list.
// Every window of ours (the app window, the wall window) is made by createAppWindow, so all get the same guards.
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import type { UrlCheck } from './app-origin';
import { openExternalUrl } from './external-links';
import type { WindowRegistry } from './window-registry';

export interface AppWindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** What to load: the app:// entry, or the dev server in development. */
  url: string;
  isTrustedUrl: UrlCheck;
  registry: WindowRegistry;
}

export type MainWindowOptions = AppWindowOptions;

/** Size, position and chrome of a window; its webPreferences and first show are always ours. */
export type WindowLook = Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show'>;

/** The renderer gets no Node, no Electron internals and no way to turn the web's security off. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  return createAppWindow(options, { width: 1440, height: 900, minWidth: 1024, minHeight: 640, title: 'Outpost' });
}

/**
 * A hardened window of ours: secure webPreferences, navigation and permission guards, its webContents in the registry
 * (so the relay serves it and broadcasts to it) until it closes, shown once its first frame is ready.
 */
export function createAppWindow(options: AppWindowOptions, look: WindowLook): BrowserWindow {
  const window = new BrowserWindow({ ...look, show: false, webPreferences: secureWebPreferences(options.preload) });
  const contents = window.webContents;
  hardenWebContents(contents, options.isTrustedUrl);
  denyAllPermissions(contents.session);
  window.on('closed', options.registry.add(contents));
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((err: unknown) => console.error('[main] could not load the renderer:', err));
  return window;
}

/** Keep the page on our origin: other navigations and every window.open are refused (https/mailto go to the OS). */
export function hardenWebContents(contents: WebContents, isTrustedUrl: UrlCheck): void {
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalUrl(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url)) return; // a reload or in-app navigation within our own origin
    event.preventDefault();
    void openExternalUrl(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app needs no camera, microphone, location, notifications, HID… so every request and check says no. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
