// Startup without a saved backend: core starts with no backend flag (so it runs the embedded demo backend) and
// main sends it nothing; a sign-in saved during the session is what a restarted core then resumes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND, SESSION, servicesHarness } from './services-harness';

const h = servicesHarness();
beforeEach(() => h.setUp());
afterEach(() => h.tearDown());

describe('without a saved backend', () => {
  it('starts core with no backend flag and sends nothing', async () => {
    h.start();
    expect(h.forks[0]?.args).toEqual([]);
    h.ready();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.child().postMessage).not.toHaveBeenCalled();
  });

  it('a sign-in saved during the session makes a restarted core start with --no-backend and resume it', async () => {
    h.start();
    h.ready();
    const pending = h.fromWindow({ id: 1, method: 'sync.configure', params: BACKEND });
    h.reply(h.posted()[0], { ok: true, result: SESSION });
    await expect(pending).resolves.toMatchObject({ ok: true });
    h.crash();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.forks[1]?.args).toEqual(['--no-backend']);
    h.ready();
    expect(h.posted()).toEqual([{ id: 'main:1', method: 'sync.configure', params: BACKEND }]);
  });

  it('a sign-out during the session makes a restarted core start without the flag again', async () => {
    h.store().save(BACKEND);
    h.start();
    h.ready();
    const pending = h.fromWindow({ id: 2, method: 'sync.signOut', params: {} });
    h.reply(h.posted()[1], { ok: true, result: {} });
    await expect(pending).resolves.toMatchObject({ ok: true });
    h.crash();
    await vi.advanceTimersByTimeAsync(500);
    expect(h.forks[1]?.args).toEqual([]);
    h.ready();
    expect(h.child().postMessage).not.toHaveBeenCalled();
  });
});
