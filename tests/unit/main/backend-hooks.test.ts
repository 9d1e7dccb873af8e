// A window's sign-in through the real relay and token store: a successful sync.configure is saved encrypted, a
// failed one is not, and where the token cannot be kept safely core is never asked and the window learns why.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, SESSION, fail, hooksHarness, ok } from './hooks-harness';

const h = hooksHarness();
beforeEach(() => h.setUp());
afterEach(() => h.tearDown());

const messageOf = (response: { ok: boolean; error?: { message: string } }) => response.error?.message ?? '';

describe('sync.configure', () => {
  it('saves the backend, encrypted, once core accepted it', async () => {
    await expect(h.call('sync.configure', BACKEND, ok(SESSION))).resolves.toEqual({ id: 'w1', ok: true, result: SESSION });
    expect(h.store.load()).toEqual(BACKEND);
    expect(readFileSync(h.file, 'utf8')).not.toContain(BACKEND.token);
    expect(h.onUserChange).toHaveBeenCalledOnce();
  });

  it.each([
    ['a rejected token', fail('UNAUTHORIZED')],
    ['an unreachable backend', fail('UNAVAILABLE')],
    ['bad params', fail('BAD_REQUEST')],
  ])('saves nothing after %s and passes the error on unchanged', async (_label, reply) => {
    const response = await h.call('sync.configure', BACKEND, reply);
    expect(response).toMatchObject({ id: 'w1', ok: false, error: { message: 'nope' } });
    expect(existsSync(h.file)).toBe(false);
    expect(h.safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('keeps the backend saved before when a new one fails', async () => {
    await h.call('sync.configure', BACKEND, ok(SESSION));
    await h.call('sync.configure', { backendUrl: 'https://other.example', token: 'x' }, fail('UNAUTHORIZED'));
    expect(h.store.load()).toEqual(BACKEND);
  });

  it('saves nothing when core never answers', async () => {
    vi.useFakeTimers();
    try {
      const pending = h.call('sync.configure', BACKEND);
      await vi.advanceTimersByTimeAsync(30_000);
      await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      expect(existsSync(h.file)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses with UNAVAILABLE and the keyring message, without asking core, on a basic_text Linux', async () => {
    h.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const response = await h.call('sync.configure', BACKEND);
    expect(response).toEqual({
      id: 'w1',
      ok: false,
      error: { code: 'UNAVAILABLE', reason: 'KEYRING_REFUSED', message: h.store.refusal() },
    });
    expect(messageOf(response)).toMatch(/^Outpost can't store the backend token safely.*GNOME Keyring or KWallet/);
    expect(h.core.postMessage).not.toHaveBeenCalled();
    expect(h.onUserChange).not.toHaveBeenCalled();
    expect(existsSync(h.file)).toBe(false);
  });

  it('refuses when encryption is not available at all', async () => {
    h.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const response = await h.call('sync.configure', BACKEND);
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', reason: 'KEYRING_REFUSED' } });
    expect(messageOf(response)).toContain('no system keyring');
    expect(h.core.postMessage).not.toHaveBeenCalled();
    expect(existsSync(h.file)).toBe(false);
  });

  it('turns the reply into UNAVAILABLE when saving fails after core switched', async () => {
    h.safeStorage.encryptString.mockImplementationOnce(() => {
      throw new Error('encryption failed');
    });
    const response = await h.call('sync.configure', BACKEND, ok(SESSION));
    expect(response).toMatchObject({ id: 'w1', ok: false, error: { code: 'UNAVAILABLE' } });
    expect(messageOf(response)).toMatch(/^Connected for this session only.*encryption failed/);
    expect(existsSync(h.file)).toBe(false);
  });
});
