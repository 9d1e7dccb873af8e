// The change feed: paging (cursor, hasMore, highWater), de-duplication within a page, tombstones, region
// moves, global tables, and an initial sync that stays consistent while a writer keeps committing.
import { afterAll, describe, expect, it } from 'vitest';
import { TABLES, type TableName } from '../../../src/shared/sync/tables';
import { seededRandom } from '../../helpers/fuzz';
import {
  activityRow,
  applyPage,
  call,
  changes,
  emptyState,
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

function onlyRegions(state: ReplicaState, regions: readonly string[]): ReplicaState {
  const out = emptyState();
  for (const [table, rows] of state) {
    const keep = out.get(table) as Map<string, unknown[]>;
    for (const [id, row] of rows) if (!TABLES[table].regionScoped || regions.includes(String(row[1]))) keep.set(id, row);
  }
  return out;
}

function clone(state: ReplicaState): ReplicaState {
  return new Map([...state].map(([t, rows]) => [t, new Map(rows)]));
}

describe.each(STORE_KINDS)('change feed on %s', (kind) => {
  const t = useTestBackend(kind);

  it('pages through an initial sync: monotonic cursor, hasMore until the high-water mark, exact content', async () => {
    const highWater = await t.backend.store.highWater();
    const { state, cursor, pages } = await pullAll(t.backend, { limit: 7 });
    expect(pages.length).toBeGreaterThan(5);
    for (const [i, page] of pages.entries()) {
      expect(page.highWater).toBe(highWater);
      expect(page.hasMore).toBe(i < pages.length - 1);
      if (i > 0) expect(page.cursor).toBeGreaterThan((pages[i - 1] as { cursor: number }).cursor);
      const entries = Object.values(page.tables).reduce((n, t) => n + (t?.rows.length ?? 0) + (t?.deletes.length ?? 0), 0);
      expect(entries).toBeLessThanOrEqual(7);
    }
    expect(cursor).toBe(highWater);
    expect(plain(state)).toEqual(plain(await serverState(t.backend.store, t.fixture.directorRegions)));
    // Only granted regions: the other two never appear.
    expect(
      [...(state.get('deals') as Map<string, unknown[]>).values()].every((row) =>
        t.fixture.directorRegions.includes(String(row[1])),
      ),
    ).toBe(true);
    // Caught up: the same cursor again is an empty page that stays put.
    const again = await changes(t.backend, { after: cursor });
    expect(again).toMatchObject({ cursor, hasMore: false, reset: false, tables: {} });
  });

  it('carries tombstones; within a page a later delete wins over earlier upserts; region moves', async () => {
    const start = (await pullAll(t.backend)).cursor;
    const act = t.fixture.activities.find((a) => a.region === 'region-0')?.id as string;
    await t.backend.store.deleteRows('activities', [act, 'no-such-row']);
    const [dealRow] = await t.backend.store.readTable('deals', ['region-1']);
    const moved = [...(dealRow as unknown[])];
    moved[1] = 'region-3'; // a region the director does not hold
    await t.backend.store.writeRows('deals', [moved]);
    const updated = [...moved];
    updated[5] = 42.5;
    await t.backend.store.writeRows('deals', [updated]);
    const [other] = await t.backend.store.readTable('deals', ['region-0']);
    await t.backend.store.writeRows('deals', [other as unknown[]]);
    await t.backend.store.deleteRows('deals', [String(other?.[0])]);

    const page = await changes(t.backend, { after: start });
    expect(page.tables.activities).toEqual({ rows: [], deletes: [act] });
    // The moved deal leaves the director's scope as a tombstone; the updated-then-deleted one is only a tombstone.
    expect(page.tables.deals).toEqual({ rows: [], deletes: [moved[0], other?.[0]] });
    // The admin holds both regions: tombstone (old region) then the versions in the new region, in seq order.
    const admin = await changes(t.backend, { after: start }, TOKENS.admin);
    expect(admin.tables.deals).toEqual({ rows: [moved, updated], deletes: [moved[0], other?.[0]] });
    const state = (await pullAll(t.backend, {}, TOKENS.admin)).state;
    expect(plain(state)).toEqual(plain(await serverState(t.backend.store, t.fixture.regions)));
  });

  it('sends global tables to everyone and leaves them out of region backfills', async () => {
    const full = await changes(t.backend, {});
    expect(full.tables.stages?.rows).toHaveLength(5);
    const backfill = await changes(t.backend, { regions: ['region-1'], until: await t.backend.store.highWater() });
    expect(backfill.tables.stages).toBeUndefined();
    expect(backfill.tables.deals?.rows.every((row) => row[1] === 'region-1')).toBe(true);
  });

  it('validates its query: limit, cursors, region lists, unknown parameters', async () => {
    for (const query of [
      'limit=0',
      'limit=10001',
      'limit=abc',
      'after=-1',
      'after=1.5',
      'after=99999999999999999',
      'until=x',
      'regions=a,,b',
      'x=1',
      'after=1&after=2',
    ]) {
      const reply = await call(t.backend, `/v1/changes?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.json).toMatchObject({ error: 'BAD_REQUEST' });
    }
    const forbidden = await call(t.backend, '/v1/changes?regions=region-2');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toMatchObject({ error: 'FORBIDDEN' });
    const max = await changes(t.backend, { limit: 10_000 });
    expect(max.hasMore).toBe(false);
  });

  it('tells a client whose cursor is ahead of the server (a replaced database) to start over', async () => {
    const highWater = await t.backend.store.highWater();
    const page = await changes(t.backend, { after: highWater + 10 });
    expect(page).toMatchObject({ reset: true, cursor: highWater + 10, tables: {} });
  });

  it('forms one consistent snapshot while a writer keeps committing', async () => {
    const rand = seededRandom(7);
    // The writer's model of the whole server, and a copy of it at every commit's last seq.
    const model = await serverState(t.backend.store, t.fixture.regions);
    const snapshots = new Map<number, ReplicaState>([[await t.backend.store.highWater(), clone(model)]]);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    let writing = true;
    let commits = 0;

    // Two concurrent writers: on PostgreSQL their transactions really overlap, which is what the writer lock
    // (seq order = commit order) is for. The model is only touched inside transactions, i.e. under that lock.
    const writeLoop = async (k: number) => {
      for (let i = 0; writing && i < 400; i++) {
        await t.backend.store.write(async (w) => {
          const deals = model.get('deals') as Map<string, unknown[]>;
          const acts = model.get('activities') as Map<string, unknown[]>;
          let seq = 0;
          const put = async (table: TableName, row: unknown[]) => {
            seq = Math.max(seq, (await w.writeRows(table, [row])).seq);
            (model.get(table) as Map<string, unknown[]>).set(String(row[0]), row);
          };
          const op = rand();
          if (op < 0.4) {
            const region = pick(t.fixture.regions);
            await put('activities', activityRow(`w${k}-act-${i}`, region, `rep-${region.slice(-1)}-1`, null, NOW + i, rand));
          } else if (op < 0.6 && acts.size > 0) {
            const id = pick([...acts.keys()]);
            seq = (await w.deleteRows('activities', [id])).seq;
            acts.delete(id);
          } else if (op < 0.8) {
            const row = [...(deals.get(pick([...deals.keys()])) as unknown[])];
            row[5] = Math.round(rand() * 1e6) / 100;
            row[4] = pick(['s1', 's2', 's3']);
            await put('deals', row);
            await put('stage_changes', [`w${k}-sc-${i}`, row[1], row[0], 's1', row[4], NOW + i, 'rep-x']);
          } else {
            const row = [...(deals.get(pick([...deals.keys()])) as unknown[])];
            row[1] = pick(t.fixture.regions); // may move the deal out of (or into) the director's scope
            await put('deals', row);
          }
          // Recorded before COMMIT, so no reader can see this seq before its snapshot exists.
          if (seq > 0) snapshots.set(seq, clone(model));
        });
        commits++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const writer = Promise.all([writeLoop(1), writeLoop(2)]);

    const state = emptyState();
    let after = 0;
    let caughtUp = 0;
    let pages = 0;
    const highWaters = new Set<number>();
    while (caughtUp < 6) {
      const page = await changes(t.backend, { after, limit: 5, held: t.fixture.directorRegions });
      pages++;
      expect(page.cursor).toBeGreaterThanOrEqual(after);
      highWaters.add(page.highWater);
      applyPage(state, page);
      after = page.cursor;
      if (!page.hasMore) {
        // Caught up: the replica is exactly the server as of some commit — never a half-applied transaction.
        const expected = snapshots.get(after);
        expect(expected, `cursor ${after} is not a commit boundary`).toBeDefined();
        expect(plain(state)).toEqual(plain(onlyRegions(expected as ReplicaState, t.fixture.directorRegions)));
        caughtUp++;
        if (caughtUp === 5) {
          writing = false;
          await writer;
        }
      }
    }
    expect(commits).toBeGreaterThan(5);
    expect(pages).toBeGreaterThan(10);
    expect(highWaters.size).toBeGreaterThan(2); // the writer really ran during the sync
    expect(after).toBe(await t.backend.store.highWater());
    expect(plain(state)).toEqual(plain(await serverState(t.backend.store, t.fixture.directorRegions)));
  });
});
