// Startup with a saved backend, through the real core services and fake core children: core is forked with
// --no-backend and main sends it sync.configure once ready (reserved ids), retrying while the backend is
// unreachable, again after every core restart, and never over a window's own sign-in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, SESSION, servicesHarness } from './services-harness';

const h = servicesHarness();
beforeEach(() => {
  h.setUp();
  h.store().save(BACKEND);
});
afterEach(() => h.tearDown());

const fails = (code: string) => h.reply(h.posted().at(-1), { ok: false, error: { code, message: 'x' } });

describe('with a saved backend', () => {
  it('starts core with --no-backend and sends sync.configure only after ready', async () => {
    h.start();
    expect(h.forks[0]?.args).toEqual(['--no-backend']);
    expect(h.child().postMessage).not.toHaveBeenCalled();
    h.ready();
    expect(h.posted()).toEqual([{ id: 'main:1', method: 'sync.configure', params: BACKEND }]);
    h.reply(h.posted()[0], { ok: true, result: SESSION });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.child().postMessage).toHaveBeenCalledOnce();
  });

  it('retries with backoff while the backend is unreachable, and stops on a rejected token', async () => {
    h.start();
    h.ready();
    fails('UNAVAILABLE');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.posted()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.posted().map((r) => r.id)).toEqual(['main:1', 'main:2']);
    fails('TIMEOUT');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(h.posted()).toHaveLength(3);
    fails('UNAUTHORIZED');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.posted()).toHaveLength(3);
    expect(h.logged()).toContain('could not sign in to the saved backend: UNAUTHORIZED');
  });

  it('stops retrying once a window signs in elsewhere', async () => {
    h.start();
    h.ready();
    fails('UNAVAILABLE');
    await vi.advanceTimersByTimeAsync(1_000);
    const other = { backendUrl: 'https://other.example', token: 'other' };
    const pending = h.fromWindow({ id: 9, method: 'sync.configure', params: other });
    h.reply(h.posted()[1], { ok: true, result: { ...SESSION, backendUrl: other.backendUrl } });
    await expect(pending).resolves.toMatchObject({ id: 9, ok: true });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.posted().map((r) => r.id)).toEqual(['main:1', 1]);
  });

  it("lets a window's sign-in sent during startup win over the saved backend", async () => {
    h.start();
    const other = { backendUrl: 'https://other.example', token: 'other' };
    const pending = h.fromWindow({ id: 1, method: 'sync.configure', params: other });
    h.ready();
    expect(h.posted()).toMatchObject([{ id: 1, method: 'sync.configure', params: other }]);
    h.reply(h.posted()[0], { ok: true, result: { ...SESSION, backendUrl: other.backendUrl } });
    await expect(pending).resolves.toMatchObject({ id: 1, ok: true });
    expect(h.store().load()).toEqual(other);
  });

  it('signs the restarted core in again, and stays quiet when quitting meanwhile', async () => {
    h.start();
    h.ready();
    h.crash();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.forks).toHaveLength(2);
    expect(h.forks[1]?.args).toEqual(['--no-backend']);
    h.ready();
    expect(h.posted()).toMatchObject([{ method: 'sync.configure', params: BACKEND }]);
    h.stop(); // quitting with that request in flight is not a failed sign-in
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.logged()).not.toContain('could not sign in');
    expect(h.forks).toHaveLength(2);
  });

  it('keeps core off the demo backend when the saved file cannot be decrypted, and sends nothing', () => {
    h.safeStorage.decryptString.mockImplementation(() => {
      throw new Error('keyring locked');
    });
    h.start();
    h.ready();
    expect(h.forks[0]?.args).toEqual(['--no-backend']);
    expect(h.child().postMessage).not.toHaveBeenCalled();
    expect(h.logged()).toContain('could not read the saved backend: keyring locked');
  });
});
