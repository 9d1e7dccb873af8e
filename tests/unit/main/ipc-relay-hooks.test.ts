// The relay's extension points and main's own requests: hooks may answer early or replace a reply (a failing hook
// is INTERNAL, not a crash); main's requests use reserved `main:<n>` ids that never collide with windows' ids.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createIpcRelay, type InvokeEventLike, type IpcRelay, type RelayHooks } from '../../../src/main/ipc-relay';
import { errorResponse, type RpcRequest, type RpcResponse } from '../../../src/shared/api/rpc';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>;

const WINDOW: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: APP_ENTRY_URL } };
let core: { postMessage: ReturnType<typeof vi.fn<(message: unknown) => void>> };
let relay: IpcRelay;
let listener: Listener;

function setup(hooks?: RelayHooks) {
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  const windows = { has: (id: number) => id === 1, all: () => [] };
  relay = createIpcRelay({ ipcMain, windows, isTrustedUrl: createOriginCheck(), hooks, requestTimeoutMs: 5_000 });
  listener = ipcMain.handle.mock.calls[0]?.[1] as Listener;
  core = { postMessage: vi.fn() };
  relay.coreStarting();
  relay.coreReady(core);
}
const forwarded = () => core.postMessage.mock.calls.map(([m]) => m as RpcRequest);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hooks', () => {
  it('onRequest can answer without asking core', async () => {
    const onRequest = vi.fn((request: RpcRequest) =>
      request.method === 'sync.configure' ? errorResponse(request.id, { code: 'UNAVAILABLE', message: 'no' }) : undefined,
    );
    setup({ onRequest });
    await expect(listener(WINDOW, { id: 4, method: 'sync.configure', params: {} })).resolves.toEqual({
      id: 4,
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'no' },
    });
    expect(core.postMessage).not.toHaveBeenCalled();
    void listener(WINDOW, { id: 5, method: 'settings.get' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    expect(onRequest).toHaveBeenLastCalledWith({ id: 5, method: 'settings.get' });
  });

  it("onReply sees the window's own ids and decides what the window gets", async () => {
    const onReply = vi.fn(async (_request: RpcRequest, response: RpcResponse) => ({ ...response, result: 'replaced' }));
    setup({ onReply });
    const pending = listener(WINDOW, { id: 'w', method: 'app.info' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    relay.handleCoreMessage({ id: forwarded()[0]?.id, ok: true, result: 'original' });
    await expect(pending).resolves.toEqual({ id: 'w', ok: true, result: 'replaced' });
    expect(onReply).toHaveBeenCalledExactlyOnceWith({ id: 'w', method: 'app.info' }, { id: 'w', ok: true, result: 'original' });
  });

  it('onReply also sees the TIMEOUT the relay made up', async () => {
    const onReply = vi.fn((_request: RpcRequest, response: RpcResponse) => response);
    setup({ onReply });
    const pending = listener(WINDOW, { id: 1, method: 'app.info' });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ id: 1, error: { code: 'TIMEOUT' } });
    expect(onReply.mock.calls[0]?.[1]).toMatchObject({ id: 1, ok: false, error: { code: 'TIMEOUT' } });
  });

  it('answers INTERNAL (no details) when a hook throws', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setup({
      onReply: () => {
        throw new Error('disk on fire at /home/u/secret');
      },
    });
    const pending = listener(WINDOW, { id: 2, method: 'app.info' });
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledOnce());
    relay.handleCoreMessage({ id: forwarded()[0]?.id, ok: true, result: 1 });
    const response = await pending;
    expect(response).toMatchObject({ id: 2, ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(response)).not.toContain('disk on fire');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe("main's own requests", () => {
  const hooks = { onRequest: vi.fn(() => undefined), onReply: vi.fn((_request: RpcRequest, response: RpcResponse) => response) };
  beforeEach(() => {
    vi.clearAllMocks();
    setup(hooks);
  });

  it('use reserved main:<n> ids, skip the hooks, and are routed apart from windows', async () => {
    const fromWindow = listener(WINDOW, { id: 1, method: 'sync.status' });
    const fromMain = relay.request('sync.configure', { backendUrl: 'https://b.example', token: 't' });
    const second = relay.request('sync.status', {});
    await vi.waitFor(() => expect(core.postMessage).toHaveBeenCalledTimes(3));
    const [toWindow, toMain, toSecond] = forwarded();
    expect(toMain).toEqual({ id: 'main:1', method: 'sync.configure', params: { backendUrl: 'https://b.example', token: 't' } });
    expect(toSecond?.id).toBe('main:2');
    expect(typeof toWindow?.id).toBe('number');

    relay.handleCoreMessage({ id: 'main:1', ok: true, result: 'for main' });
    relay.handleCoreMessage({ id: toWindow?.id, ok: true, result: 'for window' });
    await expect(fromMain).resolves.toEqual({ id: 'main:1', ok: true, result: 'for main' });
    await expect(fromWindow).resolves.toEqual({ id: 1, ok: true, result: 'for window' });
    expect(hooks.onRequest).toHaveBeenCalledOnce();
    expect(hooks.onReply).toHaveBeenCalledOnce(); // the window's request only
    relay.handleCoreMessage({ id: 'main:1', ok: true, result: 'duplicate' });
    relay.coreDown('gone');
    await expect(second).resolves.toMatchObject({ id: 'main:2', ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('are held while core starts and answered UNAVAILABLE while it is down', async () => {
    relay.coreDown('gone');
    await expect(relay.request('sync.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    relay.coreStarting();
    const held = relay.request('sync.status', {});
    expect(core.postMessage).not.toHaveBeenCalled();
    relay.coreReady(core);
    expect(forwarded()).toMatchObject([{ method: 'sync.status' }]);
    relay.handleCoreMessage({ id: forwarded()[0]?.id, ok: true, result: 1 });
    await expect(held).resolves.toMatchObject({ ok: true, result: 1 });
  });
});
