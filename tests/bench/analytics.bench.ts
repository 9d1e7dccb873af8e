// Analytics benchmark: `npx tsx tests/bench/analytics.bench.ts --scale demo|M|L [--seed 7]`. Loads the demo dataset
// into a file replica, builds the rollups, then measures each war-room scene (p50/p95 of 20 runs), a full exception
// scan (median of 3), an incremental re-evaluation after a live-mode sync of ≥ 1,000 changed rows (rollup refresh +
// rules; median of 3 syncs), and — as the baseline, in the same run — one full scan of the activities table. Ends
// with the BENCH line of /work/shared/BENCH.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as analytics from '../../src/core/analytics';
import type { Db } from '../../src/core/db/open';
import { tuneForSync } from '../../src/core/sync/db-tuning';
import { createLiveGenerator } from '../../src/server/demo/live';
import type { DemoScale } from '../../src/server/demo/types';
import type { TableName } from '../../src/shared/sync/tables';
import { WEDNESDAY, demoReplica } from '../integration/analytics/demo-replica';
import { loadBatches } from '../integration/analytics/load-rows';

const RUNS = 20;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function baselineScan(db: Db): number {
  return timed(() =>
    db.prepare('SELECT COUNT(*), TOTAL(duration_min), TOTAL(length(summary)), TOTAL(length(tags)) FROM activities').get(),
  )[1];
}

function scenes(db: Db, now: number): Record<string, number[]> {
  const o = { now };
  const week = { kind: 'week', week: isoWeekOf(now) } as const;
  const all = {};
  const runs: Record<string, () => unknown> = {
    overview: () => analytics.overviewScene(db, all, week, o),
    funnel: () => analytics.funnelScene(db, all, week, o),
    region_ranking: () => analytics.regionRanking(db, all, week, o),
    exceptions_board: () => analytics.exceptionsBoard(db, all, o),
    rep_activity: () => analytics.repActivity(db, all, week, o),
    trends_12w: () => analytics.trends12w(db, all, week, o),
  };
  const out: Record<string, number[]> = {};
  for (const [name, run] of Object.entries(runs)) {
    run(); // warm the statement cache and pages once
    out[name] = Array.from({ length: RUNS }, () => timed(run)[1]).sort((a, b) => a - b);
  }
  return out;
}

function isoWeekOf(t: number): string {
  const day = Math.floor((t + 8 * 3_600_000) / 86_400_000);
  const thursday = day - ((day + 3) % 7) + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Live-mode changes until ≥ 1,000 rows, applied as the sync engine applies a page; returns the change set. */
function liveSync(
  db: Db,
  live: ReturnType<typeof createLiveGenerator>,
  from: number,
): { changes: analytics.ChangeSet; rows: number; at: number } {
  const changed = new Map<TableName, Set<string>>();
  let rows = 0;
  let t = from;
  while (rows < 1000) {
    t += 20_000;
    const batches = live.next(t);
    loadBatches(db, batches);
    for (const b of batches) {
      const ids = changed.get(b.table) ?? new Set<string>();
      for (const row of b.rows) ids.add(String(row[0]));
      changed.set(b.table, ids);
      rows += b.rows.length;
    }
  }
  return { changes: Object.fromEntries([...changed].map(([k, v]) => [k, [...v]])), rows, at: t };
}

interface Incremental {
  rows: number;
  refreshMs: number;
  rulesMs: number;
}

/** Three syncs of ≥ 1,000 live rows each: rollup refresh, then re-evaluation of the touched subjects. */
function incrementalRounds(db: Db, scale: DemoScale, seed: number, now: number): Incremental[] {
  const live = createLiveGenerator({ seed, now, scale, plants: true, repsPerRegion: 6 });
  let at = now;
  return Array.from({ length: 3 }, () => {
    const sync = liveSync(db, live, at);
    at = sync.at;
    // The WAL checkpoint the sync's own commits make due belongs to the sync, not to the analytics timed below.
    db.pragma('wal_checkpoint(PASSIVE)');
    const [, refreshMs] = timed(() => analytics.refreshAnalytics(db, at));
    const [, rulesMs] = timed(() => analytics.reevaluateChanges(db, sync.changes, { now: at }));
    return { rows: sync.rows, refreshMs, rulesMs };
  });
}

function main(): void {
  const scale = arg('scale', 'demo') as DemoScale;
  const seed = Number(arg('seed', '7'));
  const now = WEDNESDAY;
  const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
  try {
    const [db, loadMs] = timed(() => demoReplica({ scale, seed, now, plants: true }, join(dir, 'replica.sqlite')));
    tuneForSync(db);
    const activities = db.prepare('SELECT COUNT(*) FROM activities').pluck().get() as number;
    const [, buildMs] = timed(() => analytics.refreshAnalytics(db, now));
    const baseline = baselineScan(db);
    const scans = Array.from({ length: 3 }, () => timed(() => analytics.scanExceptions(db, { now }))[1]);
    const sceneTimes = scenes(db, now);
    const rounds = incrementalRounds(db, scale, seed, now);
    report({ scale, activities, loadMs, buildMs, baseline, scans, sceneTimes, rounds });
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Figures {
  scale: DemoScale;
  activities: number;
  loadMs: number;
  buildMs: number;
  baseline: number;
  scans: number[];
  sceneTimes: Record<string, number[]>;
  rounds: Incremental[];
}

function report(f: Figures): void {
  const p95 = Object.fromEntries(Object.entries(f.sceneTimes).map(([k, v]) => [k, round(percentile(v, 0.95))]));
  const fullScan = [...f.scans].sort((a, b) => a - b)[1] ?? Number.NaN;
  const totals = f.rounds.map((r) => r.refreshMs + r.rulesMs);
  const incremental = [...totals].sort((a, b) => a - b)[1] ?? Number.NaN;
  console.log(`analytics bench — scale ${f.scale}, ${f.activities.toLocaleString('en')} activities`);
  console.log(`  load ${round(f.loadMs)} ms, initial rollup build ${round(f.buildMs)} ms (once per replica)`);
  console.log('  scene                p50 ms    p95 ms');
  for (const [name, times] of Object.entries(f.sceneTimes)) {
    console.log(
      `  ${name.padEnd(18)} ${String(round(percentile(times, 0.5))).padStart(8)} ${String(round(percentile(times, 0.95))).padStart(9)}`,
    );
  }
  console.log(`  full exception scan   ${f.scans.map(round).join(' / ')} ms (median ${round(fullScan)})`);
  for (const r of f.rounds) {
    console.log(
      `  incremental after ${r.rows} changed rows: ${round(r.refreshMs + r.rulesMs)} ms (rollups ${round(r.refreshMs)} + rules ${round(r.rulesMs)})`,
    );
  }
  console.log(`  baseline: full scan of activities ${round(f.baseline)} ms`);
  const bench = {
    bench: 'analytics',
    scale: f.scale,
    scene_p95_ms: p95,
    scene_p95_ms_max: Math.max(...Object.values(p95)),
    full_scan_ms: round(fullScan),
    incremental_ms: round(incremental),
    baseline_scan_ms: round(f.baseline),
    activities: f.activities,
  };
  console.log(`BENCH ${JSON.stringify(bench)}`);
}

main();
