// Faults between the replica and the backend (through the loopback fault proxy): every failure leaves the
// replica at a committed page boundary (nothing partially applied), says what happened in words, schedules a
// retry where one can help, and the next sync recovers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/core/db/open';
import { readSyncState } from '../../../../src/core/db/repos/sync-state-repo';
import { createSyncEngine, type SyncEngine } from '../../../../src/core/sync/engine';
import { TABLES, TABLE_NAMES } from '../../../../src/shared/sync/tables';
import { startFaultProxy, type Fault, type FaultProxy } from '../../../helpers/fault-proxy';
import { FakeBackend } from './fake-backend';
import { isClientWritable, memoryReplica, replicaRows, sortedCanonical, wireRow } from './helpers';

let backend: FakeBackend;
let proxy: FaultProxy;
let db: Db;
let engine: SyncEngine;
const GRANTED = new Set(['east', 'south']);

function seed(from: number, n: number): void {
  for (const table of TABLE_NAMES) {
    if (isClientWritable(table) || table === 'regions') continue;
    for (const region of TABLES[table].regionScoped ? ['east', 'south', 'north'] : ['global']) {
      for (let i = from; i < from + n; i++) backend.write(table, wireRow(table, region, i));
    }
  }
}

/** The replica holds exactly the backend's rows as of its committed cursor: a consistent prefix. */
function expectConsistentPrefix(): void {
  const cursor = readSyncState(db).cursor;
  for (const table of TABLE_NAMES)
    expect(replicaRows(db, table), table).toEqual(sortedCanonical(table, backend.rows(table, GRANTED, cursor)));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

beforeEach(async () => {
  backend = await new FakeBackend().start();
  proxy = await startFaultProxy(backend.url);
  db = memoryReplica();
  seed(0, 5);
  engine = createSyncEngine({
    db,
    onStatus: () => undefined,
    intervalMs: 3_600_000,
    pageSize: 20,
    requestTimeoutMs: 400,
    backoff: { baseMs: 600_000 },
  });
  await engine.configure({ url: proxy.url, token: 'token-a' });
  expect((await engine.syncNow()).state).toBe('synced');
  seed(5, 20); // the next sync needs many pages
});

afterEach(async () => {
  engine.close();
  await proxy.close();
  await backend.close();
  db.close();
});

const inOneMinute = () => new Date(Date.now() + 30_000).toUTCString();

const CASES: [string, () => Fault, 'error' | 'offline', RegExp, number | null][] = [
  ['HTTP 500', () => ({ kind: 'status', status: 500 }), 'error', /backend had a problem \(HTTP 500\)/, null],
  [
    'HTTP 503 + Retry-After as HTTP-date',
    () => ({ kind: 'status', status: 503, headers: { 'retry-after': inOneMinute() } }),
    'error',
    /HTTP 503/,
    30_000,
  ],
  [
    'HTTP 429 + Retry-After in seconds',
    () => ({ kind: 'status', status: 429, headers: { 'retry-after': '7' } }),
    'error',
    /rate-limiting/,
    7_000,
  ],
  ['a stalled reply (request timeout)', () => ({ kind: 'stall' }), 'offline', /did not answer within 400 ms/, null],
  ['a connection reset', () => ({ kind: 'reset' }), 'offline', /connection .* was reset|Cannot reach/, null],
  ['a truncated body', () => ({ kind: 'truncate' }), 'offline', /dropped while a reply was arriving/, null],
  ['malformed JSON', () => ({ kind: 'malformed' }), 'error', /not valid JSON/, null],
  ['another protocol version', () => ({ kind: 'protocol', version: 2 }), 'error', /speaks sync protocol 2/, null],
  [
    'HTTP 401 (expired token)',
    () => ({ kind: 'status', status: 401, body: JSON.stringify({ error: 'TOKEN_EXPIRED', message: 'Token expired.' }) }),
    'error',
    /sign-in has expired/,
    null,
  ],
];

describe('faults on the change feed', () => {
  it.each(CASES)(
    '%s: nothing partially applied, status in words, then recovery',
    async (_name, fault, state, message, retryAfter) => {
      proxy.inject(fault(), { path: /\/v1\/changes/, skip: 2 }); // fail mid-sync, after two pages were applied
      const t0 = Date.now();
      const status = await engine.syncNow();
      expect(status.state).toBe(state);
      expect(status.lastError).toMatch(message);
      expect(readSyncState(db).cursor).toBeGreaterThan(0);
      expectConsistentPrefix();
      if (retryAfter !== null) {
        await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
        const waitMs = Date.parse(engine.status().nextRetryAt ?? '') - t0;
        expect(waitMs).toBeGreaterThan(retryAfter - 2_000);
        expect(waitMs).toBeLessThan(retryAfter + 2_000);
      }
      const recovered = await engine.syncNow();
      expect(recovered).toMatchObject({ state: 'synced', lastError: null, nextRetryAt: null });
      expectConsistentPrefix();
      expect(readSyncState(db).cursor).toBe(backend.highWater);
    },
  );

  it('keeps the outbox entry pending through a lost reply, and the backend applies it once', async () => {
    proxy.inject({ kind: 'lose-reply' }, { path: /mutations/ });
    const payload = {
      id: 'once',
      region_id: 'east',
      author: 'me',
      subject_type: 'deal',
      subject_id: 'd',
      body: 'b',
      flag: null,
      created_at: 1,
    };
    engine.write({ type: 'annotation.create', payload });
    const failed = await engine.syncNow();
    expect(failed).toMatchObject({ state: 'offline', pendingOutbox: 1 });
    expect(backend.applied.size).toBe(1); // the backend did apply it; only the answer was lost
    const ok = await engine.syncNow();
    expect(ok).toMatchObject({ state: 'synced', pendingOutbox: 0 });
    expect(backend.applied.size).toBe(1);
    expect(backend.log.filter((e) => e.table === 'annotations')).toHaveLength(1);
  });
});
