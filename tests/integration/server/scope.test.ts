// Region scope, as a seeded property test: over random data, random writes and random grants, a token never
// receives a row (or tombstone) of a region it was not granted; a revoke is announced in scope.revoked; a
// grant in scope.added, and a backfill with regions+until returns exactly that region's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangesPage } from '../../../src/shared/sync/protocol';
import { TABLES, type TableName } from '../../../src/shared/sync/tables';
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
  serverState,
  STORE_KINDS,
  startTestBackend,
  stopTestPostgres,
  TOKENS,
  type ReplicaState,
  type TestBackend,
} from '../../helpers/server';

afterAll(stopTestPostgres);

const ITERATIONS = 4;

describe.each(STORE_KINDS)('region scope on %s', (kind) => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend(kind);
  });
  afterAll(() => backend.close());

  it.each(Array.from({ length: ITERATIONS }, (_, i) => 1000 + i))('holds for seed %i', async (seed) => {
    const rand = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const subset = (items: readonly string[]) => items.filter(() => rand() < 0.5);
    await backend.reset();
    const fixture = await loadFixture(backend.store, {
      seed,
      regions: 3 + Math.floor(rand() * 4),
      dealsPerRegion: 2 + Math.floor(rand() * 6),
      activitiesPerRegion: 3 + Math.floor(rand() * 10),
    });
    // Every region a row id has ever been in: a tombstone may only go to a token granted one of them.
    const everIn = new Map<string, Set<string>>();
    const seen = (id: string, region: string) => (everIn.get(id) ?? everIn.set(id, new Set()).get(id))?.add(region);
    for (const table of ['reps', 'deals', 'activities'] as const) for (const { id, region } of fixture[table]) seen(id, region);

    let serial = 0;
    const randomWrites = async (n: number) => {
      for (let i = 0; i < n; i++, serial++) {
        const op = rand();
        if (op < 0.4) {
          const region = pick(fixture.regions);
          const id = `p-act-${serial}`;
          seen(id, region);
          await backend.store.writeRows('activities', [
            activityRow(id, region, `rep-${region.slice(7)}-1`, null, NOW + serial, rand),
          ]);
        } else if (op < 0.6) {
          await backend.store.deleteRows('activities', [pick(fixture.activities).id]);
        } else {
          const [row] = await backend.store.readTable('deals', [pick(fixture.regions)]);
          if (!row) continue;
          row[1] = pick(fixture.regions);
          row[5] = serial;
          seen(String(row[0]), String(row[1]));
          await backend.store.writeRows('deals', [row]);
        }
      }
    };

    const checkPage = (page: ChangesPage, granted: readonly string[]) => {
      for (const [table, tableChanges] of Object.entries(page.tables)) {
        if (!TABLES[table as TableName].regionScoped || !tableChanges) continue;
        for (const row of tableChanges.rows) expect(granted, `${table} ${String(row[0])}`).toContain(row[1]);
        for (const id of tableChanges.deletes) {
          const regions = [...(everIn.get(id) ?? [])];
          if (regions.length > 0)
            expect(
              regions.some((r) => granted.includes(r)),
              `tombstone ${table} ${id}`,
            ).toBe(true);
        }
      }
    };
    const limit = () => 1 + Math.floor(rand() * 20);
    const pull = async (state: ReplicaState, after: number, granted: readonly string[], held: readonly string[], extra = {}) => {
      for (;;) {
        const page = await changes(backend, { after, limit: limit(), held, ...extra });
        checkPage(page, granted);
        if ('regions' in extra) expect(page.tables.stages).toBeUndefined(); // a backfill carries no global rows
        applyPage(state, page);
        if (!page.hasMore) return page.cursor;
        after = page.cursor;
      }
    };
    const setGrants = async (regions: string[]) => {
      const reply = await call(backend, '/v1/admin/grants/director', { method: 'PUT', token: TOKENS.admin, body: { regions } });
      expect(reply.status).toBe(200);
    };

    // 1. Initial sync under random grants, with writes in every region before it.
    const first = subset(fixture.regions).sort();
    await setGrants(first);
    await randomWrites(10 + Math.floor(rand() * 20));
    const state = emptyState();
    let cursor = await pull(state, 0, first, first);
    expect(plain(state)).toEqual(plain(await serverState(backend.store, first)));

    // 2. New random grants; more writes. The next page announces what was revoked and added.
    const second = subset(fixture.regions).sort();
    await setGrants(second);
    await randomWrites(5 + Math.floor(rand() * 10));
    const probe = await changes(backend, { after: cursor, limit: 1, held: first });
    expect(probe.scope).toEqual({
      granted: second,
      revoked: first.filter((r) => !second.includes(r)),
      added: second.filter((r) => !first.includes(r)),
    });

    // 3. Purge revoked regions, backfill added ones up to the cursor, then continue the main feed.
    for (const [table, rows] of state) {
      if (!TABLES[table].regionScoped) continue;
      for (const [id, row] of rows) if (probe.scope.revoked.includes(String(row[1]))) rows.delete(id);
    }
    if (probe.scope.added.length > 0) {
      // Backfill first (row versions up to `cursor`, only the added regions), then the main feed brings anything newer.
      await pull(state, 0, probe.scope.added, first, { regions: probe.scope.added, until: cursor });
    }
    console.log(
      'DEBUG',
      JSON.stringify({
        first,
        second,
        cursor,
        probe: probe.scope,
        log: await backend.store.sql.query(
          "select seq, region_id, op, row from change_log where row_id = 'deal-0-0' order by seq",
        ),
      }),
    );
    cursor = await pull(state, cursor, second, second);
    expect(plain(state)).toEqual(plain(await serverState(backend.store, second)));
    expect(cursor).toBe(await backend.store.highWater());
  });

  it('returns exactly a region’s rows as of `until` in a backfill', async () => {
    await backend.reset();
    const fixture = await loadFixture(backend.store);
    const until = await backend.store.highWater();
    const before = await serverState(backend.store, ['region-2'], false);
    await backend.store.writeRows('activities', [activityRow('late', 'region-2', 'rep-2-1', null, NOW, seededRandom(1))]);
    const state = emptyState();
    let after = 0;
    for (;;) {
      const page = await changes(backend, { after, regions: ['region-2'], until, limit: 9 }, TOKENS.admin);
      applyPage(state, page);
      after = page.cursor;
      if (!page.hasMore) break;
    }
    expect(after).toBe(until);
    expect(plain(state)).toEqual(plain(before));
    expect(fixture.regions).toContain('region-2');
  });
});
