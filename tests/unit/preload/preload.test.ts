// The preload exposes exactly `window.outpost` with invoke/onEvent over our two channels, and nothing else.
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutpostBridge } from '../../../src/shared/api/bridge';

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

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = fake.exposeInMainWorld.mock.calls[0]?.[1] as OutpostBridge;
});

describe('preload', () => {
  it('exposes exactly one key, outpost, with only invoke and onEvent', () => {
    expect(fake.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(fake.exposeInMainWorld.mock.calls[0]?.[0]).toBe('outpost');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
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
