// Live mode: deterministic, well-formed rows for existing ids, and no new exception on top of the generated data.
import { describe, expect, it } from 'vitest';
import { TABLES, type TableName } from '../../../src/shared/sync/tables';
import { createLiveGenerator } from '../../../src/server/demo/live';
import { plantManifest } from '../../../src/server/demo/manifest';
import type { DemoBatch, DemoOptions } from '../../../src/server/demo/types';
import { NOW, datasetFromBatches, loadDataset, type Dataset } from './dataset';
import { ReferenceTracker, shapeProblems } from './integrity';
import { RULE_CHECKS } from './rules';

const MINUTE = 60_000;

/** Upserts live batches into the generated batches (by id), as the server's store would. */
function applyLive(ds: Dataset, live: DemoBatch[], now: number): Dataset {
  const tables = new Map<TableName, Map<string, unknown[]>>();
  for (const b of [...ds.batches, ...live]) {
    let rows = tables.get(b.table);
    if (!rows) tables.set(b.table, (rows = new Map()));
    for (const r of b.rows) rows.set(r[0] as string, r);
  }
  return datasetFromBatches(
    now,
    [...tables].map(([table, rows]) => ({ table, rows: [...rows.values()] })),
  );
}

function run(options: DemoOptions, ticks: number): { batches: DemoBatch[]; last: number } {
  const live = createLiveGenerator(options);
  const batches: DemoBatch[] = [];
  let last = options.now;
  for (let i = 1; i <= ticks; i++) {
    last = options.now + i * 2 * MINUTE;
    batches.push(...live.next(last));
  }
  return { batches, last };
}

describe('live generator', () => {
  const control: DemoOptions = { scale: 'demo', seed: 7, now: NOW, plants: false };

  it('is deterministic and writes well-formed rows that reference existing ids', () => {
    const a = run(control, 120);
    expect(run(control, 120)).toEqual(a);
    expect(a.batches.flatMap((b) => shapeProblems(b))).toEqual([]);
    const tables = new Set(a.batches.map((b) => b.table));
    expect(tables).toEqual(new Set(['leads', 'deals', 'stage_changes', 'activities']));
    const tracker = new ReferenceTracker(true);
    for (const b of loadDataset(control).batches) tracker.add(b);
    for (const b of a.batches) tracker.add(b);
    expect(tracker.problems).toEqual([]);
    const stageChanges = a.batches.filter((b) => b.table === 'stage_changes').flatMap((b) => b.rows);
    expect(stageChanges.length).toBeGreaterThan(5);
    for (const b of a.batches) for (const row of b.rows) expect(row).toHaveLength(TABLES[b.table].columns.length);
  });

  it('adds no exception to the control dataset', () => {
    const { batches, last } = run(control, 120);
    const ds = applyLive(loadDataset(control), batches, last);
    for (const [rule, check] of Object.entries(RULE_CHECKS)) expect([...check(ds)], rule).toEqual([]);
  });

  it('leaves the planted exceptions exactly as the manifest lists them', () => {
    // 50 ticks = 100 minutes: planted leads and demos keep ≥ 2 h from their 24 h / 48 h thresholds, so nothing
    // planted matures into a rule within that time (later, young planted leads do turn into unfollowed ones).
    const planted: DemoOptions = { ...control, plants: true };
    const { batches, last } = run(planted, 50);
    const ds = applyLive(loadDataset(planted), batches, last);
    const manifest = plantManifest(planted);
    for (const [rule, check] of Object.entries(RULE_CHECKS)) {
      const expected = [...new Set(manifest.plants.filter((p) => p.rule === rule).flatMap((p) => p.subjects))].sort();
      expect([...check(ds)].sort(), rule).toEqual(expected);
    }
  });

  it('resyncs its pool from current deal rows and never goes back in time', () => {
    const live = createLiveGenerator(control);
    const before = live.dealIds.length;
    expect(before).toBeGreaterThan(10);
    const pool = new Set(live.dealIds);
    const stored = loadDataset(control)
      .batches.flatMap((b) => (b.table === 'deals' ? b.rows : []))
      .filter((r) => pool.has(r[0] as string))
      .map((r) => [...r]);
    const [closed, missing] = stored.splice(0, 2);
    closed![11] = 'won';
    closed![13] = NOW;
    const out = live.next(NOW + MINUTE, { deals: [closed!, ...stored] });
    expect(live.dealIds).not.toContain(closed![0]);
    expect(live.dealIds).not.toContain(missing![0]);
    expect(live.dealIds.length).toBeLessThanOrEqual(before - 2);
    const times = live
      .next(NOW - 10 * MINUTE)
      .flatMap((b) => (b.table === 'activities' ? b.rows.map((r) => r[8] as number) : []));
    const earlier = out.flatMap((b) => (b.table === 'activities' ? b.rows.map((r) => r[8] as number) : []));
    for (const t of times) for (const e of earlier) expect(t).toBeGreaterThan(e);
  });
});
