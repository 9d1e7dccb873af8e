// The IPC relay on plain Node: sender checks, envelope checks, id rewriting, routing, events, and core failures.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createIpcRelay, type InvokeEventLike, type IpcRelay } from '../../../src/main/ipc-relay';
import { createWindowRegistry, type WebContentsLike } from '../../../src/main/window-registry';
import { MAX_REQUEST_BYTES, type RpcRequest, type RpcResponse } from '../../../src/shared/api/rpc';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>;

function fakeContents(id: number) {
  return {
    id,
    send: vi.fn<(channel: string, ...args: unknown[]) => void>(),
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
  };
}

let listener: Listener;
let relay: IpcRelay;
let core: { postMessage: ReturnType<typeof vi.fn<(message: unknown) => void>> };
let windowA: ReturnType<typeof fakeContents>;
let windowB: ReturnType<typeof fakeContents>;
let forgetB: () => void;
const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };

const from = (contents: WebContentsLike, url = APP_ENTRY_URL): InvokeEventLike => ({
  sender: { id: contents.id },
  senderFrame: { url },
});
const invoke = (event: InvokeEventLike, ...args: unknown[]) => listener(event, ...args);
const forwarded = () => core.postMessage.mock.calls.map(([message]) => message as RpcRequest);

beforeEach(() => {
  vi.useFakeTimers();
  ipcMain.handle.mockClear();
  ipcMain.removeHandler.mockClear();
  const windows = createWindowRegistry();
  windowA = fakeContents(1);
  windowB = fakeContents(2);
  windows.add(windowA);
  forgetB = windows.add(windowB);
  relay = createIpcRelay({ ipcMain, windows, isTrustedUrl: createOriginCheck(), requestTimeoutMs: 5_000 });
  expect(ipcMain.handle).toHaveBeenCalledExactlyOnceWith('outpost:invoke', expect.any(Function));
  listener = ipcMain.handle.mock.calls[0]?.[1] as Listener;
  core = { postMessage: vi.fn() };
  relay.coreStarting();
  relay.coreReady(core);
});

afterEach(() => vi.useRealTimers());

describe('sender checks', () => {
  it.each([
    ['a foreign origin', { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }],
    ['another app:// host', { sender: { id: 1 }, senderFrame: { url: 'app://evil/index.html' } }],
    ['a file: page', { sender: { id: 1 }, senderFrame: { url: 'file:///tmp/index.html' } }],
    ['an unknown webContents', { sender: { id: 99 }, senderFrame: { url: APP_ENTRY_URL } }],
    ['a destroyed frame', { sender: { id: 1 }, senderFrame: null }],
  ])('rejects %s with UNAUTHORIZED and forwards nothing', async (_label, event) => {
    const response = await invoke(event, { id: 1, method: 'settings.get', params: {} });
    expect(response).toMatchObject({ id: null, ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(core.postMessage).not.toHaveBeenCalled();
  });

  it('rejects a window once it has closed', async () => {
    forgetB();
    const response = await invoke(from(windowB), { id: 1, method: 'settings.get' });
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(core.postMessage).not.toHaveBeenCalled();
  });
});

describe('envelope checks', () => {
  it.each([
    ['no method', [{ id: 3 }], 3],
    ['an unknown key', [{ id: 4, method: 'settings.get', extra: true }], 4],
    ['a negative id', [{ id: -1, method: 'settings.get' }], null],
    ['a string', ['settings.get'], null],
    ['null', [null], null],
    ['two arguments', [{ id: 5, method: 'settings.get' }, 'extra'], 5],
    ['no arguments', [], null],
    ['oversized params', [{ id: 6, method: 'settings.update', params: { blob: 'x'.repeat(MAX_REQUEST_BYTES) } }], 6],
    ['unserializable params', [{ id: 7, method: 'settings.update', params: { n: 1n } }], 7],
  ])('rejects %s with BAD_REQUEST and forwards nothing', async (_label, args, id) => {
    const response = await invoke(from(windowA), ...args);
    expect(response).toMatchObject({ id, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(core.postMessage).not.toHaveBeenCalled();
  });
});

describe('routing', () => {
  it('rewrites ids so two windows can use the same id, and routes each reply back', async () => {
    const fromA = invoke(from(windowA), { id: 1, method: 'settings.get', params: {} });
    const fromB = invoke(from(windowB), { id: 1, method: 'sync.status' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledTimes(2));
    const [toCoreA, toCoreB] = forwarded();
    expect(toCoreA).toMatchObject({ method: 'settings.get', params: {} });
    expect(toCoreB).toMatchObject({ method: 'sync.status' });
    expect(toCoreA?.id).not.toBe(toCoreB?.id);

    // Reply out of order: B first. Each window gets its own result under its own id.
    relay.handleCoreMessage({ id: toCoreB?.id, ok: true, result: 'for B' });
    await expect(fromB).resolves.toEqual({ id: 1, ok: true, result: 'for B' });
    relay.handleCoreMessage({ id: toCoreA?.id, ok: false, error: { code: 'NOT_FOUND', message: 'x' } });
    await expect(fromA).resolves.toEqual({ id: 1, ok: false, error: { code: 'NOT_FOUND', message: 'x' } });
  });

  it('keeps string ids and ignores replies with unknown ids or duplicates', async () => {
    const pending = invoke(from(windowA), { id: 'req-1', method: 'app.info' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    const relayId = forwarded()[0]?.id;
    relay.handleCoreMessage({ id: 987654, ok: true, result: 'stray' });
    relay.handleCoreMessage({ id: 'req-1', ok: true, result: 'not by original id' });
    relay.handleCoreMessage({ id: relayId, ok: true, result: 'right' });
    relay.handleCoreMessage({ id: relayId, ok: true, result: 'duplicate' });
    await expect(pending).resolves.toEqual({ id: 'req-1', ok: true, result: 'right' });
  });

  it('holds requests while core is starting and sends them once it is ready', async () => {
    relay.coreDown('restarting');
    relay.coreStarting();
    const pending = invoke(from(windowA), { id: 9, method: 'settings.get' });
    await Promise.resolve();
    expect(core.postMessage).not.toHaveBeenCalled();
    const next = { postMessage: vi.fn<(message: unknown) => void>() };
    relay.coreReady(next);
    expect(next.postMessage).toHaveBeenCalledOnce();
    const relayId = (next.postMessage.mock.calls[0]?.[0] as RpcRequest).id;
    relay.handleCoreMessage({ id: relayId, ok: true, result: 1 });
    await expect(pending).resolves.toEqual({ id: 9, ok: true, result: 1 });
  });

  it('answers TIMEOUT when core never replies, and ignores the late reply', async () => {
    const pending = invoke(from(windowA), { id: 2, method: 'settings.get' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ id: 2, ok: false, error: { code: 'TIMEOUT' } });
    relay.handleCoreMessage({ id: forwarded()[0]?.id, ok: true, result: 'late' });
  });
});

describe('core failures', () => {
  it('fails in-flight and held requests with UNAVAILABLE when core exits', async () => {
    const first = invoke(from(windowA), { id: 1, method: 'settings.get' });
    const second = invoke(from(windowB), { id: 'b', method: 'sync.status' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledTimes(2));
    relay.coreDown('Outpost core stopped unexpectedly');
    await expect(first).resolves.toEqual({
      id: 1,
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Outpost core stopped unexpectedly' },
    });
    await expect(second).resolves.toMatchObject({ id: 'b', ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('answers UNAVAILABLE at once while core is down', async () => {
    relay.coreDown('gone');
    await expect(invoke(from(windowA), { id: 4, method: 'settings.get' })).resolves.toMatchObject({
      id: 4,
      error: { code: 'UNAVAILABLE' },
    });
    expect(core.postMessage).not.toHaveBeenCalled();
  });

  it('removes its handler and fails pending requests on dispose', async () => {
    const pending = invoke(from(windowA), { id: 1, method: 'settings.get' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    relay.dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledExactlyOnceWith('outpost:invoke');
    await expect(pending).resolves.toMatchObject({ error: { code: 'UNAVAILABLE' } });
  });
});

describe('events', () => {
  it('broadcasts core events to every live window and nothing else', () => {
    const event = { event: 'settings.changed', payload: { locale: 'en', theme: 'dark' } };
    windowB.destroyed = true;
    relay.handleCoreMessage(event);
    expect(windowA.send).toHaveBeenCalledExactlyOnceWith('outpost:event', event);
    expect(windowB.send).not.toHaveBeenCalled();
    for (const junk of [
      { type: 'ready' },
      'text',
      null,
      { event: 'x', payload: 1, extra: true },
      { id: 1, ok: true, result: 1 },
    ]) {
      relay.handleCoreMessage(junk);
    }
    expect(windowA.send).toHaveBeenCalledOnce();
  });
});
