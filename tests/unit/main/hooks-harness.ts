// The real relay with the backend hooks and a token store in a temp dir, a fake core link and one trusted window,
// for the sign-in / sign-out tests. Call `harness.setUp()` / `harness.tearDown()` around each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { FakeSafeStorage } from './electron-fake';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createBackendHooks } from '../../../src/main/backend-hooks';
import { createIpcRelay, type InvokeEventLike, type IpcRelay } from '../../../src/main/ipc-relay';
import { createTokenStore, type TokenStore } from '../../../src/main/token-store';
import type { RpcRequest, RpcResponse } from '../../../src/shared/api/rpc';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<RpcResponse>;
type CoreReply = (id: number) => unknown;

export const BACKEND = { backendUrl: 'https://sync.example.com', token: 'tok-SECRET-123' };
export const SESSION = {
  backendUrl: BACKEND.backendUrl,
  user: { id: 'u1', name: 'D', role: 'director' },
  regions: [],
  serverTime: 1,
};
export const ok =
  (result: unknown): CoreReply =>
  (id) => ({ id, ok: true, result });
export const fail =
  (code: string, message = 'nope'): CoreReply =>
  (id) => ({ id, ok: false, error: { code, message } });

const WINDOW = { sender: { id: 7 }, senderFrame: { url: APP_ENTRY_URL } };

export function hooksHarness() {
  let dir = '';
  let relay: IpcRelay | undefined;
  let listener: Listener | undefined;
  const h = {
    file: '',
    safeStorage: new FakeSafeStorage(),
    store: undefined as unknown as TokenStore,
    core: { postMessage: vi.fn<(message: unknown) => void>() },
    onUserChange: vi.fn<() => void>(),
    setUp() {
      dir = mkdtempSync(join(tmpdir(), 'outpost-hooks-'));
      h.file = join(dir, 'backend.json');
      h.safeStorage = new FakeSafeStorage();
      h.store = createTokenStore({ safeStorage: h.safeStorage, file: h.file, platform: 'linux' });
      h.core = { postMessage: vi.fn() };
      h.onUserChange = vi.fn();
      const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
      const hooks = createBackendHooks({ store: h.store, onUserChange: h.onUserChange });
      relay = createIpcRelay({
        ipcMain,
        windows: { has: (id) => id === 7, all: () => [] },
        isTrustedUrl: createOriginCheck(),
        hooks,
      });
      listener = ipcMain.handle.mock.calls[0]?.[1] as Listener;
      relay.coreStarting();
      relay.coreReady(h.core);
    },
    tearDown() {
      relay?.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
    /** The window sends `method`; core (when `reply` is given) answers. Resolves with what the window gets. */
    async call(method: string, params: unknown, reply?: CoreReply): Promise<RpcResponse> {
      if (!listener || !relay) throw new Error('call setUp() first');
      const before = h.core.postMessage.mock.calls.length;
      const pending = listener(WINDOW, { id: 'w1', method, params });
      if (reply) {
        await vi.waitFor(() => expect(h.core.postMessage).toHaveBeenCalledTimes(before + 1));
        const forwarded = h.core.postMessage.mock.calls[before]?.[0] as RpcRequest;
        relay.handleCoreMessage(reply(forwarded.id as number));
      }
      return pending;
    },
  };
  return h;
}
