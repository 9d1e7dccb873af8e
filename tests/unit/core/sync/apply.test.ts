// Applying change pages: rows, tombstones and the cursor commit together or not at all; the cursor never moves
// backwards; rows outside the held regions are refused; a reset empties synced rows but keeps the outbox.
import { describe, expect, it } from 'vitest';
import { insertOutbox } from '../../../../src/core/db/repos/outbox-repo';
import { readSyncState } from '../../../../src/core/db/repos/sync-state-repo';
import { applyBackfillPage, applyMainPage, applyReset } from '../../../../src/core/sync/apply';
import { startBackfill } from '../../../../src/core/sync/scope';
import { SyncError } from '../../../../src/core/sync/sync-error';
import { createTableWriters } from '../../../../src/core/sync/table-writer';
import { TABLES, TABLE_NAMES } from '../../../../src/shared/sync/tables';
import { allTablesRows, count, memoryReplica, page, wireRow } from './helpers';

function setup() {
  const db = memoryReplica();
  return { db, writers: createTableWriters(db) };
}

const totalRows = (db: ReturnType<typeof memoryReplica>) => TABLE_NAMES.reduce((n, t) => n + count(db, t), 0);

describe('applyMainPage', () => {
  it('applies rows of every table and the cursor together, converting json and booleans', () => {
    const { db, writers } = setup();
    const result = applyMainPage(
      db,
      writers,
      page({ cursor: 40, highWater: 100, hasMore: true, tables: allTablesRows(['east'], 3) }),
      0,
      1234,
    );
    expect(result.state).toMatchObject({
      cursor: 40,
      highWater: 100,
      heldRegions: ['east', 'south'],
      initialComplete: false,
      lastSyncedAt: null,
    });
    expect(readSyncState(db).cursor).toBe(40);
    expect(count(db, 'activities')).toBe(3);
    const act = db.prepare('SELECT tags, has_attachment FROM activities ORDER BY id LIMIT 1').get() as {
      tags: string;
      has_attachment: number;
    };
    expect(JSON.parse(act.tags)).toEqual({ n: 0, tags: ['a', 't0'] });
    expect(act.has_attachment).toBe(1);
    const last = applyMainPage(db, writers, page({ after: 40, cursor: 100, highWater: 120 }), 40, 5678);
    expect(last.state).toMatchObject({ cursor: 100, initialComplete: true, lastSyncedAt: 5678, highWater: 120 });
  });

  it.each([
    [
      'a value of the wrong type',
      (rows: unknown[][]) => rows.push(wireRow('activities', 'east', 99, { occurred_at: 'yesterday' })),
    ],
    ['a NULL in a required column', (rows: unknown[][]) => rows.push(wireRow('activities', 'east', 99, { rep_id: null }))],
    ['a row of the wrong width', (rows: unknown[][]) => rows.push(wireRow('activities', 'east', 99).slice(1))],
    ['a row of a region not granted', (rows: unknown[][]) => rows.push(wireRow('activities', 'north', 99))],
    ['an unbindable value', (rows: unknown[][]) => rows.push(wireRow('activities', 'east', 99, { summary: { nested: true } }))],
  ])('rolls back every row and the cursor when a page holds %s', (_what, corrupt) => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 10, hasMore: true, highWater: 50, tables: allTablesRows(['east'], 2) }), 0, 1);
    const before = totalRows(db);
    const tables = allTablesRows(['east', 'south'], 5);
    corrupt(tables.activities?.rows ?? []); // activities come after regions, reps, deals… in apply order
    const bad = page({ after: 10, cursor: 30, highWater: 50, tables, revoked: [] });
    expect(() => applyMainPage(db, writers, bad, 10, 2)).toThrow(SyncError);
    expect(totalRows(db)).toBe(before);
    expect(readSyncState(db)).toMatchObject({ cursor: 10, heldRegions: ['east', 'south'] });
  });

  it('never lets the cursor move backwards and never applies a page for another cursor', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 10, tables: allTablesRows(['east'], 1) }), 0, 1);
    expect(() => applyMainPage(db, writers, page({ cursor: 5, tables: allTablesRows(['south'], 1) }), 10, 2)).toThrow(
      /behind the requested/,
    );
    expect(() => applyMainPage(db, writers, page({ cursor: 20 }), 7, 2)).toThrow(/replica is at 10/);
    expect(readSyncState(db).cursor).toBe(10);
    expect(count(db, 'reps', "region_id = 'south'")).toBe(0);
  });

  it('applies tombstones and updates existing rows in place', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 10, tables: allTablesRows(['east'], 3) }), 0, 1);
    const changed = wireRow('deals', 'east', 1, { amount: 999.5, status: 'won' });
    applyMainPage(db, writers, page({ cursor: 12, tables: { deals: { rows: [changed], deletes: ['deals-east-0'] } } }), 10, 2);
    expect(count(db, 'deals')).toBe(2);
    expect(db.prepare("SELECT amount, status FROM deals WHERE id = 'deals-east-1'").get()).toEqual({
      amount: 999.5,
      status: 'won',
    });
  });

  it('purges a revoked region from every scoped table (enumerated from TABLES) in the same transaction', () => {
    const { db, writers } = setup();
    applyMainPage(
      db,
      writers,
      page({ cursor: 10, granted: ['east', 'south'], tables: allTablesRows(['east', 'south'], 4) }),
      0,
      1,
    );
    const scoped = TABLE_NAMES.filter((t) => TABLES[t].regionScoped);
    for (const t of scoped) expect(count(db, t, "region_id = 'south'"), t).toBeGreaterThan(0);
    const stagesBefore = count(db, 'stages');
    applyMainPage(db, writers, page({ cursor: 11, granted: ['east'], revoked: ['south'] }), 10, 2);
    for (const t of scoped) {
      expect(count(db, t, "region_id = 'south'"), t).toBe(0);
      expect(count(db, t, "region_id = 'east'"), t).toBeGreaterThan(0);
    }
    expect(count(db, 'stages')).toBe(stagesBefore);
    expect(readSyncState(db).heldRegions).toEqual(['east']);
  });

  it('purges a held region that is no longer granted even when the server does not list it as revoked', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 10, tables: allTablesRows(['east', 'south'], 2) }), 0, 1);
    applyMainPage(db, writers, page({ cursor: 10, granted: ['east'] }), 10, 2);
    expect(count(db, 'reps', "region_id = 'south'")).toBe(0);
  });
});

describe('reset and backfill', () => {
  it('reset empties every synced table, keeps the outbox, and pending writes reappear with the next page', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 10, tables: allTablesRows(['east', 'south'], 2) }), 0, 1);
    const payload = Object.fromEntries(TABLES.annotations.columns.map((c, i) => [c.name, wireRow('annotations', 'east', 77)[i]]));
    insertOutbox(db, { mutationId: '00000000-0000-4000-8000-000000000001', type: 'annotation.create', payload, now: 1 });
    const state = applyReset(db);
    expect(state).toMatchObject({ cursor: 0, heldRegions: [], initialComplete: false });
    expect(totalRows(db)).toBe(0);
    expect(count(db, 'outbox')).toBe(1);
    applyMainPage(
      db,
      writers,
      page({ cursor: 3, tables: { regions: { rows: [wireRow('regions', 'east', 0)], deletes: [] } } }),
      0,
      2,
    );
    expect(count(db, 'annotations', 'id = ?', payload.id)).toBe(1);
  });

  it('backfills a newly granted region up to the main cursor, then holds it', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 50, granted: ['east'], tables: allTablesRows(['east'], 2) }), 0, 1);
    startBackfill(db, ['south']);
    expect(readSyncState(db).backfill).toEqual({ regions: ['south'], until: 50, cursor: 0 });
    const granted = ['east', 'south'];
    const first = applyBackfillPage(
      db,
      writers,
      page({ cursor: 20, hasMore: true, granted, tables: allTablesRows(['south'], 2) }),
      0,
    );
    expect(first.state).toMatchObject({ heldRegions: ['east'], backfill: { cursor: 20 } });
    expect(() => applyBackfillPage(db, writers, page({ cursor: 30, granted, tables: allTablesRows(['east'], 1) }), 20)).toThrow(
      /outside/,
    );
    const done = applyBackfillPage(db, writers, page({ cursor: 50, granted, tables: allTablesRows(['south'], 3) }), 20);
    expect(done.state).toMatchObject({ heldRegions: ['east', 'south'], backfill: null, cursor: 50 });
    expect(count(db, 'reps', "region_id = 'south'")).toBe(3);
  });

  it('drops a backfill whose region is revoked meanwhile, rows and all', () => {
    const { db, writers } = setup();
    applyMainPage(db, writers, page({ cursor: 50, granted: ['east'], tables: allTablesRows(['east'], 1) }), 0, 1);
    startBackfill(db, ['south']);
    applyBackfillPage(
      db,
      writers,
      page({ cursor: 20, hasMore: true, granted: ['east', 'south'], tables: allTablesRows(['south'], 2) }),
      0,
    );
    const gone = applyBackfillPage(db, writers, page({ cursor: 25, hasMore: true, granted: ['east'] }), 20);
    expect(gone.state).toMatchObject({ backfill: null, heldRegions: ['east'] });
    expect(count(db, 'reps', "region_id = 'south'")).toBe(0);
  });
});
