// A window's sign-out through the real relay and token store clears the saved backend once core signed out;
// other methods never touch the store.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKEND, fail, hooksHarness, ok } from './hooks-harness';

const h = hooksHarness();
beforeEach(() => {
  h.setUp();
  h.store.save(BACKEND);
  h.safeStorage.encryptString.mockClear();
});
afterEach(() => h.tearDown());

describe('sync.signOut', () => {
  it('clears the saved backend once core signed out', async () => {
    const status = { state: 'idle' };
    await expect(h.call('sync.signOut', { purge: false }, ok(status))).resolves.toEqual({ id: 'w1', ok: true, result: status });
    expect(existsSync(h.file)).toBe(false);
    expect(h.onUserChange).toHaveBeenCalledOnce();
  });

  it('keeps it when the sign-out failed', async () => {
    await h.call('sync.signOut', {}, fail('INTERNAL'));
    expect(h.store.load()).toEqual(BACKEND);
  });

  it('is not refused where tokens cannot be stored', async () => {
    h.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    await expect(h.call('sync.signOut', {}, ok({}))).resolves.toMatchObject({ ok: true });
    expect(existsSync(h.file)).toBe(false);
  });
});

describe('other methods', () => {
  it('pass through without touching the store', async () => {
    await expect(h.call('settings.get', {}, ok({ locale: 'en' }))).resolves.toEqual({
      id: 'w1',
      ok: true,
      result: { locale: 'en' },
    });
    await h.call('sync.now', {}, ok({}));
    expect(h.store.load()).toEqual(BACKEND);
    expect(h.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(h.onUserChange).not.toHaveBeenCalled();
  });
});
