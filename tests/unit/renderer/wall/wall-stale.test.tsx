// @vitest-environment jsdom
// The wall's truth about freshness: the stale banner when the last successful sync is older than staleAfterMin
// (and when it gets that old while the wall is up), when sync is offline or failing, when core is unreachable,
// and when the replica never synced; it says how old the figures are, and goes away on recovery.
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WALL_SETTINGS } from '../../../../src/shared/domain/wall';
import { FAKE_SYNC_STATUS } from '../helpers/fake-core';
import { advance, useWallTestLifecycle, NOW, openWall } from './wall-helpers';

vi.mock('../../../../src/renderer/src/features/war-room/scenes/registry', () => import('./fake-scenes'));

useWallTestLifecycle();

const MIN = 60_000;
const banner = () => screen.queryByTestId('wall-stale-banner');
const synced = (agoMs: number) => ({
  ...FAKE_SYNC_STATUS,
  state: 'synced' as const,
  lastSyncedAt: new Date(NOW - agoMs).toISOString(),
});
const query = 'dwellMs=100000&scenes=overview';

describe('stale banner', () => {
  it('is absent while the last sync is within staleAfterMin, and appears (with the age) once it is older', async () => {
    await openWall({ query, syncStatus: synced(5 * MIN), settings: { wall: { ...DEFAULT_WALL_SETTINGS, staleAfterMin: 15 } } });
    expect(banner()).toBeNull();
    await advance(10 * MIN - 1_000);
    expect(banner()).toBeNull();
    await advance(11_000); // the age is re-checked every few seconds
    expect(banner()?.dataset.kind).toBe('old');
    expect(banner()?.textContent).toContain('Data may be out of date: last successful sync 15 minutes ago');
  });

  it('follows the configured threshold', async () => {
    await openWall({ query, syncStatus: synced(5 * MIN), settings: { wall: { ...DEFAULT_WALL_SETTINGS, staleAfterMin: 3 } } });
    expect(banner()?.dataset.kind).toBe('old');
    expect(banner()?.textContent).toContain('5 minutes ago');
  });

  it('leaves when a sync succeeds again', async () => {
    const { core } = await openWall({ query, syncStatus: synced(60 * MIN) });
    expect(banner()?.dataset.kind).toBe('old');
    act(() => core.setSyncStatus({ state: 'synced', lastSyncedAt: new Date(NOW).toISOString() }));
    await advance(0);
    expect(banner()).toBeNull();
  });

  it('says the backend is unreachable when sync is offline or failing, with the age of the last good data', async () => {
    const { core } = await openWall({ query, syncStatus: synced(MIN) });
    expect(banner()).toBeNull();
    act(() => core.setSyncStatus({ state: 'offline', lastError: 'connect ECONNREFUSED' }));
    await advance(0);
    expect(banner()?.dataset.kind).toBe('unreachable');
    expect(banner()?.textContent).toContain('Backend unreachable: showing data from the last successful sync 1 minute ago');
    act(() => core.setSyncStatus({ state: 'error' }));
    await advance(0);
    expect(banner()?.dataset.kind).toBe('unreachable');
    act(() => core.setSyncStatus({ state: 'synced', lastSyncedAt: new Date(NOW).toISOString(), lastError: null }));
    await advance(0);
    expect(banner()).toBeNull();
  });

  it('does not flicker away during the short background retries of an offline sync', async () => {
    const { core } = await openWall({ query, syncStatus: { ...synced(MIN), state: 'offline' } });
    expect(banner()?.dataset.kind).toBe('unreachable');
    act(() => core.setSyncStatus({ state: 'syncing', progress: null }));
    await advance(500);
    expect(banner()?.dataset.kind).toBe('unreachable');
  });

  it('warns when core itself is unreachable', async () => {
    const { connection } = await openWall({ query, syncStatus: synced(MIN) });
    act(() => connection.report(false));
    await advance(0);
    expect(banner()?.dataset.kind).toBe('unreachable');
  });

  it('warns when the figures were never synced', async () => {
    await openWall({ query, syncStatus: { ...FAKE_SYNC_STATUS, state: 'idle', lastSyncedAt: null } });
    expect(banner()?.dataset.kind).toBe('never');
    expect(banner()?.textContent).toBe('These figures have never been synced with the backend.');
  });
});
