// Sync benchmark (issue 3): `npx tsx tests/bench/sync.bench.ts --scale demo|M|L [--user admin|director]`.
// On the SAME rows — the demo dataset seeded into a throwaway PostgreSQL, as the chosen demo user's feed —
// measures (a) raw better-sqlite3 prepared inserts into a fresh replica (the baseline), (b) applyMainPage over
// pre-fetched pages, (c) an end-to-end initial sync over loopback by a fresh sync engine, (d) incremental syncs of
// 1,000 changes, and the syncing process's peak RSS. Ends with the BENCH line of /work/shared/BENCH.md.
//
// Processes: this one runs PostgreSQL's client side and the HTTP server; (a)/(b) run in one child ("apply") and
// (c)/(d) in another ("sync"), so the peak RSS is the syncing process's alone and each phase starts with a
// clean heap. Options: --user admin (all regions, default) | director (the demo director's 2 regions), --seed N,
// --incr-rounds N, --no-trigger-variants (skip (a−)/(b−): lanes without the analytics triggers), --no-bracket (skip
// the baseline passes around (c)), --pragma name=value[,…] (try connection settings on every replica of the run),
// --cpu-prof-dir DIR (CPU profiles of both children, and of the server process during (c)).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openReplica, type Db } from '../../src/core/db/open';
import { readSyncState } from '../../src/core/db/repos/sync-state-repo';
import { applyMainPage } from '../../src/core/sync/apply';
import { tuneForSync } from '../../src/core/sync/db-tuning';
import { createSyncEngine, type SyncEngine } from '../../src/core/sync/engine';
import { createTableWriters } from '../../src/core/sync/table-writer';
import { createLiveGenerator, type LiveGenerator } from '../../src/server/demo/live';
import type { DemoBatch, DemoScale } from '../../src/server/demo/types';
import { startServer, type RunningServer } from '../../src/server/server';
import type { SyncStatus } from '../../src/shared/domain/sync-status';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, changesPageSchema, type ChangesPage } from '../../src/shared/sync/protocol';
import { TABLES, TABLE_NAMES, type TableName } from '../../src/shared/sync/tables';
import { startTestPostgres } from '../helpers/postgres';
import { booleanFlag, choiceFlag, numberFlag, parseFlags, stringFlag, type Flags } from './lib/args';
import { failToParent, forkTs, toParent, type BenchChild } from './lib/child';
import { peakRssMb, startRssSampler } from './lib/memory';
import { startCpuProfile, type CpuProfiler } from './lib/profile';
import { benchLine, createProgress, fmt, formatTable, round, type Cell } from './lib/report';
import { Accumulator, median, perSecond, timed, timedAsync } from './lib/timing';

const SELF = fileURLToPath(import.meta.url);
/** The generator's "now": a Wednesday, 11:30 in China. Fixed so every run syncs the same rows. */
const NOW = Date.UTC(2025, 5, 18, 3, 30, 0);
const PAGE_SIZE = 5_000;
const INCR_CHANGES = 1_000;
const USERS = { admin: 'demo-admin', director: 'demo-director' } as const;
type UserKey = keyof typeof USERS;

// ---- messages between the bench and its children ------------------------------------------------------

interface PassFigures {
  ms: number;
  rows: number;
}
interface ApplyFigures {
  pages: number;
  rows: number;
  bytes: number;
  fetchMs: number;
  raw: PassFigures;
  apply: PassFigures & { decodeMs: number; parseMs: number; validateMs: number };
  rawNoTriggers: PassFigures | null;
  applyNoTriggers: PassFigures | null;
  counts: Record<string, number>;
}
interface IncrFigures {
  ms: number;
  cursor: number;
  state: string;
}
type ChildMessage =
  | { type: 'applied'; figures: ApplyFigures }
  | ({ type: 'raw-done' } & PassFigures)
  | {
      type: 'initial';
      ms: number;
      busyMs: number;
      openMs: number;
      rows: number;
      cursor: number;
      rssMb: number;
      status: SyncStatus;
    }
  | ({ type: 'incr-done' } & IncrFigures)
  | { type: 'final'; peakRssMb: number };

// ---- pages ---------------------------------------------------------------------------------------------

interface FetchedPages {
  /** UTF-8 bodies as received (Buffers live outside the JS heap, so scale L fits). */
  bodies: Buffer[];
  /** The `after` each page was requested with. */
  afters: number[];
  rows: number;
  bytes: number;
  ms: number;
}

/** Every page of an initial sync, fetched like the engine does (after=cursor, held=granted after page 1). */
async function fetchAllPages(url: string, token: string): Promise<FetchedPages> {
  const started = performance.now();
  const out: FetchedPages = { bodies: [], afters: [], rows: 0, bytes: 0, ms: 0 };
  let after = 0;
  let held: string[] = [];
  for (;;) {
    const query = new URLSearchParams({ after: String(after), limit: String(PAGE_SIZE), held: held.join(',') });
    const res = await fetch(`${url}/v1/changes?${query}`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION), accept: 'application/json' },
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`GET /v1/changes → ${res.status}: ${body.toString('utf8').slice(0, 300)}`);
    const page = JSON.parse(body.toString('utf8')) as ChangesPage;
    if (page.reset) throw new Error('the server answered reset during the pre-fetch');
    out.bodies.push(body);
    out.afters.push(after);
    out.rows += pageRows(page);
    out.bytes += body.length;
    after = page.cursor;
    held = [...page.scope.granted].sort();
    if (!page.hasMore) break;
  }
  out.ms = performance.now() - started;
  return out;
}

function pageRows(page: ChangesPage): number {
  return Object.values(page.tables).reduce((n, t) => n + (t ? t.rows.length + t.deletes.length : 0), 0);
}

// ---- (a) and (b): the "apply" child ---------------------------------------------------------------------

/** `--pragma temp_store=MEMORY,cache_size=-131072`: connection settings to try on every replica of the run. */
function parsePragmas(text: string): [string, string][] {
  if (text === '') return [];
  return text.split(',').map((item) => {
    const match = /^([a-z_]+)=([\w-]+)$/.exec(item.trim());
    if (!match) throw new Error(`--pragma expects name=value[,name=value], got "${item}"`);
    return [match[1] ?? '', match[2] ?? ''];
  });
}

function applyPragmas(db: Db, pragmas: readonly [string, string][]): void {
  for (const [name, value] of pragmas) db.pragma(`${name} = ${value}`);
}

/** A fresh replica file: every migration, the engine's connection tuning, optionally without analytics triggers. */
function freshReplica(dir: string, name: string, triggers: boolean, pragmas: readonly [string, string][]): Db {
  const file = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = openReplica(file);
  tuneForSync(db);
  applyPragmas(db, pragmas);
  if (!triggers) {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
    for (const trigger of names) db.exec(`DROP TRIGGER ${trigger}`);
  }
  return db;
}

function closeAndDelete(db: Db): void {
  const file = db.name;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** Positional wire rows as SQLite binds them (json → text, boolean → 0/1): done before the timer starts. */
function bindable(table: TableName, rows: unknown[][]): unknown[][] {
  const cols = TABLES[table].columns;
  return rows.map((row) =>
    row.map((v, i) => {
      const type = cols[i]?.type;
      if (type === 'json' && v !== null && typeof v === 'object') return JSON.stringify(v);
      if (type === 'bool' && typeof v === 'boolean') return v ? 1 : 0;
      return v;
    }),
  );
}

type Work = [TableName, unknown[][]][];

/** The page's rows per table, ready to bind: parsed and converted before any timer starts. */
function bindablePage(body: Buffer): Work {
  const page = JSON.parse(body.toString('utf8')) as ChangesPage;
  const work: Work = [];
  for (const table of TABLE_NAMES) {
    const changes = page.tables[table];
    if (!changes) continue;
    if (changes.deletes.length > 0) throw new Error('an initial-sync page carried tombstones; the raw lane does not model them');
    work.push([table, bindable(table, changes.rows)]);
  }
  return work;
}

interface PageInput {
  body: Buffer;
  after: number;
  /** Shared by the raw lanes (they never mutate rows); computed once, on first use. */
  work(): Work;
}

interface Lane {
  readonly db: Db;
  /** Writes one page in one transaction, timing only the part the lane measures. */
  run(input: PageInput): void;
  readonly figures: PassFigures & Partial<Pick<ApplyFigures['apply'], 'decodeMs' | 'parseMs' | 'validateMs'>>;
}

/** (a) Plain prepared INSERTs, one transaction per page (≤ 5,000 rows). Only the transaction is timed. */
function rawLane(db: Db): Lane {
  const insert = Object.fromEntries(
    TABLE_NAMES.map((t) => {
      const names = TABLES[t].columns.map((c) => c.name);
      return [t, db.prepare(`INSERT INTO ${t} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)];
    }),
  ) as Record<TableName, ReturnType<Db['prepare']>>;
  const figures: PassFigures = { ms: 0, rows: 0 };
  return {
    db,
    figures,
    run(input) {
      const work = input.work();
      const insertAll = db.transaction(() => {
        for (const [table, rows] of work) {
          const stmt = insert[table];
          for (const row of rows) stmt.run(row);
        }
      });
      figures.ms += timed(insertAll)[1];
      figures.rows += work.reduce((n, [, rows]) => n + rows.length, 0);
    },
  };
}

/** (b) What the engine does per page once the body arrived: decode, JSON.parse, schema check, then applyMainPage. */
function applyLane(db: Db): Lane {
  const writers = createTableWriters(db);
  const acc = new Accumulator();
  const figures = { ms: 0, rows: 0, decodeMs: 0, parseMs: 0, validateMs: 0 };
  return {
    db,
    figures,
    run({ body, after }) {
      const text = acc.time('decode', () => body.toString('utf8'));
      const json = acc.time('parse', () => JSON.parse(text) as unknown);
      const page = acc.time('validate', () => changesPageSchema.parse(json));
      figures.rows += acc.time('apply', () => applyMainPage(db, writers, page, after, Date.now())).rows;
      Object.assign(figures, {
        ms: acc.get('apply'),
        decodeMs: acc.get('decode'),
        parseMs: acc.get('parse'),
        validateMs: acc.get('validate'),
      });
    },
  };
}

function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

/**
 * Runs every lane over the same pages, interleaved page by page with the lane order rotating, so drift on this
 * noisy machine (disk flushes, a neighbour's CPU burst) hits every lane alike and the ratios stay meaningful.
 */
function runLanes(lanes: readonly Lane[], pages: FetchedPages): void {
  pages.bodies.forEach((body, i) => {
    let work: Work | null = null;
    const input: PageInput = { body, after: pages.afters[i] ?? 0, work: () => (work ??= bindablePage(body)) };
    for (let k = 0; k < lanes.length; k++) lanes[(i + k) % lanes.length]?.run(input);
  });
}

async function applyChild(flags: Flags): Promise<void> {
  const dir = stringFlag(flags, 'dir', '');
  const pages = await fetchAllPages(stringFlag(flags, 'url', ''), stringFlag(flags, 'token', ''));
  const variants = booleanFlag(flags, 'trigger-variants', true);
  const pragmas = parsePragmas(stringFlag(flags, 'pragma', ''));
  const raw = rawLane(freshReplica(dir, 'raw', true, pragmas));
  const apply = applyLane(freshReplica(dir, 'apply', true, pragmas));
  const rawNt = variants ? rawLane(freshReplica(dir, 'raw-nt', false, pragmas)) : null;
  const applyNt = variants ? applyLane(freshReplica(dir, 'apply-nt', false, pragmas)) : null;
  const lanes = [raw, apply, rawNt, applyNt].filter((lane): lane is Lane => lane !== null);
  runLanes(lanes, pages);
  const counts = lanes.map((lane) => tableCounts(lane.db));
  for (const lane of lanes) closeAndDelete(lane.db);
  const differing = counts.find((c) => JSON.stringify(c) !== JSON.stringify(counts[0]));
  if (differing) throw new Error(`the lanes' replicas differ: ${JSON.stringify(counts[0])} vs ${JSON.stringify(differing)}`);
  const figures: ApplyFigures = {
    pages: pages.bodies.length,
    rows: pages.rows,
    bytes: pages.bytes,
    fetchMs: pages.ms,
    raw: raw.figures,
    apply: apply.figures as ApplyFigures['apply'],
    rawNoTriggers: rawNt?.figures ?? null,
    applyNoTriggers: applyNt?.figures ?? null,
    counts: counts[0] ?? {},
  };
  toParent<ChildMessage>({ type: 'applied', figures });
  // Stay for the baseline passes that bracket (c), run on the same pages while the sync child is idle.
  process.on('message', (m: { type: string }) => {
    if (m.type === 'exit') return process.disconnect();
    if (m.type !== 'raw-pass') return;
    try {
      const lane = rawLane(freshReplica(dir, 'raw-bracket', true, pragmas));
      runLanes([lane], pages);
      closeAndDelete(lane.db);
      toParent<ChildMessage>({ type: 'raw-done', ...lane.figures });
    } catch (err) {
      failToParent(err);
    }
  });
}

// ---- (c) and (d): the "sync" child ------------------------------------------------------------------------

async function syncChild(flags: Flags): Promise<void> {
  const sampler = startRssSampler(20);
  const [db, openMs] = timed(() => openReplica(stringFlag(flags, 'db', '')));
  // Before the engine's own tuning (tuneForSync), which therefore wins for the pragmas it sets itself.
  applyPragmas(db, parsePragmas(stringFlag(flags, 'pragma', '')));
  let settle: { resolve(s: SyncStatus): void; reject(e: Error): void } | null = null;
  const engine: SyncEngine = createSyncEngine({
    db,
    intervalMs: 3_600_000, // no timer-driven cycle may land inside a measurement
    onStatus: (status) => {
      if (status.state === 'synced') settle?.resolve(status);
      // Any failure, even one the engine would retry, makes the figures meaningless: stop.
      else if (status.state === 'error' || status.state === 'offline')
        settle?.reject(new Error(`sync failed: ${status.lastError}`));
    },
  });
  const initial = new Promise<SyncStatus>((resolve, reject) => (settle = { resolve, reject }));
  const eluStart = performance.eventLoopUtilization();
  const started = performance.now();
  engine.start({ url: stringFlag(flags, 'url', ''), token: stringFlag(flags, 'token', '') });
  const status = await initial;
  const ms = performance.now() - started;
  // How much of (c) this process was busy (apply, parse) rather than waiting for the network and the server.
  const busyMs = performance.eventLoopUtilization(eluStart).active;
  settle = null;
  const rows = Object.values(tableCounts(db)).reduce((a, b) => a + b, 0);
  const cursor = readSyncState(db).cursor;
  toParent<ChildMessage>({ type: 'initial', ms, busyMs, openMs, rows, cursor, rssMb: peakRssMb(sampler), status });

  process.on('message', (raw: { type: string }) => {
    if (raw.type === 'incr') {
      timedAsync(() => engine.syncNow())
        .then(([s, incrMs]) =>
          toParent<ChildMessage>({ type: 'incr-done', ms: incrMs, cursor: readSyncState(db).cursor, state: s.state }),
        )
        .catch(failToParent);
    } else if (raw.type === 'finish') {
      engine.close();
      db.close();
      const message: ChildMessage = { type: 'final', peakRssMb: peakRssMb(sampler) };
      sampler.stop();
      process.send?.(message, () => process.disconnect());
    }
  });
}

// ---- (d): 1,000 changes on the server ---------------------------------------------------------------------

/** The next `count` live-mode changes (activities, stage advances, leads) in `regions`; advances `clock`. */
function liveChanges(live: LiveGenerator, clock: { t: number }, regions: ReadonlySet<string>, count: number): DemoBatch[] {
  const out: DemoBatch[] = [];
  let total = 0;
  for (let guard = 0; total < count; guard++) {
    if (guard > 200_000) throw new Error('live mode produced too few changes in the granted regions');
    clock.t += 60_000;
    for (const batch of live.next(clock.t)) {
      const scoped = TABLES[batch.table].regionScoped;
      const rows = batch.rows.filter((row) => !scoped || regions.has(String(row[1]))).slice(0, count - total);
      if (rows.length === 0) continue;
      out.push({ table: batch.table, rows });
      total += rows.length;
    }
  }
  return out;
}

async function writeChanges(server: RunningServer, batches: readonly DemoBatch[]): Promise<void> {
  await server.store.write(async (w) => {
    for (const batch of batches) await w.writeRows(batch.table, batch.rows);
  });
}

// ---- the bench ----------------------------------------------------------------------------------------------

interface Options {
  scale: DemoScale;
  user: UserKey;
  seed: number;
  incrRounds: number;
  triggerVariants: boolean;
  bracket: boolean;
  /** Extra connection pragmas for every replica of the run (an experiment knob; '' = the engine's own settings). */
  pragma: string;
  profileDir: string | null;
}

interface Results {
  options: Options;
  granted: string[];
  phases: [string, number][];
  seedRows: number;
  serverPage: ServerPageFigures;
  apply: ApplyFigures;
  /** Baseline passes right before and after (c): its ratio is to their mean (drift between (a) and (c) cancels). */
  bracket: PassFigures[];
  e2e: Extract<ChildMessage, { type: 'initial' }>;
  incr: IncrFigures[];
  incrWriteMs: number[];
  final: Extract<ChildMessage, { type: 'final' }>;
}

function readOptions(flags: Flags): Options {
  const profileDir = flags.get('cpu-prof-dir') ?? null;
  return {
    scale: choiceFlag(flags, 'scale', ['demo', 'M', 'L'] as const, 'demo'),
    user: choiceFlag(flags, 'user', ['admin', 'director'] as const, 'admin'),
    seed: numberFlag(flags, 'seed', 7),
    incrRounds: Math.max(1, numberFlag(flags, 'incr-rounds', 5)),
    triggerVariants: !flags.has('no-trigger-variants'),
    bracket: !flags.has('no-bracket'),
    pragma: stringFlag(flags, 'pragma', ''),
    profileDir,
  };
}

function nodeArgs(options: Options, role: string): string[] {
  if (!options.profileDir) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=sync-bench-${role}.cpuprofile`];
}

async function main(): Promise<void> {
  const options = readOptions(parseFlags());
  const progress = createProgress('sync');
  const phases: [string, number][] = [];
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    progress(`${name} …`);
    const [value, ms] = await timedAsync(fn);
    phases.push([name, ms]);
    progress(`${name}: ${fmt.ms(ms)}`);
    return value;
  };
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'outpost-sync-bench-'));
  const pg = await phase('start PostgreSQL', () => startTestPostgres());
  try {
    const databaseUrl = await pg.createDatabase('outpost_bench');
    const demo = { scale: options.scale, seed: options.seed, now: NOW, plants: true };
    const server = await phase(`seed scale ${options.scale} into PostgreSQL`, () =>
      startServer({ store: { kind: 'pg', databaseUrl }, seed: demo }),
    );
    try {
      const results = await runPhases(options, server, dir, phase, progress);
      report({ ...results, phases });
    } finally {
      await server.close();
    }
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Phase = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

async function runPhases(
  options: Options,
  server: RunningServer,
  dir: string,
  phase: Phase,
  progress: (m: string) => void,
): Promise<Omit<Results, 'phases'>> {
  const userId = USERS[options.user];
  const token = server.demoTokens[userId] ?? '';
  const granted = await server.store.getGrants(userId);
  const seedRows = await server.store.highWater();
  progress(`${seedRows.toLocaleString('en')} change-log entries; syncing as ${userId} (${granted.join(', ')})`);
  const serverPage = await phase('server: one page cold, VACUUM ANALYZE, same page warm', () =>
    coldAndWarmPage(server, token, Math.floor(seedRows / 2)),
  );
  const common = [`--url=${server.url}`, `--token=${token}`, `--pragma=${options.pragma}`];
  const applier = forkTs<ChildMessage>(
    SELF,
    ['--role=apply', ...common, `--dir=${dir}`, `--trigger-variants=${options.triggerVariants}`],
    { nodeArgs: nodeArgs(options, 'apply') },
  );
  try {
    const apply = await phase('(a)+(b): pre-fetch pages; raw INSERT and applyMainPage lanes, interleaved', async () => {
      return (await applier.next('applied')).figures;
    });
    const rawPass = async () => {
      applier.send({ type: 'raw-pass' });
      const { ms, rows } = await applier.next('raw-done');
      return { ms, rows };
    };
    const bracket: PassFigures[] = [];
    if (options.bracket) bracket.push(await phase('(a) again, just before (c)', rawPass));
    const syncer = forkTs<ChildMessage>(SELF, ['--role=sync', ...common, `--db=${join(dir, 'e2e.sqlite')}`], {
      nodeArgs: nodeArgs(options, 'sync'),
    });
    try {
      const profiler: CpuProfiler | null = options.profileDir ? await startCpuProfile() : null;
      const e2e = await phase('(c): end-to-end initial sync over HTTP', () => syncer.next('initial'));
      await profiler?.stop(join(options.profileDir ?? dir, 'sync-bench-server.cpuprofile'));
      if (e2e.rows !== apply.rows)
        progress(`WARNING: the e2e replica holds ${e2e.rows} rows, the pre-fetched pages ${apply.rows}`);
      if (options.bracket) bracket.push(await phase('(a) again, just after (c)', rawPass));
      applier.send({ type: 'exit' });
      await applier.exited;
      const { incr, writeMs } = await phase(`(d): ${options.incrRounds} incremental syncs of ${INCR_CHANGES} changes`, () =>
        incrementalRounds(options, server, syncer, new Set(granted)),
      );
      syncer.send({ type: 'finish' });
      const final = await syncer.next('final');
      await syncer.exited;
      return { options, granted, seedRows, serverPage, apply, bracket, e2e, incr, incrWriteMs: writeMs, final };
    } catch (err) {
      syncer.kill();
      throw err;
    }
  } catch (err) {
    applier.kill();
    throw err;
  }
}

interface ServerPageFigures {
  coldMs: number;
  vacuumMs: number;
  warmMs: number;
}

/**
 * A freshly seeded PostgreSQL has no planner statistics until autovacuum gets to it (about a minute later); the
 * change-feed query then sorts every remaining entry for each page. Time one mid-feed page before and after an
 * explicit VACUUM ANALYZE, which then makes every later phase run against a server in its steady state.
 */
async function coldAndWarmPage(server: RunningServer, token: string, after: number): Promise<ServerPageFigures> {
  const page = async () => {
    const query = new URLSearchParams({ after: String(after), limit: String(PAGE_SIZE) });
    const res = await fetch(`${server.url}/v1/changes?${query}`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    });
    if (!res.ok) throw new Error(`GET /v1/changes → ${res.status}`);
    await res.arrayBuffer();
  };
  const [, coldMs] = await timedAsync(page);
  const [, vacuumMs] = await timedAsync(() => server.store.sql.exec('VACUUM ANALYZE'));
  const [, warmMs] = await timedAsync(page);
  return { coldMs, vacuumMs, warmMs };
}

async function incrementalRounds(
  options: Options,
  server: RunningServer,
  child: BenchChild<ChildMessage>,
  granted: ReadonlySet<string>,
): Promise<{ incr: IncrFigures[]; writeMs: number[] }> {
  const live = createLiveGenerator({ seed: options.seed, now: NOW, scale: options.scale, plants: true });
  const clock = { t: NOW };
  const incr: IncrFigures[] = [];
  const writeMs: number[] = [];
  for (let round = 0; round < options.incrRounds; round++) {
    const batches = liveChanges(live, clock, granted, INCR_CHANGES);
    writeMs.push((await timedAsync(() => writeChanges(server, batches)))[1]);
    const highWater = await server.store.highWater();
    child.send({ type: 'incr' });
    const done = await child.next('incr-done');
    if (done.cursor !== highWater || done.state !== 'synced')
      throw new Error(`incremental sync ended at cursor ${done.cursor} (${done.state}), server high-water ${highWater}`);
    incr.push(done);
  }
  return { incr, writeMs };
}

// ---- output ------------------------------------------------------------------------------------------------

/** One line of the main table: rows, time, rate and the rate's ratio to `base` rows/s. */
function rateRow(label: string, pass: PassFigures, base: number, target = ''): Cell[] {
  const rate = perSecond(pass.rows, pass.ms);
  return [label, fmt.int(pass.rows), fmt.ms(pass.ms), fmt.int(rate), fmt.ratio(rate / base), target];
}

function mainTable(r: Results, rawRate: number, e2eBase: number): Cell[][] {
  const a = r.apply;
  const parseMs = a.apply.decodeMs + a.apply.parseMs + a.apply.validateMs;
  const rows: Cell[][] = [
    ['measure', 'rows', 'time', 'rows/s', 'ratio', 'target'],
    rateRow('(a) raw prepared INSERT = baseline', a.raw, rawRate),
    rateRow('(b) applyMainPage (interleaved with (a))', a.apply, rawRate, '(b)/(a) ≥ 0.80'),
    rateRow('    incl. decode + JSON.parse + zod', { rows: a.apply.rows, ms: a.apply.ms + parseMs }, rawRate),
  ];
  if (r.bracket.length > 0) {
    rows.push(...r.bracket.map((p, i) => rateRow(`(a) again, just ${i === 0 ? 'before' : 'after'} (c)`, p, rawRate)));
    rows.push(['    mean of the two: the base of (c)', '', '', fmt.int(e2eBase), fmt.ratio(e2eBase / rawRate), '']);
  }
  rows.push(rateRow('(c) end-to-end initial sync, loopback', r.e2e, e2eBase, '(c)/(a) ≥ 0.60'));
  if (a.rawNoTriggers && a.applyNoTriggers) {
    const rawNt = perSecond(a.rawNoTriggers.rows, a.rawNoTriggers.ms);
    const applyNt = perSecond(a.applyNoTriggers.rows, a.applyNoTriggers.ms);
    rows.push(
      rateRow('(a−) raw INSERT, analytics triggers dropped', a.rawNoTriggers, rawRate),
      rateRow('(b−) applyMainPage, triggers dropped', a.applyNoTriggers, rawRate, `(b−)/(a−) = ${fmt.ratio(applyNt / rawNt)}`),
    );
  }
  return rows;
}

function pageWorkTable(a: ApplyFigures): Cell[][] {
  const steps: [string, number][] = [
    ['decode UTF-8 (as res.text())', a.apply.decodeMs],
    ['JSON.parse', a.apply.parseMs],
    ['changesPageSchema.parse (zod)', a.apply.validateMs],
    ['applyMainPage (one SQLite transaction)', a.apply.ms],
  ];
  const total = steps.reduce((n, [, ms]) => n + ms, 0);
  return [
    ['per-page work of the engine in (b)', 'time', 'share'],
    ...steps.map(([name, ms]): Cell[] => [name, fmt.ms(ms), `${((100 * ms) / total).toFixed(0)} %`]),
  ];
}

function otherTable(r: Results, incrMs: number[], peak: number): Cell[][] {
  const list = (values: number[]) => `${values.map((ms) => ms.toFixed(0)).join(' / ')} ms`;
  return [
    ['other figures', 'value', 'target'],
    [`(d) incremental sync of ${INCR_CHANGES} changes, median of ${incrMs.length}`, fmt.ms(median(incrMs)), '≤ 150 ms'],
    ['    each round', list(incrMs), ''],
    ['    server write of those changes (not in (d))', list(r.incrWriteMs), ''],
    ['peak RSS of the syncing process (VmHWM)', fmt.mb(peak), '≤ 400 MB'],
    ['    of which reached by the end of (c)', fmt.mb(r.e2e.rssMb), ''],
    [
      '(c) syncing process busy (event loop active)',
      `${fmt.ms(r.e2e.busyMs)} of ${fmt.ms(r.e2e.ms)} (${((100 * r.e2e.busyMs) / r.e2e.ms).toFixed(0)} %)`,
      '',
    ],
    ['replica open + migrate (not in (c))', fmt.ms(r.e2e.openMs), ''],
    ['server: one page right after seeding (cold)', fmt.ms(r.serverPage.coldMs), ''],
    ['server: VACUUM ANALYZE, then that page again', `${fmt.ms(r.serverPage.vacuumMs)}, then ${fmt.ms(r.serverPage.warmMs)}`, ''],
    [
      'page pre-fetch over HTTP, no apply',
      `${fmt.ms(r.apply.fetchMs)} (${fmt.int(perSecond(r.apply.rows, r.apply.fetchMs))} rows/s)`,
      '',
    ],
    ...r.phases.map(([name, ms]): Cell[] => [`phase: ${name}`, fmt.ms(ms), '']),
  ];
}

function report(r: Results): void {
  const a = r.apply;
  const rawRate = perSecond(a.raw.rows, a.raw.ms);
  const applyRate = perSecond(a.apply.rows, a.apply.ms);
  const e2eRate = perSecond(r.e2e.rows, r.e2e.ms);
  const bracketRates = r.bracket.map((p) => perSecond(p.rows, p.ms));
  const e2eBase = bracketRates.length > 0 ? bracketRates.reduce((x, y) => x + y, 0) / bracketRates.length : rawRate;
  const incrMs = r.incr.map((i) => i.ms);
  const peak = Math.max(r.final.peakRssMb, r.e2e.rssMb);
  const o = r.options;
  console.log(
    `sync bench — scale ${o.scale}, seed ${o.seed}, as ${USERS[o.user]}: ${r.granted.length} regions (${r.granted.join(', ')})`,
  );
  if (o.pragma) console.log(`extra pragmas on every replica (not the engine's defaults): ${o.pragma}`);
  console.log(
    `${fmt.int(a.rows)} rows in ${a.pages} pages of ≤ ${PAGE_SIZE} (${fmt.mb(a.bytes / 1048576)} of JSON); the server's change log holds ${fmt.int(r.seedRows)}`,
  );
  const perTable = TABLE_NAMES.filter((t) => (a.counts[t] ?? 0) > 0).map((t) => `${t} ${fmt.int(a.counts[t] ?? 0)}`);
  console.log(`per table: ${perTable.join(', ')}`);
  for (const table of [mainTable(r, rawRate, e2eBase), pageWorkTable(a), otherTable(r, incrMs, peak)]) {
    console.log('');
    console.log(formatTable(table));
  }
  const figures = {
    raw_insert_rows_s: round(rawRate),
    apply_rows_s: round(applyRate),
    e2e_rows_s: round(e2eRate),
    apply_over_raw: round(applyRate / rawRate, 3),
    e2e_over_raw: round(e2eRate / e2eBase, 3),
    incr_1k_ms: round(median(incrMs), 1),
    peak_rss_mb: round(peak),
    rows: a.rows,
  };
  console.log(benchLine('sync', o.scale, figures));
}

// ---- entry ---------------------------------------------------------------------------------------------------

const flags = parseFlags();
const role = stringFlag(flags, 'role', 'main');
if (role === 'apply') applyChild(flags).catch(failToParent);
else if (role === 'sync') syncChild(flags).catch(failToParent);
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
