// Change-log compaction: superseded versions go, the latest entry per row and region stays, the horizon rises;
// a cursor behind it (or a backfill to a point behind it) is told to reset, while a fresh sync, and a client
// past the horizon, still converge to the server's state.
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../helpers/fuzz';
import {
  activityRow,
  applyPage,
  call,
  changes,
  emptyState,
  loadFixture,
  NOW,
  plain,
  pullAll,
  serverState,
  STORE_KINDS,
  useTestBackend,
  stopTestPostgres,
  TOKENS,
  type ReplicaState,
} from '../../helpers/server';

afterAll(stopTestPostgres);

describe.each(STORE_KINDS)('compaction on %s', (kind) => {
  const t = useTestBackend(kind);

  /** Random updates, moves between regions, inserts and deletes, so there is something to compact. */
  async function churn(rand: () => number, n: number, tag: string): Promise<void> {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    for (let i = 0; i < n; i++) {
      const op = rand();
      if (op < 0.5) {
        const [row] = await t.backend.store.readTable('deals', [pick(t.fixture.regions)]);
        if (!row) continue;
        row[5] = i;
        if (rand() < 0.4) row[1] = pick(t.fixture.regions);
        await t.backend.store.writeRows('deals', [row]);
      } else if (op < 0.8) {
        const region = pick(t.fixture.regions);
        await t.backend.store.writeRows('activities', [activityRow(`${tag}-${i}`, region, 'rep-x', null, NOW + i, rand)]);
      } else {
        const acts = await t.backend.store.readTable('activities', [pick(t.fixture.regions)]);
        if (acts[0]) await t.backend.store.deleteRows('activities', [String(acts[0][0])]);
      }
    }
  }

  it('keeps the latest entry per row, raises the horizon, resets older cursors, serves fresh syncs', async () => {
    const rand = seededRandom(3);
    const early = (await pullAll(t.backend)).cursor;
    // Ten versions of every deal: far more superseded entries than the log had at `early`.
    const deals = await t.backend.store.readTable('deals');
    for (let v = 0; v < 10; v++)
      await t.backend.store.writeRows(
        'deals',
        deals.map((row) => row.map((x, i) => (i === 5 ? v : x))),
      );
    await churn(rand, 30, 'a');
    const before = await t.backend.store.highWater();
    const [logBefore] = await t.backend.store.sql.query('SELECT count(*) FROM change_log');

    const result = await t.backend.store.compactLog(before + 1);
    const [logAfter] = await t.backend.store.sql.query('SELECT count(*) FROM change_log');
    expect(result.removed).toBeGreaterThan(0);
    expect(result.removed).toBe(Number(logBefore?.[0]) - Number(logAfter?.[0]));
    expect(result.horizon).toBe(before - Number(logAfter?.[0]));
    const [dupes] = await t.backend.store.sql.query(
      'SELECT count(*) FROM (SELECT 1 FROM change_log GROUP BY table_name, row_id, region_id HAVING count(*) > 1) d',
    );
    expect(Number(dupes?.[0])).toBe(0);
    expect(await t.backend.store.highWater()).toBe(before);

    // Behind the horizon: reset. Caught up: nothing new. From 0, in small pages: the full, current state.
    expect(await changes(t.backend, { after: early })).toMatchObject({ reset: true, tables: {} });
    expect(await changes(t.backend, { after: before })).toMatchObject({ reset: false, hasMore: false, cursor: before });
    const fresh = await pullAll(t.backend, { limit: 3 });
    expect(plain(fresh.state)).toEqual(plain(await serverState(t.backend.store, t.fixture.directorRegions)));
    // A backfill to a point before the horizon cannot be served either.
    expect((await changes(t.backend, { regions: ['region-0'], until: result.horizon - 1 })).reset).toBe(true);
  });

  it('keeps the tombstone a moved row leaves in its old region, for clients holding only that region', async () => {
    const start = (await pullAll(t.backend)).cursor;
    const [deal] = await t.backend.store.readTable('deals', ['region-0']);
    const moved = [...(deal as unknown[])];
    moved[1] = 'region-2'; // out of the director's scope
    await t.backend.store.writeRows('deals', [moved]);
    await t.backend.store.writeRows('deals', [moved.map((x, i) => (i === 5 ? 1 : x))]);
    const { horizon } = await t.backend.store.compactLog(await t.backend.store.highWater());
    expect(horizon).toBeLessThanOrEqual(start);
    const page = await changes(t.backend, { after: start });
    expect(page.reset).toBe(false);
    expect(page.tables.deals).toEqual({ rows: [], deletes: [moved[0]] });
  });

  it('lets every client converge, whatever its cursor at compaction time (property, seeded; scoped token)', async () => {
    const outcomes = { reset: 0, continued: 0 };
    for (const seed of [11, 12]) {
      await t.backend.reset();
      t.fixture = await loadFixture(t.backend.store, { seed, regions: 3, dealsPerRegion: 4, activitiesPerRegion: 6 });
      const rand = seededRandom(seed);
      // Clients stopping at random points of history (mid initial sync, or caught up), each with its replica then.
      const clients: { state: ReplicaState; cursor: number }[] = [];
      for (let round = 0; round < 4; round++) {
        await churn(rand, 8 + Math.floor(rand() * 12), `s${seed}r${round}`);
        const previous = clients.length > 0 && rand() < 0.5 ? clients[Math.floor(rand() * clients.length)] : undefined;
        const state = previous ? new Map([...previous.state].map(([t, rows]) => [t, new Map(rows)])) : emptyState();
        let after = previous?.cursor ?? 0;
        for (let pages = 1 + Math.floor(rand() * 12); pages > 0; pages--) {
          const page = await changes(t.backend, { after, limit: 2 + Math.floor(rand() * 15) });
          applyPage(state, page);
          after = page.cursor;
          if (!page.hasMore) break;
        }
        clients.push({ state, cursor: after });
      }
      await churn(rand, 15, `s${seed}tail`);
      clients.push({ ...(await pullAll(t.backend, {})) });
      const cursors = clients.map((c) => c.cursor).sort((a, b) => a - b);
      // Compact up to somewhere among the clients' cursors, so some are behind the horizon and some are not.
      const { horizon } = await t.backend.store.compactLog(
        (cursors[Math.floor(cursors.length / 2)] ?? 0) + 1 + Math.floor(rand() * 20),
      );
      await churn(rand, 10, `s${seed}after`);
      const truth = plain(await serverState(t.backend.store, t.fixture.directorRegions));
      for (const client of clients) {
        const first = await changes(t.backend, { after: client.cursor, limit: 10 });
        expect(first.reset).toBe(client.cursor > 0 && client.cursor < horizon);
        outcomes[first.reset ? 'reset' : 'continued']++;
        const from = first.reset ? { state: emptyState(), after: 0 } : { state: client.state, after: client.cursor };
        const done = await pullAll(t.backend, { after: from.after, limit: 15 }, undefined, from.state);
        expect(plain(done.state)).toEqual(truth);
      }
    }
    expect(outcomes.reset).toBeGreaterThan(0);
    expect(outcomes.continued).toBeGreaterThan(0);
  });

  it('is available to admins over HTTP and refuses bad input', async () => {
    await churn(seededRandom(5), 40, 'h');
    const high = await t.backend.store.highWater();
    const reply = await call(t.backend, '/v1/admin/compact', { token: TOKENS.admin, body: { beforeSeq: high + 1 } });
    expect(reply.status).toBe(200);
    const { horizon } = reply.json as { horizon: number };
    expect(horizon).toBeGreaterThan(0);
    for (const body of [{}, { beforeSeq: -1 }, { beforeSeq: 1.5 }, { beforeSeq: '3' }]) {
      expect((await call(t.backend, '/v1/admin/compact', { token: TOKENS.admin, body })).status).toBe(400);
    }
    // Compacting again changes nothing; the horizon never goes down.
    expect(await t.backend.store.compactLog(high + 1)).toEqual({ removed: 0, horizon });
    expect((await t.backend.store.compactLog(5)).horizon).toBe(horizon);
  });
});
