// Crash safety against the reference backend: a sync running in its own process is killed with SIGKILL at
// 30+ random points of initial syncs. After every kill the replica passes PRAGMA integrity_check and holds
// only rows that equal the server's; every resumed sync ends with per-table counts and content hashes
// identical to a clean sync. A kill after the server committed a mutation but before the client recorded
// the answer leaves exactly one effect.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server/server';
import type { SyncStatus } from '../../../src/shared/domain/sync-status';
import { TABLE_NAMES, type TableName } from '../../../src/shared/sync/tables';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { seededRandom } from '../../helpers/fuzz';
import { tempDir } from '../../helpers/transports';
import { canonicalRow, replicaRows } from '../../unit/core/sync/helpers';
import { DIRECTOR, replicaDigests, serverDigests, startFixtureServer, type TableDigest } from './fixture';

type ChildMessage = { type: 'ready' } | { type: 'status' | 'done'; status: SyncStatus };

const PAGE_SIZE = 100;
const KILLS = 30;
let server: RunningServer;
let proxy: FaultProxy;
let dir: ReturnType<typeof tempDir>;
let clean: Record<TableName, TableDigest>;
let serverRows: Map<TableName, Set<string>>;

interface SyncChild {
  child: ChildProcess;
  messages: ChildMessage[];
  exited: Promise<number | null>;
}

/** Fork a sync child; without `db` it is a warm standby that waits for go(). */
function forkChild(db?: string, extra: string[] = []): SyncChild {
  const args = [
    `--url=${proxy.url}`,
    `--token=${DIRECTOR.token}`,
    `--page-size=${PAGE_SIZE}`,
    ...(db ? [`--db=${db}`] : []),
    ...extra,
  ];
  const child = fork('tests/helpers/sync-child.ts', args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: ChildMessage[] = [];
  child.on('message', (m) => messages.push(m as ChildMessage));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, messages, exited };
}

async function go(standby: SyncChild, db: string): Promise<SyncChild> {
  await expect.poll(() => standby.messages.some((m) => m.type === 'ready'), { timeout: 20_000, interval: 5 }).toBe(true);
  standby.child.send({ type: 'go', db });
  return standby;
}

/** Wait for a child's sync to end (caught up); fail with its last status if it does not within 30 s. */
async function finished(c: SyncChild): Promise<SyncStatus> {
  const done = () => c.messages.find((m) => m.type === 'done');
  const deadline = Date.now() + 30_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const result = done();
  if (!result || result.type !== 'done') {
    c.child.kill('SIGKILL');
    const last = c.messages.findLast((m) => m.type === 'status');
    throw new Error(`sync child did not finish; last status: ${JSON.stringify(last)}`);
  }
  expect(await c.exited).toBe(0);
  return result.status;
}

const runToEnd = (db: string, extra: string[] = []): Promise<SyncStatus> => finished(forkChild(db, extra));

/** After a kill: the file is intact, and every row it holds is a row the server has (a committed prefix). */
function checkAfterKill(file: string): void {
  const db = new Database(file); // read-write: it may need to recover from the WAL
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const table of TABLE_NAMES) {
      for (const row of replicaRows(db, table))
        expect(serverRows.get(table)?.has(JSON.stringify(row)), `${table} ${String(row[0])}`).toBe(true);
    }
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startFixtureServer({ rowsPerTable: 150 });
  proxy = await startFaultProxy(server.url);
  dir = tempDir('outpost-crash-');
  serverRows = new Map();
  for (const table of TABLE_NAMES) {
    const rows = await server.store.readTable(table, DIRECTOR.regions);
    serverRows.set(table, new Set(rows.map((r) => JSON.stringify(canonicalRow(table, r)))));
  }
  const cleanFile = join(dir.path, 'clean.sqlite');
  expect((await runToEnd(cleanFile)).state).toBe('synced');
  clean = withDb(cleanFile, replicaDigests);
  expect(clean).toEqual(await serverDigests(server.store, DIRECTOR.regions));
}, 60_000);

afterAll(async () => {
  await proxy.close();
  await server.close();
  dir.remove();
});

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random points of initial syncs and converges to a clean sync`, async () => {
    const rand = seededRandom(20261102);
    let kills = 0;
    const killedAt: number[] = [];
    // Two warm standbys: the next children boot while the current one syncs.
    const standbys = [forkChild(), forkChild()];
    const next = (): SyncChild => {
      standbys.push(forkChild());
      return standbys.shift() as SyncChild;
    };
    for (let round = 0; kills < KILLS; round++) {
      const file = join(dir.path, `round-${round}.sqlite`);
      let progress = 0;
      while (kills < KILLS && progress < 0.9) {
        const { child, messages, exited } = await go(next(), file);
        // A random point ahead of the committed progress, then a few random ms more: kills land before the
        // first page, inside page transactions, between them and while a page is on the wire.
        const target = Math.min(0.95, progress + rand() * 0.35);
        const reached = () =>
          messages.some((m) => m.type === 'done' || (m.type === 'status' && (m.status.progress ?? 0) >= target));
        await expect.poll(reached, { timeout: 20_000, interval: 2 }).toBe(true);
        await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)));
        const wasDone = messages.some((m) => m.type === 'done');
        child.kill('SIGKILL');
        await exited;
        checkAfterKill(file);
        if (wasDone) break;
        kills++;
        progress = withDb(file, (db) => {
          const state = db.prepare('SELECT cursor, high_water AS hw FROM sync_state').get() as { cursor: number; hw: number };
          return state.hw > 0 ? state.cursor / state.hw : 0;
        });
        killedAt.push(progress);
      }
      const resumed = await go(next(), file);
      expect(await finished(resumed)).toMatchObject({ state: 'synced', lastError: null });
      expect(withDb(file, replicaDigests)).toEqual(clean);
    }
    for (const idle of standbys) idle.child.kill('SIGKILL');
    await Promise.all(standbys.map((idle) => idle.exited));
    // The kills were spread over the sync, not bunched at its start.
    expect(killedAt.filter((p) => p > 0.1 && p < 0.9).length).toBeGreaterThan(KILLS / 3);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 120_000);

  it('a kill between the server committing a mutation and the client recording it leaves exactly one effect', async () => {
    const file = join(dir.path, 'mutation.sqlite');
    expect((await runToEnd(file)).state).toBe('synced');
    const id = randomUUID();
    const write = {
      type: 'annotation.create',
      payload: {
        id,
        region_id: 'east',
        author: DIRECTOR.id,
        subject_type: 'deal',
        subject_id: 'deals-east-1',
        body: '一次',
        flag: null,
        created_at: 1,
      },
    };
    const { child, exited } = forkChild(file, [`--write=${JSON.stringify(write)}`, '--once']);
    proxy.onUpstreamReply = (path) => {
      if (path.startsWith('/v1/mutations')) child.kill('SIGKILL'); // the server has committed; the reply never arrives
    };
    await exited;
    proxy.onUpstreamReply = null;
    const pending = withDb(file, (db) => db.prepare('SELECT status, attempts FROM outbox').all());
    expect(pending).toEqual([{ status: 'pending', attempts: 1 }]);
    expect((await runToEnd(file)).state).toBe('synced');
    expect(withDb(file, (db) => db.prepare('SELECT status, attempts FROM outbox').all())).toEqual([
      { status: 'synced', attempts: 2 },
    ]);
    const effects = await server.store.sql.query('SELECT count(*) FROM change_log WHERE row_id = $1', [id]);
    expect(Number(effects[0]?.[0])).toBe(1);
    const rows = await server.store.sql.query('SELECT count(*) FROM annotations WHERE id = $1', [id]);
    expect(Number(rows[0]?.[0])).toBe(1);
    expect(withDb(file, replicaDigests)).toEqual(await serverDigests(server.store, DIRECTOR.regions));
  }, 30_000);
});
