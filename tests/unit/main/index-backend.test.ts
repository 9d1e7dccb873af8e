// The saved backend through the real Electron wiring of index.ts (fake electron): safeStorage comes from electron,
// the file lives in userData, core gets --no-backend (never the token on its command line) and main signs it in.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeChild } from './electron-fake';
import { startMain, type Fake } from './start-main';
import { createTokenStore } from '../../../src/main/token-store';
import type { RpcRequest, RpcResponse } from '../../../src/shared/api/rpc';

const BACKEND = { backendUrl: 'https://sync.example.com', token: 'tok-SECRET-123' };
let userData: string;

const useUserData = (fake: Fake) =>
  fake.app.getPath.mockImplementation((name: string) => (name === 'userData' ? userData : `/fake/${name}`));
const storeOf = (fake: Fake) => createTokenStore({ safeStorage: fake.safeStorage, file: join(userData, 'backend.json') });
const coreOf = (fake: Fake) => {
  const [path, args] = fake.utilityProcess.fork.mock.calls[0] ?? [];
  return { path, args: args ?? [], child: fake.utilityProcess.fork.mock.results[0]?.value as FakeChild };
};

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  userData = mkdtempSync(join(tmpdir(), 'outpost-userdata-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

describe('startup', () => {
  it('with a saved backend: core gets --no-backend, then main sends sync.configure once core is ready', async () => {
    const fake = await startMain((f) => {
      useUserData(f);
      storeOf(f).save(BACKEND);
    });
    const { args, child } = coreOf(fake);
    expect(args).toEqual([`--data-dir=${join(userData, 'replica')}`, '--app-version=9.9.9', '--no-backend']);
    expect(args.join(' ')).not.toContain(BACKEND.token); // argv is visible to every process on the machine
    expect(args.join(' ')).not.toMatch(/--backend-(url|token)/);
    expect(child.postMessage).not.toHaveBeenCalled();
    child.emit('message', { type: 'ready' });
    expect(child.postMessage.mock.calls).toEqual([[{ id: 'main:1', method: 'sync.configure', params: BACKEND }]]);
    expect(fake.safeStorage.decryptString).toHaveBeenCalled();
    fake.app.emit('will-quit');
  });

  it('without one: core gets no backend flag and main sends nothing', async () => {
    const fake = await startMain(useUserData);
    const { args, child } = coreOf(fake);
    expect(args).not.toContain('--no-backend');
    child.emit('message', { type: 'ready' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(child.postMessage).not.toHaveBeenCalled();
    fake.app.emit('will-quit');
  });
});

describe('settings', () => {
  async function configureFromWindow(fake: Fake, reply?: (request: RpcRequest) => object): Promise<RpcResponse> {
    const { child } = coreOf(fake);
    const handler = fake.ipcMain.handle.mock.calls.find(([channel]) => channel === 'outpost:invoke')?.[1];
    const id = fake.BrowserWindow.instances[0]?.webContents.id;
    child.emit('message', { type: 'ready' });
    const sender = { sender: { id }, senderFrame: { url: 'app://outpost/index.html' } };
    const pending = handler?.(sender, { id: 1, method: 'sync.configure', params: BACKEND }) as Promise<RpcResponse>;
    const forwarded = child.postMessage.mock.calls[0]?.[0] as RpcRequest | undefined;
    if (reply && forwarded) child.emit('message', reply(forwarded));
    return pending;
  }

  it("saves a window's sign-in to <userData>/backend.json with electron's safeStorage", async () => {
    const fake = await startMain(useUserData);
    const session = { backendUrl: BACKEND.backendUrl, user: { id: 'u', name: 'U', role: 'admin' }, regions: [], serverTime: 1 };
    const response = await configureFromWindow(fake, (request) => ({ id: request.id, ok: true, result: session }));
    expect(response).toEqual({ id: 1, ok: true, result: session });
    expect(fake.safeStorage.encryptString).toHaveBeenCalledOnce();
    expect(readFileSync(join(userData, 'backend.json'), 'utf8')).not.toContain(BACKEND.token);
    expect(storeOf(fake).load()).toEqual(BACKEND);
    fake.app.emit('will-quit');
  });

  it.runIf(process.platform === 'linux')('refuses a sign-in on a basic_text Linux before core sees it', async () => {
    const fake = await startMain((f) => {
      useUserData(f);
      f.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    });
    const response = await configureFromWindow(fake);
    expect(response).toMatchObject({ id: 1, ok: false, error: { code: 'UNAVAILABLE' } });
    expect(response.ok ? '' : response.error.message).toMatch(/^Outpost can't store the backend token safely/);
    expect(coreOf(fake).child.postMessage).not.toHaveBeenCalled();
    expect(existsSync(join(userData, 'backend.json'))).toBe(false);
    fake.app.emit('will-quit');
  });
});
