// Faults injected by the reference backend's own test hooks (ServerHooks) in the middle of a multi-page sync:
// 500/503, 429 with Retry-After, a stalled reply, a reset connection, a truncated body, malformed JSON, another
// protocol version, 401. Each leaves the replica intact with only server rows (nothing partially applied),
// says what happened in words and by kind, and the next sync recovers to the server's exact content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type Db } from '../../../src/core/db/open';
import { createSyncEngine, type SyncEngine } from '../../../src/core/sync/engine';
import type { SyncErrorKind } from '../../../src/core/sync/sync-error';
import type { FaultAction, RunningServer } from '../../../src/server/server';
import { OutpostError } from '../../../src/shared/api/errors';
import { TABLE_NAMES } from '../../../src/shared/sync/tables';
import { tempDir } from '../../helpers/transports';
import { canonicalRow, replicaRows } from '../../unit/core/sync/helpers';
import { DIRECTOR, EXPIRED_TOKEN, replicaDigests, seedRows, serverDigests, startFixtureServer } from './fixture';

let server: RunningServer;
let db: Db;
let engine: SyncEngine;
let dir: ReturnType<typeof tempDir>;
/** Faults for upcoming /v1/changes requests: `skip` requests pass, then `action` is injected once. */
let pending: { skip: number; action: FaultAction } | null = null;
let batch = 100;

beforeAll(async () => {
  server = await startFixtureServer({
    rowsPerTable: 40,
    hooks: {
      beforeReply(route) {
        if (route !== 'changes' || !pending) return undefined;
        if (pending.skip-- > 0) return undefined;
        const { action } = pending;
        pending = null;
        return action;
      },
    },
  });
  dir = tempDir('outpost-faults-');
  db = openReplica(`${dir.path}/replica.sqlite`);
  engine = createSyncEngine({
    db,
    onStatus: () => undefined,
    intervalMs: 3_600_000,
    pageSize: 40,
    requestTimeoutMs: 500,
    backoff: { baseMs: 600_000 },
  });
  await engine.configure({ url: server.url, token: DIRECTOR.token });
  expect((await engine.syncNow()).state).toBe('synced');
});

afterAll(async () => {
  engine.close();
  db.close();
  await server.close();
  dir.remove();
});

/** Every replica row is a row the server has (rows are only ever added in this file): a committed prefix. */
async function expectOnlyServerRows(): Promise<void> {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  for (const table of TABLE_NAMES) {
    const server_ = new Set(
      (await server.store.readTable(table, DIRECTOR.regions)).map((r) => JSON.stringify(canonicalRow(table, r))),
    );
    for (const row of replicaRows(db, table)) expect(server_.has(JSON.stringify(row)), `${table} ${String(row[0])}`).toBe(true);
  }
}

const httpDate = (ms: number) => new Date(Date.now() + ms).toUTCString();
const CASES: [string, () => FaultAction, 'error' | 'offline', RegExp, number | null][] = [
  ['HTTP 500', () => ({ status: 500 }), 'error', /HTTP 500/, null],
  [
    'HTTP 503 + Retry-After (HTTP-date)',
    () => ({ status: 503, headers: { 'retry-after': httpDate(40_000) } }),
    'error',
    /HTTP 503/,
    40_000,
  ],
  [
    'HTTP 429 + Retry-After (seconds)',
    () => ({ status: 429, headers: { 'retry-after': '9' }, body: { error: 'RATE_LIMITED', message: 'Slow down.' } }),
    'error',
    /rate-limiting.*Slow down/,
    9_000,
  ],
  ['a reply slower than the request timeout', () => ({ delayMs: 1_500 }), 'offline', /did not answer within 500 ms/, null],
  ['a reset connection', () => ({ destroy: true }), 'offline', /was reset|Cannot reach/, null],
  ['a truncated body', () => ({ truncate: true }), 'offline', /dropped while a reply was arriving|was reset/, null],
  ['malformed JSON', () => ({ status: 200, body: '{"protocolVersion":1,"cursor":12,' }), 'error', /not valid JSON/, null],
  [
    'a reply in protocol version 2',
    () => ({ status: 200, body: { protocolVersion: 2, pages: [] } }),
    'error',
    /speaks sync protocol 2/,
    null,
  ],
  [
    '409 PROTOCOL_MISMATCH',
    () => ({ status: 409, body: { error: 'PROTOCOL_MISMATCH', message: 'Speak 2.' } }),
    'error',
    /another sync protocol/,
    null,
  ],
  [
    '401 TOKEN_EXPIRED',
    () => ({ status: 401, body: { error: 'TOKEN_EXPIRED', message: 'Token expired.' } }),
    'error',
    /sign-in has expired/,
    null,
  ],
];

/** The kind each fault reports with its words (the UI translates the kind; the words are the English detail). */
const KINDS: Record<string, SyncErrorKind> = {
  'HTTP 500': 'server',
  'HTTP 503 + Retry-After (HTTP-date)': 'server',
  'HTTP 429 + Retry-After (seconds)': 'rate-limited',
  'a reply slower than the request timeout': 'timeout',
  'a reset connection': 'network',
  'a truncated body': 'network',
  'malformed JSON': 'malformed',
  'a reply in protocol version 2': 'protocol',
  '409 PROTOCOL_MISMATCH': 'protocol',
  '401 TOKEN_EXPIRED': 'unauthorized',
};

describe('faults from the reference backend mid-sync', () => {
  it.each(CASES)('%s', async (name, action, state, words, retryAfter) => {
    await seedRows(server.store, ['east', 'south'], batch, 6); // several pages to pull
    batch += 6;
    pending = { skip: 1, action: action() };
    const t0 = Date.now();
    const failed = await engine.syncNow();
    expect(pending).toBeNull(); // the fault was injected
    expect(failed.state).toBe(state);
    expect(failed.lastError).toMatch(words);
    expect(failed.lastErrorKind).toBe(KINDS[name]);
    await expectOnlyServerRows();
    if (retryAfter !== null) {
      await expect.poll(() => engine.status().nextRetryAt).not.toBeNull();
      const wait = Date.parse(engine.status().nextRetryAt ?? '') - t0;
      expect(Math.abs(wait - retryAfter)).toBeLessThan(3_000);
    }
    const recovered = await engine.syncNow();
    expect(recovered).toMatchObject({ state: 'synced', lastError: null, lastErrorKind: null });
    expect(replicaDigests(db)).toEqual(await serverDigests(server.store, DIRECTOR.regions));
  });

  it('refuses an expired token at sign-in with UNAUTHORIZED, and keeps the working sync', async () => {
    const err = await engine.configure({ url: server.url, token: EXPIRED_TOKEN }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutpostError);
    expect((err as OutpostError).code).toBe('UNAUTHORIZED');
    expect((await engine.syncNow()).state).toBe('synced');
    const unreachable = await engine.configure({ url: 'http://127.0.0.1:9', token: 'x' }).catch((e: unknown) => e);
    expect((unreachable as OutpostError).code).toBe('UNAVAILABLE');
    expect((unreachable as OutpostError).message).toMatch(/Cannot reach the backend/);
  });
});
