// The analytics API end to end: a real core syncing from the demo backend (planted patterns) answers every scene for
// the current week from one checkpoint, lists and details the exceptions the engine found after the initial sync,
// follows incremental syncs with a targeted re-evaluation (`data.changed`, full: false), and announces the
// director's own exception writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/server';
import type { DataChanged } from '../../../src/shared/api/analytics-methods';
import { OutpostError } from '../../../src/shared/api/errors';
import { WALL_SCENE_IDS } from '../../../src/shared/domain/wall';
import { startCore, waitForState, type CoreHarness } from '../sync/core-harness';

let server: RunningServer;
let h: CoreHarness;
const changes: DataChanged[] = [];

beforeAll(async () => {
  server = await startServer({
    store: { kind: 'pglite', dataDir: null },
    seed: { scale: 'demo', seed: 5, now: Date.now(), plants: true },
  });
  const token = server.demoTokens['demo-director'];
  if (!token) throw new Error('the demo backend has no demo-director token');
  h = startCore({ url: server.url, token });
  h.client.on('data.changed', (c) => changes.push(c));
}, 90_000);

afterAll(async () => {
  h?.close();
  await server?.close();
});

const cursor = () =>
  h.readReplica((db) => String((db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor));

describe('analytics API over a synced replica', () => {
  it('announces a full evaluation once the initial sync completed', async () => {
    await waitForState(h, 'synced');
    await expect.poll(() => changes.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(changes[0]).toMatchObject({ full: true, asOf: { checkpointId: cursor() } });
  });

  it('answers a scene for the current ISO week by default, as of the replica checkpoint', async () => {
    const overview = await h.client.call('analytics.overview', {});
    expect(overview.period.kind).toBe('week');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // demo regions are UTC+8
    expect(overview.period.from <= today && today <= overview.period.to).toBe(true);
    expect(overview.asOf.checkpointId).toBe(cursor());
    expect(overview.scope.regionIds.length).toBeGreaterThan(0);
  });

  it('reads every wall scene from one snapshot', async () => {
    const wall = await h.client.call('analytics.wall', { scenes: [...WALL_SCENE_IDS] });
    expect(Object.keys(wall.scenes).sort()).toEqual([...WALL_SCENE_IDS].sort());
    for (const scene of Object.values(wall.scenes)) expect(scene?.asOf).toEqual(wall.asOf);
    const two = await h.client.call('analytics.wall', { scenes: ['trends', 'overview'] });
    expect(Object.keys(two.scenes).sort()).toEqual(['overview', 'trends']);
  });

  it('lists the exceptions found after the initial sync and details one; an unknown key is NOT_FOUND', async () => {
    const list = await h.client.call('exceptions.list', { limit: 50 });
    expect(list.total).toBeGreaterThan(0);
    const first = list.items[0];
    if (!first) throw new Error('no exception found in the planted demo data');
    const detail = await h.client.call('exceptions.detail', { key: first.key });
    expect(detail.current.key).toBe(first.key);
    const missing = await h.client.call('exceptions.detail', { key: 'no_such_rule:nobody' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OutpostError);
    expect((missing as OutpostError).code).toBe('NOT_FOUND');
  });

  it('rejects impossible periods with BAD_REQUEST instead of computing them', async () => {
    for (const period of [
      { kind: 'custom', from: '2026-03-01', to: '2026-02-01' },
      { kind: 'custom', from: '1900-01-01', to: '2900-01-01' },
      { kind: 'day', date: '2026-02-30' },
      { kind: 'month', month: '2026-13' },
    ] as const) {
      const err = await h.client.call('analytics.overview', { period }).catch((e: unknown) => e);
      expect((err as OutpostError).code, JSON.stringify(period)).toBe('BAD_REQUEST');
    }
  });

  it('follows an incremental sync with a targeted re-evaluation', async () => {
    const before = changes.length;
    const [rep] = await server.store.readTable('reps', await server.store.getGrants('demo-director'));
    if (!rep) throw new Error('no rep in the demo data');
    await server.store.writeRows('reps', [[...rep.slice(0, 2), '改名的代表', ...rep.slice(3)]]);
    expect((await h.sync()).state).toBe('synced');
    await expect.poll(() => changes.length, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(changes.at(-1)).toMatchObject({ full: false, asOf: { checkpointId: cursor() } });
  });

  it('stays quiet after a sync that brought nothing', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const before = changes.length;
    expect((await h.sync()).state).toBe('synced');
    await new Promise((r) => setTimeout(r, 100));
    expect(changes.length).toBe(before);
  });

  it("announces the director's acknowledgement and lists it as acknowledged", async () => {
    const [item] = (await h.client.call('exceptions.list', { limit: 1 })).items;
    if (!item) throw new Error('no exception to acknowledge');
    const before = changes.length;
    await h.client.call('exceptionStates.set', {
      key: item.key,
      regionId: item.regionId,
      status: 'acknowledged',
      note: '周会跟进',
    });
    await expect.poll(() => changes.length, { timeout: 5_000 }).toBeGreaterThan(before);
    const acked = await h.client.call('exceptions.list', { statuses: ['acknowledged'], subjectIds: [item.subjectId] });
    expect(acked.items.map((i) => i.key)).toContain(item.key);
  });
});
