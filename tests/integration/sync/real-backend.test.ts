// Sync against the REAL reference backend (src/server on PGlite), through a real core and its API: initial
// sync equals the server's rows for the granted regions (per-table counts and content hashes), incremental
// sync (writes, deletes, a row moving region), scope revoke and grant, reset after compaction keeping the
// outbox, and local writes applied exactly once through a lost reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutpostError } from '../../../src/shared/api/errors';
import type { FaultAction, RouteId, RunningServer } from '../../../src/server/server';
import { wireRow } from '../../unit/core/sync/helpers';
import { startCore, waitForState, type CoreHarness } from './core-harness';
import { TABLES, TABLE_NAMES } from '../../../src/shared/sync/tables';
import { seededRandom } from '../../helpers/fuzz';
import { ALL_REGIONS, DIRECTOR, EXPIRED_TOKEN, replicaDigests, seedRows, serverDigests, startFixtureServer } from './fixture';

const SCOPED = TABLE_NAMES.filter((t) => TABLES[t].regionScoped);
let server: RunningServer;
let h: CoreHarness;
/** The next faults the server hooks inject, per route (consumed in order). */
const faults: Partial<Record<RouteId, FaultAction[]>> = {};

const expectReplicaMatchesServer = async (regions: string[]) => {
  const expected = await serverDigests(server.store, regions);
  expect(h.readReplica(replicaDigests)).toEqual(expected);
};

beforeAll(async () => {
  server = await startFixtureServer({ rowsPerTable: 60, hooks: { beforeReply: (route) => faults[route]?.shift() } });
  h = startCore({ url: server.url, token: DIRECTOR.token }, { pageSize: 150, backoff: { baseMs: 600_000 } });
});

afterAll(async () => {
  h.close();
  await server.close();
});

describe('sync with the reference backend', () => {
  it('initial sync at launch: the replica equals the server for the granted regions', async () => {
    const status = await waitForState(h, 'synced');
    expect(status).toMatchObject({ lastError: null, pendingOutbox: 0, progress: null });
    expect(h.statuses.some((s) => s.state === 'syncing' && s.progress !== null && s.progress > 0 && s.progress < 1)).toBe(true);
    await expectReplicaMatchesServer(DIRECTOR.regions);
    const counts = h.readReplica((db) => db.prepare("SELECT count(*) AS n FROM reps WHERE region_id IN ('north', 'west')").get());
    expect(counts).toEqual({ n: 0 });
  });

  it('incremental sync: new rows, deletes and a row that moves to a region not granted', async () => {
    await seedRows(server.store, ['east', 'south', 'north'], 60, 7);
    await server.store.deleteRows('activities', ['activities-east-3', 'activities-south-4']);
    await server.store.writeRows('deals', [wireRow('deals', 'north', 5, { id: 'deals-east-5' })]); // moves east → north
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(DIRECTOR.regions);
    expect(h.readReplica((db) => db.prepare("SELECT count(*) AS n FROM deals WHERE id = 'deals-east-5'").get())).toEqual({
      n: 0,
    });
  });

  it('scope: a revoked region leaves every table; a granted one is backfilled', async () => {
    await server.store.setGrants(DIRECTOR.id, ['east']);
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(['east']);
    await server.store.setGrants(DIRECTOR.id, ['east', 'north']);
    await seedRows(server.store, ['north'], 67, 2);
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(['east', 'north']);
    await server.store.setGrants(DIRECTOR.id, DIRECTOR.regions);
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(DIRECTOR.regions);
  });

  it('property: over random grant changes and writes, the replica holds exactly the granted regions', async () => {
    const rand = seededRandom(31);
    for (let step = 0; step < 8; step++) {
      const regions = ALL_REGIONS.filter(() => rand() < 0.5);
      await server.store.setGrants(DIRECTOR.id, regions);
      if (rand() < 0.6) await seedRows(server.store, ALL_REGIONS, 100 + step * 2, 2);
      expect((await h.sync()).state, `step ${step}: ${regions.join(',')}`).toBe('synced');
      await expectReplicaMatchesServer(regions);
      const held = h.readReplica((db) =>
        SCOPED.flatMap((t) => (db.prepare(`SELECT DISTINCT region_id AS r FROM ${t}`).all() as { r: string }[]).map((x) => x.r)),
      );
      expect(
        held.filter((r) => !regions.includes(r)),
        `step ${step}`,
      ).toEqual([]);
    }
    await server.store.setGrants(DIRECTOR.id, DIRECTOR.regions);
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(DIRECTOR.regions);
  });

  it('validates local writes: a region this replica does not hold is refused', async () => {
    const err = await h.client
      .call('annotations.create', { regionId: 'west', subjectType: 'deal', subjectId: 'deals-west-1', body: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutpostError);
    expect((err as OutpostError).code).toBe('BAD_REQUEST');
    expect((await h.client.call('outbox.list', {})).counts.pending).toBe(0);
  });

  it('local writes reach the server exactly once, even when the reply is lost after the server committed', async () => {
    faults.mutations = [{ dropReply: true }];
    const { id } = await h.client.call('annotations.create', {
      regionId: 'east',
      subjectType: 'deal',
      subjectId: 'deals-east-1',
      body: '跟进报价',
    });
    const item = await h.client.call('actionItems.upsert', {
      regionId: 'south',
      title: '补齐演示反馈',
      status: 'open',
      due: '2026-11-20',
    });
    await h.client.call('exceptionStates.set', {
      key: 'phi_drop:east',
      regionId: 'east',
      status: 'acknowledged',
      note: '周会跟进',
    });
    const status = await h.sync();
    expect(status).toMatchObject({ state: 'synced', pendingOutbox: 0 });
    expect(faults.mutations).toEqual([]); // the lost reply did happen
    const list = await h.client.call('outbox.list', {});
    expect(list.entries.map((e) => [e.type, e.status])).toEqual([
      ['exception_state.set', 'synced'],
      ['action_item.upsert', 'synced'],
      ['annotation.create', 'synced'],
    ]);
    expect(list.entries[2]?.attempts).toBeGreaterThanOrEqual(2); // sent, answer lost, sent again
    const applied = await server.store.sql.query('SELECT count(*) FROM applied_mutations');
    expect(Number(applied[0]?.[0])).toBe(3);
    const logged = await server.store.sql.query(`SELECT count(*) FROM change_log WHERE row_id = $1`, [id]);
    expect(Number(logged[0]?.[0])).toBe(1);
    // Updating the action item keeps its created_at; the replica ends equal to the server.
    await h.client.call('actionItems.upsert', { id: item.id, regionId: 'south', title: '补齐演示反馈', status: 'done' });
    expect((await h.sync()).state).toBe('synced');
    await expectReplicaMatchesServer(DIRECTOR.regions);
  });

  it('re-syncs from scratch after compaction and keeps the outbox (pending writes stay visible)', async () => {
    // A replica of its own, re-synced in many small pages after the compaction (the packed log keeps every
    // cursor of a fresh sync above the horizon).
    const fresh = startCore({ url: server.url, token: DIRECTOR.token }, { pageSize: 50, backoff: { baseMs: 600_000 } });
    try {
      await waitForState(fresh, 'synced');
      faults.mutations = Array.from({ length: 50 }, () => ({ status: 503 }));
      await fresh.client.call('annotations.create', {
        regionId: 'south',
        subjectType: 'rep',
        subjectId: 'reps-south-2',
        body: '离线批注',
      });
      expect((await fresh.sync()).state).toBe('error');
      // Rewrite every row twice, then compact: the packed log is much shorter than the history, so the horizon
      // rises above this replica's cursor and the next request is answered with reset.
      const cursor = fresh.readReplica((db) => (db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor);
      for (let i = 0; i < 2; i++) await seedRows(server.store, ALL_REGIONS, 0, 60);
      const { horizon } = await server.store.compactLog((await server.store.highWater()) + 1);
      expect(horizon).toBeGreaterThan(cursor);
      const from = fresh.statuses.length;
      const resynced = await fresh.sync();
      expect(resynced.lastError).toMatch(/HTTP 503/); // re-synced; only the outbox still cannot be pushed
      const progress = fresh.statuses.slice(from).flatMap((s) => (s.progress === null ? [] : [s.progress]));
      expect(progress[0]).toBe(0); // the reset started a new initial sync, with progress
      expect(progress.length).toBeGreaterThan(5);
      const note = fresh.readReplica((db) => db.prepare("SELECT count(*) AS n FROM annotations WHERE body = '离线批注'").get());
      expect(note).toEqual({ n: 1 });
      expect((await fresh.client.call('outbox.list', { status: 'pending' })).entries).toHaveLength(1);
      faults.mutations = [];
      const status = await fresh.sync();
      expect(status).toMatchObject({ state: 'synced', pendingOutbox: 0 });
      const expected = await serverDigests(server.store, DIRECTOR.regions);
      expect(fresh.readReplica(replicaDigests)).toEqual(expected);
    } finally {
      fresh.close();
    }
  });

  it('signs out and in again through the API, keeping the replica of the same backend and user', async () => {
    const cursorOf = () =>
      h.readReplica((db) => (db.prepare('SELECT cursor FROM sync_state').get() as { cursor: number }).cursor);
    const cursor = cursorOf();
    expect(cursor).toBeGreaterThan(0);
    expect(await h.client.call('sync.signOut', {})).toMatchObject({ state: 'idle', backendUrl: null });
    const refused = await h.client
      .call('sync.configure', { backendUrl: server.url, token: EXPIRED_TOKEN })
      .catch((e: unknown) => e);
    expect((refused as OutpostError).code).toBe('UNAUTHORIZED');
    expect((refused as OutpostError).message).toMatch(/expired/i);
    const session = await h.client.call('sync.configure', { backendUrl: `${server.url}/`, token: DIRECTOR.token });
    expect(session).toMatchObject({
      backendUrl: server.url,
      user: { id: DIRECTOR.id, role: 'director' },
      regions: DIRECTOR.regions,
    });
    expect(cursorOf()).toBe(cursor); // same backend and user: the replica was kept, the sync continues from its cursor
    expect(await h.client.call('sync.now', { wait: true })).toMatchObject({ state: 'synced', backendUrl: server.url });
    await expectReplicaMatchesServer(DIRECTOR.regions);
  });
});
