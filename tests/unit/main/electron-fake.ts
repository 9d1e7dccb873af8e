// A fake `electron` module for main-process unit tests (the real binary cannot run here). Tests install it with
// `vi.mock('electron', () => import('./electron-fake'))` and import the same instances to drive and inspect them.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export class FakeSession {
  readonly setPermissionRequestHandler = vi.fn<(handler: Handler | null) => void>();
  readonly setPermissionCheckHandler = vi.fn<(handler: Handler | null) => void>();
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = new FakeSession();
  readonly send = vi.fn<(channel: string, ...args: unknown[]) => void>();
  readonly reload = vi.fn<() => void>();
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A BrowserWindow that keeps the state main reads (bounds, visible, minimized, full-screen, destroyed) and emits
 * the events Electron would for the calls main makes ('show', 'minimize', 'restore', 'closed'). 'ready-to-show'
 * is up to the test.
 */
export class FakeBrowserWindow extends EventEmitter {
  /** Every window created since the last reset, closed ones included. */
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }

  readonly webContents = new FakeWebContents();
  bounds: Rect;
  visible = false;
  minimized = false;
  fullScreen = false;
  simpleFullScreen = false;
  destroyed = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn(() => {
    this.visible = true;
    this.emit('show');
  });
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    if (!this.minimized) return;
    this.minimized = false;
    this.emit('restore');
  });
  readonly minimize = vi.fn(() => {
    this.minimized = true;
    this.emit('minimize');
  });
  readonly isMinimized = vi.fn(() => this.minimized);
  readonly isVisible = vi.fn(() => this.visible && !this.minimized);
  readonly getBounds = vi.fn(() => ({ ...this.bounds }));
  readonly setBounds = vi.fn((bounds: Partial<Rect>) => {
    this.bounds = { ...this.bounds, ...bounds };
  });
  readonly setFullScreen = vi.fn((flag: boolean) => {
    this.fullScreen = flag;
  });
  readonly isFullScreen = vi.fn(() => this.fullScreen);
  readonly setSimpleFullScreen = vi.fn((flag: boolean) => {
    this.simpleFullScreen = flag;
  });
  readonly removeMenu = vi.fn();
  readonly isDestroyed = vi.fn(() => this.destroyed);
  /** Closes at once (no beforeunload): destroyed, then 'closed', like Electron once the page agreed. */
  readonly close = vi.fn(() => {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  });

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    const { x = 0, y = 0, width = 800, height = 600 } = options as Partial<Rect>;
    this.bounds = { x, y, width, height };
    FakeBrowserWindow.instances.push(this);
  }
}

export interface FakeDisplay {
  id: number;
  label: string;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
  internal: boolean;
}

export function fakeDisplay(id: number, bounds: Rect, extra: Partial<FakeDisplay> = {}): FakeDisplay {
  return { id, label: '', bounds, workArea: bounds, scaleFactor: 1, internal: false, ...extra };
}

const DEFAULT_DISPLAY = fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 }, { label: 'Built-in', internal: true });

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** electron.screen over a settable list of displays; `unplug` removes one the way the OS reports it. */
export class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [DEFAULT_DISPLAY];
  primaryId = DEFAULT_DISPLAY.id;
  readonly getAllDisplays = vi.fn(() => [...this.displays]);
  readonly getPrimaryDisplay = vi.fn(
    () => this.displays.find((d) => d.id === this.primaryId) ?? (this.displays[0] as FakeDisplay),
  );
  /** The display the rectangle overlaps most (the primary one if none), as Electron documents it. */
  readonly getDisplayMatching = vi.fn((rect: Rect) => {
    let best = this.getPrimaryDisplay();
    let bestArea = 0;
    for (const display of this.displays) {
      const area = overlap(display.bounds, rect);
      if (area > bestArea) [best, bestArea] = [display, area];
    }
    return best;
  });

  setDisplays(displays: FakeDisplay[], primaryId = displays[0]?.id ?? 0): void {
    this.displays = displays;
    this.primaryId = primaryId;
  }
  unplug(id: number, newPrimaryId?: number): void {
    const removed = this.displays.find((d) => d.id === id);
    if (!removed) throw new Error(`no display ${id}`);
    this.displays = this.displays.filter((d) => d.id !== id);
    if (newPrimaryId !== undefined) this.primaryId = newPrimaryId;
    this.emit('display-removed', { preventDefault() {} }, removed);
  }
  reset(): void {
    this.setDisplays([DEFAULT_DISPLAY]);
    this.removeAllListeners();
  }
}

/** powerSaveBlocker with its live blockers in `active`, so tests can check none leaks. */
export class FakePowerSaveBlocker {
  readonly active = new Map<number, string>();
  private nextId = 100;
  readonly start = vi.fn((type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
    const id = this.nextId++;
    this.active.set(id, type);
    return id;
  });
  readonly stop = vi.fn((id: number) => this.active.delete(id));
  readonly isStarted = vi.fn((id: number) => this.active.has(id));
}

/** A fake UtilityProcess: tests emit 'message'/'exit' on it and inspect postMessage/kill. */
export class FakeChild extends EventEmitter {
  readonly postMessage = vi.fn<(message: unknown) => void>();
  readonly kill = vi.fn(() => true);
}

const FAKE_KEY = 0x5a;
const xorBytes = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ FAKE_KEY));

/**
 * Stands in for safeStorage backed by a working OS keyring (gnome_libsecret): a reversible transform that never
 * leaves the plain text readable, and a version prefix so data "encrypted" under another key fails to decrypt.
 */
export class FakeSafeStorage {
  readonly isEncryptionAvailable = vi.fn(() => true);
  readonly getSelectedStorageBackend = vi.fn((): string => 'gnome_libsecret');
  readonly encryptString = vi.fn((plainText: string) => xorBytes(Buffer.from(`v11${plainText}`, 'utf8')));
  readonly decryptString = vi.fn((encrypted: Buffer) => {
    const text = xorBytes(encrypted).toString('utf8');
    if (!text.startsWith('v11')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(3);
  });
}

export class FakeApp extends EventEmitter {
  isPackaged = true;
  readonly enableSandbox = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly getPath = vi.fn((name: string) => `/fake/${name}`);
  readonly getVersion = vi.fn(() => '9.9.9');
  readonly isReady = vi.fn(() => true);
  readonly whenReady = vi.fn(() => Promise.resolve());
}

export const app = new FakeApp();
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn<(scheme: string, handler: (request: Request) => Promise<Response>) => void>(),
};
export const net = { fetch: vi.fn<(url: string) => Promise<Response>>() };
export const ipcMain = {
  handle: vi.fn<(channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void>(),
  removeHandler: vi.fn(),
};
export const safeStorage = new FakeSafeStorage();
export const utilityProcess = { fork: vi.fn((_path: string, _args?: string[], _options?: unknown) => new FakeChild()) };
export const screen = new FakeScreen();
export const powerSaveBlocker = new FakePowerSaveBlocker();
export { FakeBrowserWindow as BrowserWindow };

/** Forget windows and calls between tests. */
export function resetElectronFake(): void {
  FakeBrowserWindow.instances = [];
  app.removeAllListeners();
  app.isPackaged = true;
  screen.reset();
  powerSaveBlocker.active.clear();
  vi.clearAllMocks();
}
