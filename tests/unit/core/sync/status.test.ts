// The status tracker: progress-only updates are throttled but the held one is emitted when the throttle window
// ends (the bar never sits at an old figure while a slow page downloads), close() cancels it; an error's kind and
// a backend's kind travel with their text/URL; the embedded demo backend is told apart from a configured one.
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { EMBEDDED_BACKEND_ID as HOST_EMBEDDED_ID } from '../../../../src/core/host/host-backend';
import { EMBEDDED_BACKEND_ID } from '../../../../src/core/sync/session';
import { backendFacts, createStatusTracker } from '../../../../src/core/sync/status';
import type { SyncErrorKind } from '../../../../src/core/sync/sync-error';
import { syncStatusSchema, type SyncErrorKindName, type SyncStatus } from '../../../../src/shared/domain/sync-status';

afterEach(() => {
  vi.useRealTimers();
});

function tracker(throttleMs = 250) {
  const emitted: SyncStatus[] = [];
  const t = createStatusTracker({ emit: (s) => emitted.push(s), throttleMs, now: () => Date.now() });
  return { t, emitted };
}

describe('status tracker', () => {
  it('emits a held progress update at the end of the throttle window, without waiting for another update', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { t, emitted } = tracker(250);
    t.update({ state: 'syncing', progress: 0 });
    expect(emitted.map((s) => s.progress)).toEqual([0]);
    vi.advanceTimersByTime(10);
    t.update({ progress: 0.1, rowsSynced: 5_000 }, { progressOnly: true }); // inside the window: held
    t.update({ progress: 0.2, rowsSynced: 10_000 }, { progressOnly: true }); // still held (one timer)
    expect(emitted).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(239);
    expect(emitted).toHaveLength(1);
    vi.advanceTimersByTime(1); // the window ends: the latest facts go out although no update followed
    expect(emitted.map((s) => [s.progress, s.rowsSynced])).toEqual([
      [0, null],
      [0.2, 10_000],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    // Throttling restarts from that emission.
    t.update({ progress: 0.3 }, { progressOnly: true });
    expect(emitted).toHaveLength(2);
    vi.advanceTimersByTime(250);
    expect(emitted.map((s) => s.progress)).toEqual([0, 0.2, 0.3]);
  });

  it('a state change emits at once and carries (and cancels) the held progress', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { t, emitted } = tracker(250);
    t.update({ state: 'syncing', progress: 0 });
    t.update({ progress: 0.5 }, { progressOnly: true });
    t.update({ state: 'error', lastError: 'HTTP 503', lastErrorKind: 'server' });
    expect(emitted.at(-1)).toMatchObject({ state: 'error', progress: 0.5 });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(emitted).toHaveLength(2);
  });

  it('close() cancels the held update and emits nothing afterwards', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { t, emitted } = tracker(250);
    t.update({ state: 'syncing', progress: 0 });
    t.update({ progress: 0.5 }, { progressOnly: true });
    t.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    t.update({ state: 'idle' });
    expect(emitted).toHaveLength(1);
    expect(t.current()).toMatchObject({ state: 'idle', progress: 0.5 }); // facts still follow, for status()
  });

  it('keeps an error kind with its text, and clears it with the text', () => {
    const { t, emitted } = tracker(0);
    t.update({ state: 'offline', lastError: 'Cannot reach http://127.0.0.1:9', lastErrorKind: 'network' });
    expect(emitted.at(-1)).toMatchObject({ lastError: 'Cannot reach http://127.0.0.1:9', lastErrorKind: 'network' });
    t.update({ state: 'synced', lastError: null }); // as runCycle's success path and engine begin()/signOut() do
    expect(emitted.at(-1)).toMatchObject({ state: 'synced', lastError: null, lastErrorKind: null });
    t.update({ state: 'error', lastError: 'from a producer that knows no kind' });
    expect(emitted.at(-1)?.lastErrorKind).toBeNull(); // never the stale 'network'
    for (const status of emitted) expect(syncStatusSchema.parse(status)).toEqual(status);
  });

  it('tells the embedded demo backend from a configured one, and forgets the kind with the URL', () => {
    expect(HOST_EMBEDDED_ID).toBe(EMBEDDED_BACKEND_ID); // the id the hosts give it is the one the status checks
    expect(backendFacts({ url: 'http://127.0.0.1:4100/', token: 't', id: EMBEDDED_BACKEND_ID })).toEqual({
      backendUrl: 'http://127.0.0.1:4100',
      backendKind: 'embedded',
    });
    expect(backendFacts({ url: 'https://crm.example.cn', token: 't' })).toEqual({
      backendUrl: 'https://crm.example.cn',
      backendKind: 'remote',
    });
    const { t, emitted } = tracker(0);
    t.update(backendFacts({ url: 'http://127.0.0.1:4100', token: 't', id: EMBEDDED_BACKEND_ID }));
    expect(emitted.at(-1)).toMatchObject({ backendUrl: 'http://127.0.0.1:4100', backendKind: 'embedded' });
    t.update({ backendUrl: null }); // sign-out
    expect(emitted.at(-1)).toMatchObject({ backendUrl: null, backendKind: null });
    t.update({ backendUrl: 'https://other.example.cn' }); // a URL alone: kind unknown, never the old one
    expect(emitted.at(-1)?.backendKind).toBeNull();
  });

  it('the shared status enum names exactly the sync engine error kinds', () => {
    expectTypeOf<SyncErrorKindName>().toEqualTypeOf<SyncErrorKind>();
  });
});
