// Lifecycle wiring of src/main/index.ts against the fake electron module: single-instance lock, what happens at
// ready (protocol, core, window), dev-server handling, and an end-to-end request through relay and core.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeChild } from './electron-fake';
import type { RpcRequest } from '../../../src/shared/api/rpc';
import { startMain } from './start-main';

beforeEach(() => vi.stubEnv('ELECTRON_RENDERER_URL', ''));
afterEach(() => vi.unstubAllEnvs());

describe('main lifecycle', () => {
  it('quits at once without the single-instance lock', async () => {
    const { app, utilityProcess } = await startMain((fake) => fake.app.requestSingleInstanceLock.mockReturnValue(false));
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('enables the sandbox and registers the scheme before ready', async () => {
    const order: string[] = [];
    await startMain((fake) => {
      fake.app.enableSandbox.mockImplementation(() => order.push('sandbox'));
      fake.protocol.registerSchemesAsPrivileged.mockImplementation(() => order.push('scheme'));
      fake.app.whenReady.mockImplementation(() => {
        order.push('whenReady');
        return Promise.resolve();
      });
    });
    expect(order).toEqual(['sandbox', 'scheme', 'whenReady']);
  });

  it('on ready serves app://, starts core with the replica dir, and opens the app entry', async () => {
    const { app, protocol, utilityProcess, BrowserWindow } = await startMain();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(utilityProcess.fork).toHaveBeenCalledOnce();
    const [entry, args, options] = utilityProcess.fork.mock.calls[0] ?? [];
    // Under vitest import.meta.dirname of index.ts is src/main; at runtime it is out/main.
    const mainDir = fileURLToPath(new URL('../../../src/main', import.meta.url));
    expect(entry).toBe(join(mainDir, 'core-host.js'));
    expect(args).toContain(`--data-dir=${join('/fake/userData', 'replica')}`);
    expect(args).not.toContain('--no-backend'); // nothing saved: core starts its embedded demo backend
    expect(options).toEqual({ serviceName: 'outpost-core' });
    expect(app.getPath).toHaveBeenCalledWith('userData');
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://outpost/index.html');
    expect(BrowserWindow.instances[0]?.options.webPreferences?.preload).toBe(join(mainDir, '..', 'preload', 'index.cjs'));
  });

  it('loads the dev server only when unpackaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const packaged = await startMain();
    expect(packaged.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://outpost/index.html');
    const dev = await startMain((fake) => (fake.app.isPackaged = false));
    expect(dev.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    const unset = await startMain((fake) => (fake.app.isPackaged = false));
    expect(unset.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('app://outpost/index.html');
  });

  it('relays a window request to core and back, and stops core for good on quit', async () => {
    const { app, ipcMain, utilityProcess, BrowserWindow } = await startMain();
    const child = utilityProcess.fork.mock.results[0]?.value as FakeChild;
    const window = BrowserWindow.instances[0];
    const handler = ipcMain.handle.mock.calls.find(([channel]) => channel === 'outpost:invoke')?.[1];
    if (!window || !handler) throw new Error('window or relay handler missing');
    child.emit('message', { type: 'ready' });

    const sender = { sender: { id: window.webContents.id }, senderFrame: { url: 'app://outpost/index.html' } };
    const reply = handler(sender, { id: 1, method: 'settings.get', params: {} });
    const forwarded = child.postMessage.mock.calls[0]?.[0] as RpcRequest;
    expect(forwarded).toMatchObject({ method: 'settings.get' });
    child.emit('message', { id: forwarded.id, ok: true, result: { locale: 'en', theme: 'dark' } });
    await expect(reply).resolves.toEqual({ id: 1, ok: true, result: { locale: 'en', theme: 'dark' } });

    const event = { event: 'sync.status', payload: { state: 'idle' } };
    child.emit('message', event);
    expect(window.webContents.send).toHaveBeenCalledWith('outpost:event', event);

    app.emit('will-quit');
    expect(child.kill).toHaveBeenCalledOnce();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('outpost:invoke');
    vi.useFakeTimers();
    try {
      child.emit('exit', 0);
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(utilityProcess.fork).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('restarts core after a crash and fails the requests it had in flight', async () => {
    const { ipcMain, utilityProcess, BrowserWindow } = await startMain();
    vi.useFakeTimers();
    try {
      const child = utilityProcess.fork.mock.results[0]?.value as FakeChild;
      const handler = ipcMain.handle.mock.calls[0]?.[1];
      const id = BrowserWindow.instances[0]?.webContents.id;
      child.emit('message', { type: 'ready' });
      const reply = handler?.(
        { sender: { id }, senderFrame: { url: 'app://outpost/index.html' } },
        { id: 5, method: 'app.info' },
      );
      child.emit('exit', 139);
      await expect(reply).resolves.toMatchObject({ id: 5, ok: false, error: { code: 'UNAVAILABLE' } });
      await vi.advanceTimersByTimeAsync(500);
      expect(utilityProcess.fork).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { app, BrowserWindow } = await startMain();
    const window = BrowserWindow.instances[0];
    window?.isMinimized.mockReturnValueOnce(true);
    app.emit('second-instance');
    expect(window?.restore).toHaveBeenCalledOnce();
    expect(window?.focus).toHaveBeenCalledOnce();
  });
});
