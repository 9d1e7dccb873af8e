// The preload exposes exactly `window.outpost` (invoke/onEvent over our two channels) and `window.outpostWall`
// (displays/open/close over the three wall channels), and nothing else.
import { EventEmitter } from 'node:events';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutpostBridge } from '../../../src/shared/api/bridge';
import type { WallWindowBridge } from '../../../src/shared/api/wall-window';

const fake = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => ({ id: 1, ok: true, result: 'pong' }) as unknown),
  // Filled in below: an EventEmitter standing in for ipcRenderer's listener bookkeeping.
  emitter: undefined as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  fake.emitter = new EventEmitter();
  const ipcRenderer = {
    invoke: fake.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => fake.emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => fake.emitter.removeListener(channel, listener),
  };
  return { contextBridge: { exposeInMainWorld: fake.exposeInMainWorld }, ipcRenderer };
});

let bridge: OutpostBridge;
let wall: WallWindowBridge;
const exposed = (key: string) => fake.exposeInMainWorld.mock.calls.find(([name]) => name === key)?.[1];

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = exposed('outpost') as OutpostBridge;
  wall = exposed('outpostWall') as WallWindowBridge;
});

describe('preload', () => {
  it('exposes exactly two keys: outpost with only invoke and onEvent, outpostWall with only displays, open, close', () => {
    expect(fake.exposeInMainWorld.mock.calls.map(([key]) => key).sort()).toEqual(['outpost', 'outpostWall']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.keys(wall).sort()).toEqual(['close', 'displays', 'open']);
    for (const fn of [...Object.values(bridge), ...Object.values(wall)]) expect(typeof fn).toBe('function');
  });

  it('invoke sends only the request on outpost:invoke', async () => {
    const request = { id: 1, method: 'app.info', params: {} };
    await expect(bridge.invoke(request)).resolves.toEqual({ id: 1, ok: true, result: 'pong' });
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith('outpost:invoke', request);
  });

  it('onEvent delivers only the payload, and unsubscribe removes the ipcRenderer listener', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent(listener);
    expect(fake.emitter.listenerCount('outpost:event')).toBe(1);
    const ipcEvent = { sender: 'ipcRenderer itself, must not leak' };
    const message = { event: 'settings.changed', payload: { locale: 'en', theme: 'dark' } };
    fake.emitter.emit('outpost:event', ipcEvent, message);
    expect(listener).toHaveBeenCalledExactlyOnceWith(message);

    unsubscribe();
    expect(fake.emitter.listenerCount('outpost:event')).toBe(0);
    fake.emitter.emit('outpost:event', ipcEvent, message);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('keeps separate subscriptions independent', () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.onEvent(first);
    const offSecond = bridge.onEvent(second);
    offFirst();
    fake.emitter.emit('outpost:event', {}, { event: 'sync.status', payload: {} });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    offSecond();
    expect(fake.emitter.listenerCount('outpost:event')).toBe(0);
  });
});

describe('outpostWall', () => {
  beforeEach(() => fake.invoke.mockClear());

  it('displays() invokes the displays channel with no arguments and returns what main answered', async () => {
    const displays = [{ id: 7, label: 'Projector', primary: false, width: 1920, height: 1080, scaleFactor: 1 }];
    fake.invoke.mockResolvedValueOnce(displays);
    await expect(wall.displays()).resolves.toEqual(displays);
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith('outpost:wall:displays');
  });

  it('open() sends only the display id (or null), whatever else the page passes', async () => {
    fake.invoke.mockResolvedValueOnce({ displayId: 7 });
    await expect(wall.open(7)).resolves.toEqual({ displayId: 7 });
    fake.invoke.mockResolvedValueOnce({ displayId: 1 });
    const open = wall.open as (...args: unknown[]) => Promise<unknown>;
    await open(null, { evil: true }, 'more');
    expect(fake.invoke.mock.calls).toEqual([
      ['outpost:wall:open', 7],
      ['outpost:wall:open', null],
    ]);
  });

  it('close() invokes the close channel with no arguments and resolves to undefined', async () => {
    fake.invoke.mockResolvedValueOnce(undefined);
    await expect(wall.close()).resolves.toBeUndefined();
    expect(fake.invoke).toHaveBeenCalledExactlyOnceWith('outpost:wall:close');
  });

  it("passes main's refusal on as a rejection", async () => {
    fake.invoke.mockRejectedValueOnce(new Error('outpost:wall:open: invalid arguments'));
    await expect(wall.open(1.5)).rejects.toThrow('invalid arguments');
  });
});
