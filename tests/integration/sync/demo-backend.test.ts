// The replica against the reference backend seeded with the real demo generator (Chinese text, skewed sizes,
// departed reps, planted patterns): a director's initial sync equals the server for their regions, table by
// table (counts and content hashes), and a live write arrives with the next incremental sync. The seed leaves
// planner statistics behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/server';
import { startCore, waitForState, type CoreHarness } from './core-harness';
import { replicaDigests, serverDigests } from './fixture';

let server: RunningServer;
let h: CoreHarness;
let regions: string[];
let startedAt = 0;

beforeAll(async () => {
  server = await startServer({
    store: { kind: 'pglite', dataDir: null },
    seed: { scale: 'demo', seed: 7, now: Date.UTC(2026, 10, 2, 9) },
  });
  regions = await server.store.getGrants('demo-director');
  const token = server.demoTokens['demo-director'];
  if (!token) throw new Error('the demo backend has no demo-director token');
  startedAt = Date.now();
  h = startCore({ url: server.url, token });
}, 60_000);

afterAll(async () => {
  h?.close();
  await server?.close();
});

describe('sync with the demo backend', () => {
  it('initial sync of the demo director equals the server for their regions', async () => {
    const status = await waitForState(h, 'synced');
    const seconds = (Date.now() - startedAt) / 1000;
    expect(status.lastError).toBeNull();
    const expected = await serverDigests(server.store, regions);
    expect(h.readReplica(replicaDigests)).toEqual(expected);
    const rows = Object.values(expected).reduce((n, d) => n + d.count, 0);
    expect(rows).toBeGreaterThan(1_000);
    console.info(
      `demo initial sync: ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s, PGlite over loopback)`,
    );
  });

  it('picks up a server-side write incrementally', async () => {
    const [rep] = await server.store.readTable('reps', regions.slice(-1));
    if (!rep) throw new Error('no rep in the demo data');
    await server.store.writeRows('reps', [[...rep.slice(0, 2), '新名字', ...rep.slice(3)]]);
    expect((await h.sync()).state).toBe('synced');
    expect(h.readReplica(replicaDigests)).toEqual(await serverDigests(server.store, regions));
  });

  it('the seeded backend has planner statistics for its tables (ANALYZE after the seed)', async () => {
    // PGlite runs no autovacuum: without the seed's ANALYZE, pg_stats stays empty and the feed is planned blind.
    const rows = await server.store.sql.query(
      `SELECT tablename, count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = ANY($1) GROUP BY tablename`,
      [['activities', 'deals', 'change_log']],
    );
    expect(new Map(rows.map(([table, n]) => [String(table), Number(n)]))).toEqual(
      new Map([
        ['activities', expect.any(Number)],
        ['change_log', expect.any(Number)],
        ['deals', expect.any(Number)],
      ]),
    );
  });
});
