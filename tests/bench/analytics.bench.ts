// Analytics benchmark: `npm run bench:analytics -- --scale demo|M|L [--seed 7]`. Loads the demo dataset into a file
// replica (cached between runs, see lib/replica-cache.ts; --fresh-fixture regenerates it), builds the rollups, then
// measures twice — idle, and while a sync applies 5,000-row pages to the same file from another process (WAL) —
// each war-room scene (p50/p95 of 20 runs), a full exception scan (median of 3), an incremental re-evaluation after
// a live-mode sync of ≥ 1,000 changed rows (rollup refresh + rules; median of 3 syncs) and, as the baseline of that
// condition, one full scan of the activities table. Figures are also given as ratios to that baseline. Ends with the
// BENCH line of /work/shared/BENCH.md.
//
// Options: --no-sync (idle only), --sync-page-rows N (5000), --sync-gap-ms N (pause between pages, 50: SQLite has
// no fair lock queue, and this bench's own write transactions must get a turn), --sync-rules false (the background
// sync skips the exception re-evaluation after each page), --pragma name=value[,…] (connection settings to try on
// both connections, on top of the app's), --fresh-fixture (regenerate the cached replica).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as analytics from '../../src/core/analytics';
import { refreshRollups } from '../../src/core/analytics/rollup/refresh';
import { openReplica, type Db } from '../../src/core/db/open';
import { tuneForSync } from '../../src/core/sync/db-tuning';
import { createLiveGenerator } from '../../src/server/demo/live';
import type { DemoScale } from '../../src/server/demo/types';
import type { TableName } from '../../src/shared/sync/tables';
import { WEDNESDAY, demoReplica } from '../integration/analytics/demo-replica';
import { loadBatches, type RowBatch } from '../integration/analytics/load-rows';
import type { WriterMessage, WriterStats } from './lib/analytics-sync-writer';
import { booleanFlag, choiceFlag, numberFlag, parseFlags, stringFlag } from './lib/args';
import { forkTs } from './lib/child';
import { applyPragmas, parsePragmas } from './lib/pragmas';
import { cachedReplica } from './lib/replica-cache';
import { benchLine, createProgress, formatTable, round, type Cell } from './lib/report';
import { median, percentile, timed } from './lib/timing';

const RUNS = 20;
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('./lib/analytics-sync-writer.ts', import.meta.url));
const progress = createProgress('analytics');

function baselineScan(db: Db): number {
  return timed(() =>
    db.prepare('SELECT COUNT(*), TOTAL(duration_min), TOTAL(length(summary)), TOTAL(length(tags)) FROM activities').get(),
  )[1];
}

function isoWeekOf(t: number): string {
  const day = Math.floor((t + 8 * 3_600_000) / 86_400_000);
  const thursday = day - ((day + 3) % 7) + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
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
    out[name] = Array.from({ length: RUNS }, () => timed(run)[1]);
  }
  return out;
}

interface Locked<T> {
  value: T;
  /** Waiting for the write lock (another writer holds it). */
  waitMs: number;
  /** From holding the lock to after the commit. */
  workMs: number;
}

/** `work` in one write transaction, timed in two parts. */
function locked<T>(db: Db, work: () => T): Locked<T> {
  const asked = performance.now();
  let got = asked;
  const value = db
    .transaction(() => {
      got = performance.now();
      return work();
    })
    .immediate();
  return { value, waitMs: got - asked, workMs: performance.now() - got };
}

interface Timing {
  ms: number;
  waitMs: number;
}

function fullScans(db: Db, now: number): Timing[] {
  return Array.from({ length: 3 }, () => {
    const r = locked(db, () => analytics.scanExceptions(db, { now }));
    return { ms: r.workMs, waitMs: r.waitMs };
  });
}

interface Incremental {
  rows: number;
  waitMs: number;
  refreshMs: number;
  /** Rules and the commit. */
  rulesMs: number;
}

type Live = ReturnType<typeof createLiveGenerator>;

interface LivePage {
  batches: RowBatch[];
  changes: analytics.ChangeSet;
  rows: number;
  at: number;
}

/** Live-mode changes until ≥ 1,000 rows, as one sync page. */
function livePage(live: Live, from: number): LivePage {
  const changed = new Map<TableName, Set<string>>();
  const batches: RowBatch[] = [];
  let rows = 0;
  let t = from;
  while (rows < 1000) {
    t += 20_000;
    for (const b of live.next(t)) {
      batches.push(b);
      const ids = changed.get(b.table) ?? new Set<string>();
      for (const row of b.rows) ids.add(String(row[0]));
      changed.set(b.table, ids);
      rows += b.rows.length;
    }
  }
  return { batches, changes: Object.fromEntries([...changed].map(([k, v]) => [k, [...v]])), rows, at: t };
}

/**
 * One sync of ≥ 1,000 live rows: its rows committed first (untimed, as the sync engine commits a page), then the
 * analytics follow-up in one write transaction — rollup refresh, re-evaluation of the touched subjects and the
 * commit — timed apart from the waits for the write lock (of both transactions, reported together). Null when the
 * background sync's own refresh took this page's marks in between (its page transaction refreshes every pending
 * mark): the caller retries with new rows.
 */
function incrementalRound(db: Db, page: LivePage, checkpoint: boolean): Incremental | null {
  // The WAL checkpoint that earlier commits made due belongs to the sync, not to the analytics timed below. (Under a
  // background sync its own connection checkpoints, and a pause here would only let it take these rows' marks.)
  if (checkpoint) db.pragma('wal_checkpoint(PASSIVE)');
  const applied = locked(db, () => loadBatches(db, page.batches));
  const t = { asked: performance.now(), got: 0, refreshed: 0 };
  let marks = 0;
  db.transaction(() => {
    t.got = performance.now();
    const stats = refreshRollups(db, page.at);
    marks = stats.days + stats.deals + stats.leads;
    t.refreshed = performance.now();
    analytics.reevaluateChanges(db, page.changes, { now: page.at });
  }).immediate();
  const end = performance.now();
  if (marks === 0) return null;
  const waitMs = applied.waitMs + (t.got - t.asked);
  return { rows: page.rows, waitMs, refreshMs: t.refreshed - t.got, rulesMs: end - t.refreshed };
}

/** Three live syncs; returns the rounds and the time the live stream reached. */
function incrementalRounds(db: Db, live: Live, from: number, checkpoint: boolean): { rounds: Incremental[]; at: number } {
  let at = from;
  const rounds: Incremental[] = [];
  for (let tries = 0; rounds.length < 3; tries++) {
    if (tries >= 10) throw new Error('the background sync kept refreshing the measured rows before this bench could');
    const page = livePage(live, at);
    at = page.at;
    const round = incrementalRound(db, page, checkpoint);
    if (round) rounds.push(round);
  }
  return { rounds, at };
}

interface Condition {
  baseline: number;
  scans: Timing[];
  sceneTimes: Record<string, number[]>;
  rounds: Incremental[];
}

function measure(db: Db, now: number, live: Live, from: number, underSync: boolean): { figures: Condition; at: number } {
  const baseline = baselineScan(db);
  const scans = fullScans(db, now);
  const sceneTimes = scenes(db, now);
  const { rounds, at } = incrementalRounds(db, live, from, !underSync);
  return { figures: { baseline, scans, sceneTimes, rounds }, at };
}

interface SyncOptions {
  file: string;
  scale: DemoScale;
  seed: number;
  now: number;
  pageRows: number;
  gapMs: number;
  rules: boolean;
  pragma: string;
}

/** Runs `during` while the background sync applies pages (from its first committed page on); returns both. */
async function underSync<T>(o: SyncOptions, during: () => T): Promise<{ value: T; writer: WriterStats }> {
  const args = [
    `--replica=${o.file}`,
    `--scale=${o.scale}`,
    `--seed=${o.seed}`,
    `--now=${o.now}`,
    `--page-rows=${o.pageRows}`,
    `--gap-ms=${o.gapMs}`,
    `--rules=${o.rules}`,
    `--pragma=${o.pragma}`,
  ];
  const child = forkTs<WriterMessage>(WRITER, args);
  try {
    const ready = await child.next('ready');
    progress(`background sync ready (${ready.pool.toLocaleString('en')} open deals in its pool)`);
    child.send({ type: 'start' });
    await child.next('first-page');
    progress('background sync applying pages; measuring');
    const value = during();
    child.send({ type: 'stop' });
    const { stats } = await child.next('stopped');
    await child.exited;
    return { value, writer: stats };
  } catch (err) {
    child.kill();
    throw err;
  }
}

interface Summary {
  p95: Record<string, number>;
  fullScan: number;
  fullScanWait: number;
  incremental: number;
  incrementalWait: number;
}

function summarize(c: Condition): Summary {
  const p95 = Object.fromEntries(Object.entries(c.sceneTimes).map(([k, v]) => [k, round(percentile(v, 0.95), 1)]));
  return {
    p95,
    fullScan: round(median(c.scans.map((s) => s.ms)), 1),
    fullScanWait: round(median(c.scans.map((s) => s.waitMs)), 1),
    incremental: round(median(c.rounds.map((r) => r.refreshMs + r.rulesMs)), 1),
    incrementalWait: round(median(c.rounds.map((r) => r.waitMs)), 1),
  };
}

const ms = (v: number): string => v.toFixed(1);
const times = (v: number, base: number): string => `${(v / base).toFixed(3)}×`;

function conditionRows(label: string, c: Condition, s: Summary): Cell[][] {
  const rows: Cell[][] = Object.entries(c.sceneTimes).map(([name, v]) => [
    `${label} ${name}`,
    ms(percentile(v, 0.5)),
    ms(percentile(v, 0.95)),
    times(percentile(v, 0.95), c.baseline),
    '',
  ]);
  rows.push([
    `${label} full exception scan`,
    c.scans.map((x) => ms(x.ms)).join(' / '),
    ms(s.fullScan),
    times(s.fullScan, c.baseline),
    ms(s.fullScanWait),
  ]);
  for (const r of c.rounds) {
    rows.push([
      `${label} incremental, ${r.rows} rows`,
      `${ms(r.refreshMs)} + ${ms(r.rulesMs)}`,
      ms(r.refreshMs + r.rulesMs),
      times(r.refreshMs + r.rulesMs, c.baseline),
      ms(r.waitMs),
    ]);
  }
  rows.push([`${label} baseline: activities scan`, '', ms(c.baseline), '1.000×', '']);
  return rows;
}

function report(f: {
  scale: DemoScale;
  pragma: string;
  activities: number;
  loadMs: number;
  cached: boolean;
  buildMs: number;
  idle: Condition;
  sync: { figures: Condition; writer: WriterStats } | null;
}): void {
  const idle = summarize(f.idle);
  const sync = f.sync ? summarize(f.sync.figures) : null;
  console.log(`analytics bench — scale ${f.scale}, ${f.activities.toLocaleString('en')} activities`);
  if (f.pragma) console.log(`  extra pragmas on both connections (not the app's settings): ${f.pragma}`);
  console.log(
    `  replica ${f.cached ? 'copied from the fixture cache' : 'generated'} in ${round(f.loadMs / 1000, 1)} s; initial rollup build ${ms(f.buildMs)} ms`,
  );
  const rows: Cell[][] = [['figure', 'p50 | runs (ms)', 'p95 | median (ms)', '÷ baseline', 'lock wait (ms)']];
  rows.push(...conditionRows('idle', f.idle, idle));
  if (f.sync) rows.push(...conditionRows('sync', f.sync.figures, sync as Summary));
  console.log(formatTable(rows));
  if (f.sync) {
    const w = f.sync.writer;
    console.log(
      `  background sync: ${w.pages} pages, ${w.rows.toLocaleString('en')} rows in ${round(w.elapsedMs / 1000, 1)} s ` +
        `(${Math.round((w.rows * 1000) / w.elapsedMs).toLocaleString('en')} rows/s); per page: rows + rollups p50 ` +
        `${ms(median(w.pageMs))} ms, p95 ${ms(percentile(w.pageMs, 0.95))} ms; exception re-evaluation p50 ${ms(median(w.rulesMs))} ms`,
    );
  }
  const max = (p: Record<string, number>): number => Math.max(...Object.values(p));
  const figures: Record<string, unknown> = {
    scene_p95_ms: idle.p95,
    scene_p95_ms_max: max(idle.p95),
    full_scan_ms: idle.fullScan,
    incremental_ms: idle.incremental,
    baseline_scan_ms: round(f.idle.baseline, 1),
    scene_p95_max_over_baseline: round(max(idle.p95) / f.idle.baseline, 3),
    activities: f.activities,
    ...(f.pragma ? { pragmas: f.pragma } : {}),
  };
  if (f.sync && sync) {
    const w = f.sync.writer;
    Object.assign(figures, {
      scene_p95_ms_under_sync: sync.p95,
      scene_p95_ms_max_under_sync: max(sync.p95),
      full_scan_ms_under_sync: sync.fullScan,
      full_scan_lock_wait_ms_under_sync: sync.fullScanWait,
      incremental_ms_under_sync: sync.incremental,
      incremental_lock_wait_ms_under_sync: sync.incrementalWait,
      baseline_scan_ms_under_sync: round(f.sync.figures.baseline, 1),
      scene_p95_max_over_baseline_under_sync: round(max(sync.p95) / f.sync.figures.baseline, 3),
      sync_rows_s: Math.round((w.rows * 1000) / w.elapsedMs),
      sync_pages: w.pages,
    });
  }
  console.log(benchLine('analytics', f.scale, figures));
}

async function main(): Promise<void> {
  const flags = parseFlags();
  const scale = choiceFlag(flags, 'scale', ['demo', 'M', 'L'] as const, 'demo');
  const seed = numberFlag(flags, 'seed', 7);
  const now = WEDNESDAY;
  const dir = mkdtempSync(join(tmpdir(), 'outpost-bench-'));
  try {
    const file = join(dir, 'replica.sqlite');
    progress(`preparing the ${scale} replica`);
    const [cached, loadMs] = timed(() =>
      cachedReplica({
        repoRoot: REPO,
        key: { bench: 'analytics', scale, seed, now, plants: true },
        target: file,
        fresh: booleanFlag(flags, 'fresh-fixture', false),
        generate: (path) => {
          const db = demoReplica({ scale, seed, now, plants: true }, path);
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        },
      }),
    );
    const pragma = stringFlag(flags, 'pragma', '');
    const db = openReplica(file);
    tuneForSync(db);
    applyPragmas(db, parsePragmas(pragma));
    // A write of this bench may wait for a whole page of the background sync (and SQLite queues no one fairly).
    db.pragma('busy_timeout = 60000');
    const activities = db.prepare('SELECT COUNT(*) FROM activities').pluck().get() as number;
    progress('building the rollups');
    const [, buildMs] = timed(() => analytics.refreshAnalytics(db, now));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const live = createLiveGenerator({ seed, now, scale, plants: true, repsPerRegion: 6 });
    progress('measuring idle');
    const idle = measure(db, now, live, now, false);
    let sync: { figures: Condition; writer: WriterStats } | null = null;
    if (!booleanFlag(flags, 'no-sync', false) && booleanFlag(flags, 'sync', true)) {
      const options: SyncOptions = {
        file,
        scale,
        seed,
        now,
        pageRows: numberFlag(flags, 'sync-page-rows', 5000),
        gapMs: numberFlag(flags, 'sync-gap-ms', 50),
        rules: booleanFlag(flags, 'sync-rules', true),
        pragma,
      };
      // The background sync's commits grow the WAL; its connection checkpoints it. Without this, whichever commit of
      // this bench crossed the auto-checkpoint size would copy the sync's pages into the database inside a timing.
      const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.pragma('wal_autocheckpoint = 0');
      const r = await underSync(options, () => measure(db, now, live, idle.at, true));
      db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      sync = { figures: r.value.figures, writer: r.writer };
    }
    db.close();
    report({ scale, pragma, activities, loadMs, cached, buildMs, idle: idle.figures, sync });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
