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
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances;
  }

  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
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
export { FakeBrowserWindow as BrowserWindow };

/** Forget windows and calls between tests. */
export function resetElectronFake(): void {
  FakeBrowserWindow.instances = [];
  app.removeAllListeners();
  app.isPackaged = true;
  vi.clearAllMocks();
}
