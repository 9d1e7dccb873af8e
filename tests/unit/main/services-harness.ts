// The real core services (supervisor, relay, backend hooks, token store) over fake core children and a temp
// userData dir, for the startup/resume tests. Call `harness.setUp()` / `harness.tearDown()` around each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi, type MockInstance } from 'vitest';
import { FakeChild, FakeSafeStorage } from './electron-fake';
import { createCoreServices, type CoreServices } from '../../../src/main/core-services';
import { backendFile } from '../../../src/main/paths';
import { createTokenStore, type TokenStore } from '../../../src/main/token-store';
import type { RpcRequest, RpcResponse } from '../../../src/shared/api/rpc';

export const BACKEND = { backendUrl: 'https://sync.example.com', token: 'tok-SECRET-123' };
export const SESSION = {
  backendUrl: BACKEND.backendUrl,
  user: { id: 'u', name: 'U', role: 'admin' },
  regions: [],
  serverTime: 1,
};
const WINDOW = { sender: { id: 3 }, senderFrame: { url: 'app://outpost/index.html' } };

type Listener = (event: unknown, ...args: unknown[]) => Promise<RpcResponse>;

export function servicesHarness() {
  let userData = '';
  let listener: Listener | undefined;
  let services: CoreServices | undefined;
  let errors: MockInstance<typeof console.error> | undefined;
  const h = {
    safeStorage: new FakeSafeStorage(),
    forks: [] as { args: string[]; child: FakeChild }[],
    setUp() {
      vi.useFakeTimers();
      userData = mkdtempSync(join(tmpdir(), 'outpost-resume-'));
      h.safeStorage = new FakeSafeStorage();
      h.forks = [];
      errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    },
    tearDown() {
      services?.stop();
      expect(h.logged()).not.toContain(BACKEND.token);
      errors?.mockRestore();
      vi.useRealTimers();
      rmSync(userData, { recursive: true, force: true });
    },
    store: (): TokenStore => createTokenStore({ safeStorage: h.safeStorage, file: backendFile(userData) }),
    logged: () => (errors?.mock.calls ?? []).map((args) => args.join(' ')).join('\n'),
    start() {
      const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
      services = createCoreServices({
        ipcMain,
        windows: { has: (id) => id === 3, all: () => [] },
        isTrustedUrl: () => true,
        safeStorage: h.safeStorage,
        userDataDir: userData,
        platform: 'linux',
        fork: (args) => {
          const forked = { args, child: new FakeChild() };
          h.forks.push(forked);
          return forked.child;
        },
      });
      listener = ipcMain.handle.mock.calls[0]?.[1] as Listener;
      services.start();
    },
    stop: () => services?.stop(),
    /** The current core child. */
    child: () => h.forks.at(-1)?.child ?? new FakeChild(),
    ready: () => h.child().emit('message', { type: 'ready' }),
    crash: () => h.child().emit('exit', 1),
    /** What main and the relay sent to the current child. */
    posted: () => h.child().postMessage.mock.calls.map(([m]) => m as RpcRequest),
    reply: (request: RpcRequest | undefined, body: object) => h.child().emit('message', { id: request?.id, ...body }),
    /** A request from our (trusted) window. */
    fromWindow: (request: RpcRequest) => (listener ? listener(WINDOW, request) : Promise.reject(new Error('not started'))),
  };
  return h;
}
