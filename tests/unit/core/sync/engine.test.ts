// The sync engine end to end against an in-memory protocol backend (fake-backend.ts) over real HTTP: initial
// sync with progress, incremental sync, scope changes, reset after compaction, outbox pushes, cancellation,
// the error kind in the status, offline retries within the interval, the WAL truncated after the initial sync.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReplica, type Db } from '../../../../src/core/db/open';
import { listOutbox } from '../../../../src/core/db/repos/outbox-repo';
import { readSyncState } from '../../../../src/core/db/repos/sync-state-repo';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../../src/core/sync/engine';
import { EMBEDDED_BACKEND_ID } from '../../../../src/core/sync/session';
import type { SyncStatus } from '../../../../src/shared/domain/sync-status';
import { TABLES, TABLE_NAMES } from '../../../../src/shared/sync/tables';
import { startFaultProxy } from '../../../helpers/fault-proxy';
import { tempDir } from '../../../helpers/transports';
import { FakeBackend } from './fake-backend';
import { count, isClientWritable, memoryReplica, replicaRows, sortedCanonical, wireRow } from './helpers';

let backend: FakeBackend;
let db: Db;
let engine: SyncEngine;
let statuses: SyncStatus[];

function seed(regions: string[], n: number): void {
  for (const table of TABLE_NAMES) {
    if (isClientWritable(table)) continue;
    for (const region of TABLES[table].regionScoped ? regions : ['global']) {
      for (let i = 0; i < (table === 'regions' ? 1 : n); i++) backend.write(table, wireRow(table, region, i));
    }
  }
}

function startEngine(options: Partial<SyncEngineOptions> = {}): SyncEngine {
  statuses = [];
  engine = createSyncEngine({
    db,
    onStatus: (s) => statuses.push(s),
    intervalMs: 3_600_000,
    pageSize: 25,
    progressThrottleMs: 0,
    ...options,
  });
  return engine;
}

function expectReplicaEqualsBackend(granted: string[], upTo = Infinity): void {
  for (const table of TABLE_NAMES) {
    expect(replicaRows(db, table), table).toEqual(sortedCanonical(table, backend.rows(table, new Set(granted), upTo)));
  }
}

beforeEach(async () => {
  backend = await new FakeBackend().start();
  db = memoryReplica();
  seed(['east', 'south', 'north'], 12);
});

afterEach(async () => {
  engine.close();
  await backend.close();
  db.close();
});

describe('sync engine', () => {
  it('runs an initial sync of the granted regions with progress, then reports synced', async () => {
    startEngine();
    const session = await engine.configure({ url: backend.url, token: 'token-a' });
    expect(session.regions).toEqual(['east', 'south']);
    const status = await engine.syncNow();
    expect(status).toMatchObject({ state: 'synced', progress: null, lastError: null, pendingOutbox: 0, backendUrl: backend.url });
    expect(status.lastSyncedAt).not.toBeNull();
    expectReplicaEqualsBackend(['east', 'south']);
    expect(count(db, 'reps', "region_id = 'north'")).toBe(0);
    const progress = statuses.filter((s) => s.progress !== null).map((s) => s.progress ?? 0);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // monotonic
    expect(statuses.some((s) => (s.rowsSynced ?? 0) > 0 && s.etaMs !== null)).toBe(true);
    expect(readSyncState(db)).toMatchObject({ cursor: backend.highWater, initialComplete: true, heldRegions: ['east', 'south'] });
  });

  it('applies later writes and deletes incrementally', async () => {
    startEngine();
    await engine.configure({ url: backend.url, token: 'token-a' });
    await engine.syncNow();
    backend.write('deals', wireRow('deals', 'east', 3, { amount: 1.5, status: 'won' }));
    backend.remove('activities', 'activities-south-2', 'south');
    backend.write('reps', wireRow('reps', 'east', 500));
    backend.write('reps', wireRow('reps', 'north', 500));
    const status = await engine.syncNow();
    expect(status.state).toBe('synced');
    expectReplicaEqualsBackend(['east', 'south']);
    expect(count(db, 'activities', "id = 'activities-south-2'")).toBe(0);
  });

  it('purges a revoked region from every table and backfills a granted one', async () => {
    startEngine();
    await engine.configure({ url: backend.url, token: 'token-a' });
    await engine.syncNow();
    backend.grants.set('token-a', new Set(['east']));
    await engine.syncNow();
    for (const t of TABLE_NAMES) expect(count(db, t, TABLES[t].regionScoped ? "region_id = 'south'" : '0'), t).toBe(0);
    expectReplicaEqualsBackend(['east']);
    backend.grants.set('token-a', new Set(['east', 'north']));
    backend.write('reps', wireRow('reps', 'north', 900));
    const status = await engine.syncNow();
    expect(status.state).toBe('synced');
    expectReplicaEqualsBackend(['east', 'north']);
    expect(readSyncState(db)).toMatchObject({ heldRegions: ['east', 'north'], backfill: null });
  });

  it('pushes local writes exactly once and shows them as synced', async () => {
    startEngine();
    await engine.configure({ url: backend.url, token: 'token-a' });
    await engine.syncNow();
    const payload = (i: number) => ({
      id: `n-${i}`,
      region_id: 'east',
      author: 'me',
      subject_type: 'deal',
      subject_id: 'd',
      body: `b${i}`,
      flag: null,
      created_at: i,
    });
    engine.write({ type: 'annotation.create', payload: payload(1) });
    engine.write({ type: 'annotation.create', payload: { ...payload(2), body: 'REJECT ME' } });
    engine.write({ type: 'annotation.create', payload: payload(3) });
    expect(engine.status().pendingOutbox).toBe(3);
    const status = await engine.syncNow();
    expect(status.pendingOutbox).toBe(0);
    expect(listOutbox(db, { limit: 10 }).map((e) => [e.seq, e.status, e.reason])).toEqual([
      [3, 'synced', null],
      [2, 'rejected', 'body refused'],
      [1, 'synced', null],
    ]);
    expect(backend.applied.size).toBe(2);
    expectReplicaEqualsBackend(['east', 'south']);
  });

  it('re-syncs from scratch after compaction, keeping pending writes visible and queued', async () => {
    const proxy = await startFaultProxy(backend.url);
    try {
      startEngine({ backoff: { baseMs: 60_000 }, pageSize: 10_000 });
      await engine.configure({ url: proxy.url, token: 'token-a' });
      await engine.syncNow();
      proxy.inject({ kind: 'status', status: 503 }, { path: /mutations/, times: 1_000 });
      engine.write({ type: 'annotation.create', payload: note('kept', 'east') });
      const failed = await engine.syncNow();
      expect(failed).toMatchObject({ state: 'error', pendingOutbox: 1 });
      expect(failed.lastError).toMatch(/HTTP 503/);
      backend.write('reps', wireRow('reps', 'east', 777));
      backend.horizon = backend.highWater; // the replica's cursor is now behind the horizon: the feed answers reset
      const before = backend.requests.length;
      const resynced = await engine.syncNow();
      expect(resynced.state).toBe('error'); // the outbox still cannot be pushed
      expect(backend.requests.slice(before).filter((r) => r === 'GET /v1/changes')).toHaveLength(2); // reset, then one page
      expect(count(db, 'reps', "id = 'reps-east-777'")).toBe(1);
      expect(count(db, 'annotations', "id = 'kept'")).toBe(1); // the pending write survived the reset
      expect(listOutbox(db, { limit: 5 })).toMatchObject([{ status: 'pending' }]);
      proxy.clear();
      const status = await engine.syncNow();
      expect(status).toMatchObject({ state: 'synced', pendingOutbox: 0, lastError: null });
      expect(backend.applied.size).toBe(1);
      expectReplicaEqualsBackend(['east', 'south']);
    } finally {
      await proxy.close();
    }
  });

  it('stops with an error instead of looping when the backend keeps answering reset', async () => {
    startEngine({ backoff: { baseMs: 60_000 } });
    await engine.configure({ url: backend.url, token: 'token-a' });
    await engine.syncNow();
    backend.write('reps', wireRow('reps', 'east', 31));
    backend.horizon = backend.highWater; // above the first page of a fresh sync (pageSize 25): it can never finish
    const status = await engine.syncNow();
    expect(status).toMatchObject({ state: 'error', lastError: expect.stringMatching(/re-sync from scratch/) });
    expect(status.nextRetryAt).toBeNull(); // set right after the cycle
    await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
  });

  it('keeps the initial sync row count through incremental syncs, and counts a re-sync afresh', async () => {
    startEngine({ pageSize: 10_000 }); // one page: a fresh sync can then be served after the compaction below
    await engine.configure({ url: backend.url, token: 'token-a' });
    const initial = await engine.syncNow();
    const rows = initial.rowsSynced ?? 0;
    expect(rows).toBe(TABLE_NAMES.reduce((n, t) => n + count(db, t), 0)); // every row came with the initial sync
    backend.write('reps', wireRow('reps', 'east', 600));
    backend.write('reps', wireRow('reps', 'south', 601));
    const from = statuses.length;
    expect((await engine.syncNow()).rowsSynced).toBe(rows); // not 2
    expect((await engine.syncNow()).rowsSynced).toBe(rows); // an empty page: not 0
    expect(statuses.slice(from).every((s) => s.rowsSynced === rows)).toBe(true);

    backend.write('reps', wireRow('reps', 'east', 602));
    backend.horizon = backend.highWater; // the cursor falls behind the horizon: the next pull re-syncs from scratch
    const resynced = await engine.syncNow();
    expect(resynced.state).toBe('synced');
    expect(resynced.rowsSynced).toBe(TABLE_NAMES.reduce((n, t) => n + count(db, t), 0));
  });

  it('says what kind of error the last one was, and clears it with the error', async () => {
    const proxy = await startFaultProxy(backend.url);
    try {
      startEngine({ backoff: { baseMs: 60_000 } });
      await engine.configure({ url: proxy.url, token: 'token-a' });
      await engine.syncNow();
      proxy.inject({ kind: 'status', status: 503 }, { path: /changes/, times: 1 });
      expect(await engine.syncNow()).toMatchObject({
        state: 'error',
        lastError: expect.stringMatching(/503/),
        lastErrorKind: 'server',
      });
      expect(await engine.syncNow()).toMatchObject({ state: 'synced', lastError: null, lastErrorKind: null });
      engine.start({ url: proxy.url, token: 'not-a-token' });
      await expect.poll(() => engine.status().lastErrorKind).toBe('unauthorized');
      engine.signOut();
      expect(engine.status()).toMatchObject({ lastError: null, lastErrorKind: null, backendUrl: null, backendKind: null });
    } finally {
      await proxy.close();
    }
  });

  it('tells the built-in demo backend from a remote one', async () => {
    startEngine();
    engine.start({ url: backend.url, token: 'token-a', id: EMBEDDED_BACKEND_ID });
    expect(engine.status()).toMatchObject({ backendUrl: backend.url, backendKind: 'embedded' });
    await engine.configure({ url: backend.url, token: 'token-a' });
    expect(engine.status().backendKind).toBe('remote');
  });

  it('retries an unreachable backend within the sync interval, other failures after the full backoff', async () => {
    const proxy = await startFaultProxy(backend.url);
    try {
      // random → 1: every backoff draw at its ceiling, so a wait above the interval would show.
      startEngine({ intervalMs: 3_000, backoff: { baseMs: 60_000, capMs: 60_000, random: () => 0.999 } });
      engine.start({ url: 'http://127.0.0.1:9', token: 'token-a' }); // nothing listens on the discard port
      await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
      expect(engine.status()).toMatchObject({ state: 'offline', lastErrorKind: 'network' });
      expect(Date.parse(engine.status().nextRetryAt ?? '') - Date.now()).toBeLessThanOrEqual(3_000);

      engine.start({ url: proxy.url, token: 'token-a' });
      await expect.poll(() => engine.status().state).toBe('synced');
      proxy.inject({ kind: 'status', status: 503 }, { path: /changes/, times: 1 });
      expect((await engine.syncNow()).state).toBe('error');
      await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
      expect(Date.parse(engine.status().nextRetryAt ?? '') - Date.now()).toBeGreaterThan(30_000); // a 5xx: back off
    } finally {
      await proxy.close();
    }
  });

  it('truncates the WAL once, after the initial sync completed', async () => {
    const dir = tempDir('outpost-engine-wal-');
    try {
      db.close();
      db = openReplica(join(dir.path, 'replica.db'));
      const wal = join(dir.path, 'replica.db-wal');
      startEngine();
      await engine.configure({ url: backend.url, token: 'token-a' });
      await expect.poll(() => engine.status().state).toBe('synced');
      expect(count(db, 'reps')).toBeGreaterThan(0);
      expect(statSync(wal).size).toBe(0);
      backend.write('reps', wireRow('reps', 'east', 700));
      expect((await engine.syncNow()).state).toBe('synced');
      expect(statSync(wal).size).toBeGreaterThan(0); // incremental syncs leave the WAL to auto-checkpoints
    } finally {
      engine.close();
      db.close();
      db = memoryReplica();
      dir.remove();
    }
  });

  it('cancels a stalled request at once on sign-out, and close() leaves nothing running', async () => {
    const proxy = await startFaultProxy(backend.url);
    try {
      startEngine({ requestTimeoutMs: 60_000 });
      await engine.configure({ url: proxy.url, token: 'token-a' });
      await engine.syncNow();
      proxy.inject({ kind: 'stall' }, { path: /changes/, times: 10 });
      const pending = engine.syncNow();
      await expect.poll(() => proxy.requests.some((r) => r.fault === 'stall')).toBe(true);
      const t0 = Date.now();
      engine.signOut();
      expect((await pending).state).toBe('idle');
      expect(Date.now() - t0).toBeLessThan(500);
      expect(engine.status()).toMatchObject({ state: 'idle', backendUrl: null });

      engine.start({ url: proxy.url, token: 'token-a' });
      await expect.poll(() => proxy.requests.filter((r) => r.fault === 'stall').length).toBe(2);
      engine.close();
      db.close(); // a continuation touching the replica now would throw and surface as an unhandled rejection
      await new Promise((r) => setTimeout(r, 100));
      db = memoryReplica();
    } finally {
      await proxy.close();
    }
  });
});

const note = (id: string, region: string) => ({
  id,
  region_id: region,
  author: 'me',
  subject_type: 'deal',
  subject_id: 'd',
  body: 'b',
  flag: null,
  created_at: 1,
});
