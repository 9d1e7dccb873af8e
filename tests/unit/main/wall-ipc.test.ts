// The wall's IPC handlers: only our own app:// frames of our own windows may call them (the relay's sender check),
// `open` takes exactly one integer display id or null, and a refused call rejects clearly and opens nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeDisplay, powerSaveBlocker, resetElectronFake, screen } from './electron-fake';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createSenderCheck, type InvokeEventLike } from '../../../src/main/sender-check';
import { registerWallIpc, type IpcHandleLike } from '../../../src/main/wall-ipc';
import { createWallWindow } from '../../../src/main/wall-window';
import { createWindowRegistry } from '../../../src/main/window-registry';

vi.mock('electron', () => import('./electron-fake'));

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

const LAPTOP = fakeDisplay(1, { x: 0, y: 0, width: 1440, height: 900 });
const PROJECTOR = fakeDisplay(2, { x: 1440, y: 0, width: 1920, height: 1080 }, { label: 'EPSON PJ' });
const OUR_WINDOW_ID = 41;

let handlers: Map<string, Listener>;
let ipcMain: IpcHandleLike & { removeHandler: ReturnType<typeof vi.fn> };
let unregister: () => void;

const ours = (url = APP_ENTRY_URL): InvokeEventLike => ({ sender: { id: OUR_WINDOW_ID }, senderFrame: { url } });
const call = (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
  const listener = handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args);
};

beforeEach(() => {
  resetElectronFake();
  screen.setDisplays([LAPTOP, PROJECTOR], LAPTOP.id);
  handlers = new Map();
  ipcMain = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const registry = createWindowRegistry();
  registry.add({ id: OUR_WINDOW_ID, send: vi.fn(), isDestroyed: () => false });
  const isTrustedUrl = createOriginCheck();
  const wall = createWallWindow({
    preload: '/p/index.cjs',
    url: APP_ENTRY_URL,
    isTrustedUrl,
    registry,
    mainWindow: () => undefined,
    platform: 'linux',
  });
  unregister = registerWallIpc({ ipcMain, wall, isTrustedSender: createSenderCheck(registry, isTrustedUrl) });
});

describe('from our window', () => {
  it('lists displays, opens on the given display, and closes', async () => {
    await expect(call('outpost:wall:displays', ours())).resolves.toEqual([
      { id: 1, label: 'Display 1', primary: true, width: 1440, height: 900, scaleFactor: 1 },
      { id: 2, label: 'EPSON PJ', primary: false, width: 1920, height: 1080, scaleFactor: 1 },
    ]);
    await expect(call('outpost:wall:open', ours('app://outpost/index.html#/war-room'), PROJECTOR.id)).resolves.toEqual({
      displayId: PROJECTOR.id,
    });
    const window = FakeBrowserWindow.instances[0];
    expect(window?.options).toMatchObject(PROJECTOR.bounds);
    await expect(call('outpost:wall:close', ours('app://outpost/index.html#/wall'))).resolves.toBeUndefined();
    expect(window?.close).toHaveBeenCalledOnce();
    expect(powerSaveBlocker.active.size).toBe(0);
  });

  it('opens on the fallback display for null', async () => {
    await expect(call('outpost:wall:open', ours(), null)).resolves.toEqual({ displayId: LAPTOP.id });
  });

  it('removes exactly its three handlers', () => {
    unregister();
    expect(ipcMain.removeHandler.mock.calls.map(([channel]) => channel).sort()).toEqual([
      'outpost:wall:close',
      'outpost:wall:displays',
      'outpost:wall:open',
    ]);
    expect(handlers.size).toBe(0);
  });
});

describe('sender check', () => {
  it.each([
    ['a foreign origin', { sender: { id: OUR_WINDOW_ID }, senderFrame: { url: 'https://evil.example/' } }],
    ['another app:// host', { sender: { id: OUR_WINDOW_ID }, senderFrame: { url: 'app://evil/index.html' } }],
    ['a file: page', { sender: { id: OUR_WINDOW_ID }, senderFrame: { url: 'file:///tmp/index.html' } }],
    ['an unknown webContents', { sender: { id: 99 }, senderFrame: { url: APP_ENTRY_URL } }],
    ['a destroyed frame', { sender: { id: OUR_WINDOW_ID }, senderFrame: null }],
  ])('refuses %s on every channel and opens nothing', async (_label, event) => {
    for (const [channel, args] of [
      ['outpost:wall:displays', []],
      ['outpost:wall:open', [PROJECTOR.id]],
      ['outpost:wall:close', []],
    ] as const) {
      await expect(call(channel, event, ...args)).rejects.toThrow(
        `${channel}: refused, the request is not from an Outpost window`,
      );
    }
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(screen.getAllDisplays).not.toHaveBeenCalled();
  });
});

describe('payload validation', () => {
  it.each([
    ['a fractional id', [1.5]],
    ['a string id', ['2']],
    ['NaN', [Number.NaN]],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['an unsafe integer', [2 ** 53]],
    ['an object', [{ displayId: 2 }]],
    ['undefined', [undefined]],
    ['no argument', []],
    ['two arguments', [2, 'extra']],
  ])('open refuses %s with a clear error and opens nothing', async (_label, args) => {
    await expect(call('outpost:wall:open', ours(), ...args)).rejects.toThrow(
      'outpost:wall:open: invalid arguments, expected one display id (an integer) or null',
    );
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(powerSaveBlocker.start).not.toHaveBeenCalled();
  });

  it('displays and close take no arguments', async () => {
    await expect(call('outpost:wall:displays', ours(), 'x')).rejects.toThrow('outpost:wall:displays: invalid arguments');
    await call('outpost:wall:open', ours(), PROJECTOR.id);
    await expect(call('outpost:wall:close', ours(), { force: true })).rejects.toThrow('outpost:wall:close: invalid arguments');
    expect(FakeBrowserWindow.instances[0]?.close).not.toHaveBeenCalled();
  });
});
