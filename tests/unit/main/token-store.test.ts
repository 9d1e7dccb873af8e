// The saved backend file: encrypted with safeStorage (the token never reaches the disk in plain text), written
// atomically, round-trips, and refused with a clear message where safeStorage would not protect it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSafeStorage } from './electron-fake';
import { createTokenStore, TokenStorageRefusedError, type TokenStore } from '../../../src/main/token-store';

const BACKEND = { backendUrl: 'https://sync.example.com/outpost', token: 'tok-SECRET-4711-abcdefghijklmnop' };
const KEYRING_HINT = 'Install/unlock a keyring (GNOME Keyring or KWallet) and try again.';

let dir: string;
let file: string;
let safeStorage: FakeSafeStorage;
let store: TokenStore;

const storeOn = (platform: NodeJS.Platform) => createTokenStore({ safeStorage, file, platform });
const dirEntries = () => (existsSync(dir) ? readdirSync(dir) : []);

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'outpost-token-')), 'userData'); // not created yet: save must create it
  file = join(dir, 'backend.json');
  safeStorage = new FakeSafeStorage();
  store = storeOn('linux');
});

afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('save and load', () => {
  it('writes only encrypted data, owner-only, and leaves no temp file', () => {
    store.save(BACKEND);
    expect(safeStorage.encryptString).toHaveBeenCalledOnce();
    expect(safeStorage.encryptString.mock.calls[0]?.[0]).toContain(BACKEND.token);
    const text = readFileSync(file, 'utf8');
    for (const secret of [BACKEND.token, Buffer.from(BACKEND.token).toString('base64'), 'SECRET', BACKEND.backendUrl]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text)).toEqual({ version: 1, encrypted: expect.any(String) });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(dirEntries()).toEqual(['backend.json']);
  });

  it('round-trips through decryptString, and reports what it has', () => {
    expect(store.has()).toBe(false);
    expect(store.load()).toBeNull();
    store.save(BACKEND);
    expect(store.has()).toBe(true);
    expect(createTokenStore({ safeStorage, file }).load()).toEqual(BACKEND);
    expect(safeStorage.decryptString).toHaveBeenCalledOnce();
    store.save({ backendUrl: 'http://10.0.0.7:8080', token: 'second' });
    expect(store.load()).toEqual({ backendUrl: 'http://10.0.0.7:8080', token: 'second' });
  });

  it('clears the saved backend, and clearing nothing is fine', () => {
    store.clear();
    store.save(BACKEND);
    store.clear();
    expect(store.has()).toBe(false);
    expect(store.load()).toBeNull();
    expect(dirEntries()).toEqual([]);
  });

  it('throws on a file it cannot decrypt or parse, without deleting it', () => {
    store.save(BACKEND);
    safeStorage.decryptString.mockImplementationOnce(() => {
      throw new Error('keyring locked');
    });
    expect(() => store.load()).toThrow('keyring locked');
    writeFileSync(file, '{"version":1,"encrypted":"bm90IG91cnM="}'); // "not ours" under no key
    expect(() => store.load()).toThrow();
    writeFileSync(file, 'garbage');
    expect(() => store.load()).toThrow();
    expect(store.has()).toBe(true);
  });

  it('keeps the previous file when encryption fails, and removes its temp file when the rename fails', () => {
    store.save(BACKEND);
    safeStorage.encryptString.mockImplementationOnce(() => {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    });
    expect(() => store.save({ backendUrl: 'https://other.example', token: 'other' })).toThrow(/encrypting/);
    expect(store.load()).toEqual(BACKEND);

    rmSync(file);
    mkdirSync(file); // a directory where the file should go: the rename cannot replace it
    expect(() => store.save(BACKEND)).toThrow();
    expect(dirEntries()).toEqual(['backend.json']);
  });
});

describe('refusal', () => {
  it.each(['basic_text', 'unknown'])("refuses the '%s' backend on Linux with the message, writing nothing", (backend) => {
    safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
    const message = store.refusal();
    expect(message).toMatch(/^Outpost can't store the backend token safely on this computer: no system keyring \(/);
    expect(message).toContain(`'${backend}'`);
    expect(message).toContain(KEYRING_HINT);
    expect(() => store.save(BACKEND)).toThrow(TokenStorageRefusedError);
    expect(() => store.save(BACKEND)).toThrow(message ?? 'unreachable');
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(dirEntries()).toEqual([]);
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'])('accepts the %s keyring on Linux', (backend) => {
    safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
    expect(store.refusal()).toBeNull();
    store.save(BACKEND);
    expect(store.load()).toEqual(BACKEND);
  });

  it.each(['linux', 'darwin', 'win32'] as const)('refuses on %s when encryption is not available', (platform) => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const platformStore = storeOn(platform);
    const message = platformStore.refusal();
    expect(message).toContain("Outpost can't store the backend token safely on this computer: no system keyring");
    expect(message).toContain('system encryption is not available');
    expect(message?.includes(KEYRING_HINT)).toBe(platform === 'linux');
    expect(() => platformStore.save(BACKEND)).toThrow(TokenStorageRefusedError);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(dirEntries()).toEqual([]);
  });

  it('does not ask for the Linux storage backend elsewhere', () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const mac = storeOn('darwin');
    expect(mac.refusal()).toBeNull();
    mac.save(BACKEND);
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
    expect(mac.load()).toEqual(BACKEND);
  });
});
