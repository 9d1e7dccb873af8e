// Wall benchmark (issue 5): `npm run bench:wall [-- --scale M|L]` (default L). Seeds a backend at the scale (on
// PostgreSQL by default: about twice as fast to seed as PGlite here; `--store pglite` for the embedded store), syncs
// a fresh web host replica from it as the demo director, then in headless Chromium at 1920×1080 measures:
//   first_frame_ms      web host process start → the first wall scene's data-rendered="true", the web host being
//                       restarted on the synced replica with the browser already open (median of --first-frames);
//                       navigation → frame and its parts are reported separately;
//   scene_switch_ms_p95 keydown ArrowRight (time in the page) → the next scene's data-rendered="true";
//   sync_to_wall_ms     a sync's commit → the shown scene shows it (data-checkpoint = the new cursor, rendered);
//                       median, p95 too. The commit time is when the replica's sync_state.cursor changes, polled every
//                       millisecond over a read-only better-sqlite3 connection (WAL: a commit is visible at once); the
//                       checkpoint a scene shows IS that cursor, so each sample is matched exactly. Syncs are started
//                       with sync.now (no timer syncs), spaced wider than the wall's 1 s re-read throttle;
//   heap_growth_pct     JS heap after GC (Performance.getMetrics), after a JIT warm-up of --soak-warmup cycles → the
//                       end of --soak-cycles more, rotating at 60 ms per scene with a sync every 2 s; also from the
//                       first cycle, and the heap snapshot's objects without compiled code from the first cycle;
//   dom_growth_pct      DOM nodes after GC, first cycle → end.
// Baselines from the same run, for this noisy 2-core machine: keydown of an ignored key → next animation frame (what
// any switch costs at least) and a core RPC round trip (app.info) from this process.
// Ends with the BENCH line of /work/shared/BENCH.md. Options: --store pg|pglite, --first-frames N, --switches N,
// --syncs N, --soak-warmup N, --soak-cycles N, --live-ms N (how often the backend writes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { WALL_SCENE_IDS, type WallSceneId } from '../../src/shared/domain/wall';
import { startBackend, type Backend } from '../helpers/backend';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { summarizeHeapSnapshot, takeHeapSnapshot, topGrowth, type HeapSummary } from '../helpers/heap-snapshot';
import { connectWebClient, parseWebHostUrl, waitForSynced, type WebClient } from '../helpers/web-client';
import { repoRoot, startWebHost, type WebHost } from '../helpers/web-host';
import { WallPage, cycleCounterScript, wallHash, wallRecorderScript, type WallTraceEntry } from '../e2e/pages/wall-page';
import { choiceFlag, numberFlag, parseFlags } from './lib/args';
import { launchChromium } from './lib/browser';
import { benchLine, createProgress, fmt, formatTable, round, type Cell } from './lib/report';
import { median, percentile } from './lib/timing';

const VIEWPORT = { width: 1920, height: 1080 };
/** The rotation never moves on its own while switches and syncs are measured. */
const STILL_MS = 3_600_000;
const SOAK_DWELL_MS = 60;
/** The wall re-reads the shown scene at most once a second on data.changed (REFRESH_THROTTLE_MS): samples are spaced wider. */
const SYNC_GAP_MS = 1_600;
const TARGETS = { sceneSwitch: 300, syncToWall: 200, firstFrame: 2_000 };

const flags = parseFlags();
const options = {
  scale: choiceFlag(flags, 'scale', ['demo', 'M', 'L'] as const, 'L'),
  store: choiceFlag(flags, 'store', ['pg', 'pglite'] as const, 'pg'),
  firstFrames: numberFlag(flags, 'first-frames', 3),
  switches: numberFlag(flags, 'switches', 24),
  syncs: numberFlag(flags, 'syncs', 20),
  soakWarmup: numberFlag(flags, 'soak-warmup', 50),
  soakCycles: numberFlag(flags, 'soak-cycles', 50),
  liveMs: numberFlag(flags, 'live-ms', 500),
};
const progress = createProgress('wall');

// ---- setup -------------------------------------------------------------------------------------------------

function ensureBuilt(): void {
  const outputs = ['out/main/web-host.js', 'out/main/server-host.js', 'out/renderer/index.html'];
  if (outputs.every((file) => existsSync(resolve(repoRoot, file)))) return;
  progress('out/ is missing: npx electron-vite build');
  const result = spawnSync(resolve(repoRoot, 'node_modules/.bin/electron-vite'), ['build'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

interface Resources {
  postgres: TestPostgres | null;
  backend: Backend | null;
  host: WebHost | null;
  browser: Browser | null;
  dirs: string[];
}

async function release(r: Resources): Promise<void> {
  await r.browser?.close().catch(() => undefined);
  await r.host?.stop().catch(() => undefined);
  await r.backend?.stop().catch(() => undefined);
  await r.postgres?.stop().catch(() => undefined);
  for (const dir of r.dirs) rmSync(dir, { recursive: true, force: true });
}

async function seedBackend(r: Resources): Promise<{ backend: Backend; seedMs: number }> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-wall-backend-'));
  r.dirs.push(dataDir);
  let databaseUrl: string | undefined;
  if (options.store === 'pg') {
    r.postgres = await startTestPostgres();
    databaseUrl = await r.postgres.createDatabase('wall_bench');
  }
  progress(`seeding the ${options.scale} demo dataset on ${options.store === 'pg' ? 'PostgreSQL' : 'PGlite'}...`);
  const backend = await startBackend({
    dataDir,
    databaseUrl,
    scale: options.scale,
    liveMs: options.liveMs,
    timeoutMs: 90 * 60_000,
  });
  r.backend = backend;
  return { backend, seedMs: Date.now() - started };
}

function hostArgs(backend: Backend): string[] {
  // No timer-driven syncs: the bench starts each one (sync.now), so none lands inside a switch measurement.
  return [`--backend-url=${backend.url}`, `--backend-token=${backend.token}`, `--sync-interval-ms=${STILL_MS}`];
}

/** A page in a fresh context that records the wall from its first paint (the token is added once it is known). */
async function wallContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(wallRecorderScript(20_000));
  await context.addInitScript(cycleCounterScript());
  return { context, page: await context.newPage() };
}

/**
 * As the page itself does after its first load (bridge.ts keeps the token in sessionStorage), so the wall route
 * can be the very first navigation, like a wall window opened at app start.
 */
async function addToken(context: BrowserContext, host: WebHost): Promise<void> {
  const { token } = parseWebHostUrl(host.url);
  await context.addInitScript(`sessionStorage.setItem('outpost.webToken', ${JSON.stringify(token)});`);
}

function trace(page: Page): Promise<WallTraceEntry[]> {
  return new WallPage(page).trace();
}

/** Polls the page's trace until `match` finds an entry; returns it. */
async function waitForEntry(
  page: Page,
  match: (entries: WallTraceEntry[]) => WallTraceEntry | undefined,
  timeoutMs: number,
  what: string,
): Promise<WallTraceEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = match(await trace(page));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 15));
  }
}

// ---- first frame ----------------------------------------------------------------------------------------------

interface FirstFrame {
  totalMs: number;
  hostReadyMs: number;
  navToFrameMs: number;
  /** Navigation → the wall's root is in the DOM (renderer loaded, route resolved). */
  navToWallMs: number;
  /** Navigation → the first scene root holds data (data-checkpoint set). */
  navToDataMs: number;
  /** From the page's own timeline (navigation start = 0): DOMContentLoaded, and the last script fetched. */
  domContentLoadedMs: number;
  lastScriptMs: number;
  /** The scripts fetched before the first frame: "file start–end ms", in order. */
  scripts: string[];
  scene: string;
}

/** Starts the web host on the synced replica and opens the wall straight away; stops neither. */
async function firstFrame(
  browser: Browser,
  dataDir: string,
  backend: Backend,
): Promise<{ figures: FirstFrame; host: WebHost; page: Page; context: BrowserContext }> {
  // The browser and an empty tab are up before the app starts (a wall display's browser is already open).
  const { context, page } = await wallContext(browser);
  const t0 = Date.now();
  const host = await startWebHost({ dataDir, extraArgs: hostArgs(backend), timeoutMs: 60_000 });
  const hostReady = Date.now();
  await addToken(context, host);
  const origin = parseWebHostUrl(host.url).origin;
  const navStart = Date.now();
  await page.goto(`${origin}/${wallHash({ dwellMs: STILL_MS })}`);
  const frame = await waitForEntry(
    page,
    (entries) => entries.find((e) => e.kind === 'state' && e.rendered === 'true'),
    120_000,
    'the first rendered wall scene',
  );
  const entries = await trace(page);
  const timeline = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const scripts = performance.getEntriesByType('resource').filter((r) => /\\.js($|\\?)/.test(r.name));
    return {
      dcl: nav ? nav.domContentLoadedEventEnd : NaN,
      scripts: scripts.map((r) => [r.name.split('/').pop(), r.startTime, r.responseEnd]),
    };
  })()`)) as { dcl: number; scripts: [string, number, number][] };
  const wallAt = entries.find((e) => e.kind === 'state')?.t ?? frame.t;
  const dataAt = entries.find((e) => e.kind === 'state' && e.checkpoint)?.t ?? frame.t;
  return {
    figures: {
      totalMs: frame.t - t0,
      hostReadyMs: hostReady - t0,
      navToFrameMs: frame.t - navStart,
      navToWallMs: wallAt - navStart,
      navToDataMs: dataAt - navStart,
      domContentLoadedMs: timeline.dcl,
      lastScriptMs: Math.max(0, ...timeline.scripts.map(([, , end]) => end)),
      scripts: timeline.scripts.map(([name, start, end]) => `${name} ${start.toFixed(0)}–${end.toFixed(0)}`),
      scene: frame.scene ?? '?',
    },
    host,
    page,
    context,
  };
}

// ---- scene switches ---------------------------------------------------------------------------------------------

interface SwitchSample {
  from: string;
  to: string;
  ms: number;
}

async function sceneSwitches(page: Page, count: number, baseline: number[]): Promise<SwitchSample[]> {
  const wall = new WallPage(page);
  const samples: SwitchSample[] = [];
  for (let i = 0; i < count; i++) {
    const from = await wall.currentScene();
    const to = WALL_SCENE_IDS[(WALL_SCENE_IDS.indexOf(from) + 1) % WALL_SCENE_IDS.length] as WallSceneId;
    await wall.clearTrace();
    await page.keyboard.press('ArrowRight');
    const key = await waitForEntry(page, (e) => e.find((x) => x.kind === 'key' && x.key === 'ArrowRight'), 10_000, 'the key');
    const done = await waitForEntry(
      page,
      (e) => e.find((x) => x.kind === 'state' && x.t >= key.t && x.scene === to && x.rendered === 'true'),
      30_000,
      `${to} rendered`,
    );
    samples.push({ from, to, ms: done.t - key.t });
    baseline.push(await keyToFrame(page));
    // A presenter dwells on a scene: the next one is read ahead meanwhile. Let that finish, as it would.
    await page.waitForTimeout(250);
  }
  return samples;
}

/** Baseline: keydown of a key the wall ignores → the next animation frame, in the page. */
async function keyToFrame(page: Page): Promise<number> {
  await page.evaluate(`new Promise((armed) => {
    window.__frameProbe = null;
    window.addEventListener('keydown', (event) => {
      if (event.key !== 'x') return;
      const start = performance.now();
      requestAnimationFrame(() => (window.__frameProbe = performance.now() - start));
    }, { once: true });
    armed();
  })`);
  await page.keyboard.press('x');
  for (;;) {
    const ms = (await page.evaluate('window.__frameProbe')) as number | null;
    if (typeof ms === 'number') return ms;
    await page.waitForTimeout(5);
  }
}

// ---- sync → wall ----------------------------------------------------------------------------------------------

interface SyncSample {
  scene: string;
  cursor: string;
  /** commit → the shown scene shows the new checkpoint, rendered. */
  ms: number;
  /** commit → data.changed arrived at this process (core's re-evaluation + the event). */
  eventMs: number;
}

/** Watches the replica's cursor from its own read-only connection; remembers when each value was first seen. */
function watchCursor(dataDir: string): { seen: Map<string, number>; latest(): string; stop(): void } {
  const db = new Database(join(dataDir, 'replica.sqlite'), { readonly: true, fileMustExist: true });
  const read = db.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck();
  const seen = new Map<string, number>();
  let latest = String(read.get());
  seen.set(latest, Date.now());
  const timer = setInterval(() => {
    const cursor = String(read.get());
    if (cursor !== latest) {
      latest = cursor;
      seen.set(cursor, performance.timeOrigin + performance.now());
    }
  }, 1);
  return {
    seen,
    latest: () => latest,
    stop: () => {
      clearInterval(timer);
      db.close();
    },
  };
}

interface SyncRun {
  samples: SyncSample[];
  /** Syncs that brought nothing (the cursor did not move). */
  empty: number;
  /**
   * Syncs whose changes were all outside the director's regions: the cursor moves, nothing shown changes, core
   * sends no data.changed and the wall rightly keeps what it shows. Not samples.
   */
  outOfScope: number;
}

async function syncToWall(page: Page, api: WebClient, dataDir: string, count: number): Promise<SyncRun> {
  const wall = new WallPage(page);
  const events = new Map<string, number>();
  const off = api.onRawEvent((event, at) => {
    const payload = event.payload as { asOf?: { checkpointId?: string } } | undefined;
    const id = payload?.asOf?.checkpointId;
    if (event.event === 'data.changed' && id && !events.has(id)) events.set(id, at);
  });
  const cursor = watchCursor(dataDir);
  const run: SyncRun = { samples: [], empty: 0, outOfScope: 0 };
  try {
    for (let i = 0, attempts = 0; run.samples.length < count && attempts < count * 4; attempts++) {
      const scene = WALL_SCENE_IDS[i % WALL_SCENE_IDS.length] as WallSceneId;
      await wall.press(String(WALL_SCENE_IDS.indexOf(scene) + 1));
      await wall.waitForScene(scene, 60_000);
      // Longer than the wall's re-read throttle, and time for the backend to write something.
      await page.waitForTimeout(SYNC_GAP_MS);
      await wall.clearTrace();
      const before = cursor.latest();
      await api.client.call('sync.now', { wait: true });
      const after = cursor.latest();
      if (after === before) {
        run.empty++;
        continue;
      }
      const event = await until(() => events.get(after), 3_000);
      if (event === undefined) {
        run.outOfScope++;
        continue;
      }
      const shown = await waitForEntry(
        page,
        (e) => e.find((x) => x.kind === 'state' && x.scene === scene && x.checkpoint === after && x.rendered === 'true'),
        30_000,
        `${scene} showing checkpoint ${after}`,
      ).catch(async (err: unknown) => {
        const recent = (await trace(page)).slice(-8).map((x) => JSON.stringify(x));
        throw new Error(`${String(err)}\nlast trace entries:\n${recent.join('\n')}`);
      });
      const committed = cursor.seen.get(after);
      if (committed === undefined) continue;
      run.samples.push({ scene, cursor: after, ms: shown.t - committed, eventMs: event - committed });
      i++;
    }
  } finally {
    cursor.stop();
    off();
  }
  return run;
}

/** Polls `read` every 10 ms until it gives a value or `timeoutMs` passed. */
async function until<T>(read: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((done) => setTimeout(done, 10));
  }
}

// ---- soak -------------------------------------------------------------------------------------------------------

interface SoakReading {
  cycle: number;
  heapMb: number;
  nodes: number;
  liveCharts: number;
}

interface SoakFigures {
  /** Cycles after the warm-up. */
  cycles: number;
  warmup: number;
  /** After the first cycle, after the warm-up, then every fifth of the soak. */
  series: SoakReading[];
  settled: SoakReading;
  last: SoakReading;
  /** Heap snapshots after the first cycle and at the end: objects (without compiled code) and code. */
  snapshots: { first: HeapSummary; last: HeapSummary };
  maxLiveCharts: number;
  syncs: number;
}

/**
 * Rotates at 60 ms per scene with a sync every 2 s. Readings (paused on the first scene, after GC) after the first
 * cycle, after the JIT warm-up, then every fifth of the soak; heap snapshots after the first cycle and at the end.
 */
async function soak(page: Page, api: WebClient, warmup: number, cycles: number): Promise<SoakFigures> {
  const wall = new WallPage(page);
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await wall.open({ dwellMs: SOAK_DWELL_MS });
  let syncs = 0;
  const syncing = setInterval(() => {
    syncs++;
    api.client.call('sync.now', {}).catch(() => undefined);
  }, 2_000);
  const series: SoakReading[] = [];
  const every = Math.max(1, Math.floor(cycles / 5));
  // The counter also saw the switches' wraps (trends → overview): count from here.
  const base = (await wall.cycleStats()).cycles;
  let first: HeapSummary | null = null;
  let last: HeapSummary | null = null;
  try {
    const settledAt = 1 + warmup;
    const targets = [
      1,
      settledAt,
      ...Array.from({ length: Math.ceil(cycles / every) }, (_, k) => settledAt + Math.min(cycles, (k + 1) * every)),
    ];
    for (const [n, target] of [...new Set(targets)].entries()) {
      while ((await wall.cycleStats()).cycles - base < target) await page.waitForTimeout(100);
      const cycle = (await wall.cycleStats()).cycles - base;
      const reading = await wall.readAtRest(cdp);
      series.push({ cycle, heapMb: reading.heapBytes / 1048576, nodes: reading.nodes, liveCharts: reading.liveCharts });
      progress(`soak: cycle ${cycle}, heap ${fmt.mb(reading.heapBytes / 1048576)}, ${reading.nodes} nodes`);
      if (n === 0) first = summarizeHeapSnapshot(await takeHeapSnapshot(cdp));
    }
    last = summarizeHeapSnapshot(await takeHeapSnapshot(cdp));
  } finally {
    clearInterval(syncing);
  }
  const settled = series.find((s) => s.cycle >= 1 + warmup);
  const end = series[series.length - 1];
  if (!settled || !end || !first || !last) throw new Error('no soak readings');
  const stats = await wall.cycleStats();
  return {
    cycles: end.cycle - settled.cycle,
    warmup,
    series,
    settled,
    last: end,
    snapshots: { first, last },
    maxLiveCharts: stats.maxLiveCharts,
    syncs,
  };
}

// ---- main ---------------------------------------------------------------------------------------------------------

async function rpcBaseline(api: WebClient, runs = 20): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await api.client.call('app.info', {});
    out.push(performance.now() - start);
  }
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  ensureBuilt();
  const r: Resources = { postgres: null, backend: null, host: null, browser: null, dirs: [] };
  try {
    const { backend, seedMs } = await seedBackend(r);
    progress(`backend ready in ${fmt.ms(seedMs)} at ${backend.url}`);

    // The replica: synced once by a web host, which then stops (the app closed after its first sync).
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-wall-replica-'));
    r.dirs.push(dataDir);
    const syncStart = Date.now();
    r.host = await startWebHost({ dataDir, extraArgs: hostArgs(backend), timeoutMs: 60_000 });
    const setupApi = connectWebClient(r.host.url);
    await waitForSynced(setupApi.client, 90 * 60_000, 1_000);
    const initialSyncMs = Date.now() - syncStart;
    setupApi.close();
    await r.host.stop();
    r.host = null;
    const replica = new Database(join(dataDir, 'replica.sqlite'), { readonly: true });
    const activities = replica.prepare('SELECT count(*) FROM activities').pluck().get() as number;
    const deals = replica.prepare('SELECT count(*) FROM deals').pluck().get() as number;
    replica.close();
    progress(`initial sync: ${fmt.ms(initialSyncMs)} (${fmt.int(activities)} activities, ${fmt.int(deals)} deals)`);

    r.browser = await launchChromium();
    const frames: FirstFrame[] = [];
    let page: Page | null = null;
    for (let i = 0; i < options.firstFrames; i++) {
      if (r.host) await r.host.stop();
      const run = await firstFrame(r.browser, dataDir, backend);
      r.host = run.host;
      frames.push(run.figures);
      const f = run.figures;
      progress(
        `first frame ${i + 1}: ${fmt.ms(f.totalMs)} (host ready ${fmt.ms(f.hostReadyMs)}; navigation → DOMContentLoaded ` +
          `${fmt.ms(f.domContentLoadedMs)}, → scripts ${fmt.ms(f.lastScriptMs)}, → wall ${fmt.ms(f.navToWallMs)}, ` +
          `→ data ${fmt.ms(f.navToDataMs)}, → rendered ${fmt.ms(f.navToFrameMs)})`,
      );
      if (i < options.firstFrames - 1) await run.context.close();
      else page = run.page;
    }
    if (!page || !r.host) throw new Error('no first frame');
    const api = connectWebClient(r.host.url);
    await waitForSynced(api.client, 120_000);

    progress(`scene switches (${options.switches})...`);
    const frameBaseline: number[] = [];
    const switches = await sceneSwitches(page, options.switches, frameBaseline);
    const rpc = await rpcBaseline(api);

    progress(`sync → wall (${options.syncs} syncs)...`);
    const syncRun = await syncToWall(page, api, dataDir, options.syncs);

    progress(`soak (${options.soakWarmup} warm-up + ${options.soakCycles} cycles at ${SOAK_DWELL_MS} ms per scene)...`);
    const soakFigures = await soak(page, api, options.soakWarmup, options.soakCycles);
    api.close();

    report({
      seedMs,
      initialSyncMs,
      activities,
      deals,
      frames,
      switches,
      frameBaseline,
      rpc,
      syncRun,
      soak: soakFigures,
      totalMs: Date.now() - started,
    });
  } finally {
    await release(r);
  }
}

// ---- report -------------------------------------------------------------------------------------------------------

interface Results {
  seedMs: number;
  initialSyncMs: number;
  activities: number;
  deals: number;
  frames: FirstFrame[];
  switches: SwitchSample[];
  frameBaseline: number[];
  rpc: number[];
  syncRun: SyncRun;
  soak: SoakFigures;
  totalMs: number;
}

const pct = (last: number, first: number) => ((last - first) / first) * 100;
const verdict = (value: number, target: number) => (value <= target ? 'met' : 'MISSED');
const ms = (values: readonly number[], p: number) => fmt.ms(percentile(values, p));

function report(r: Results): void {
  const { soak, syncRun } = r;
  const switchMs = r.switches.map((s) => s.ms);
  const warmSwitch = r.switches.slice(WALL_SCENE_IDS.length).map((s) => s.ms);
  const syncMs = syncRun.samples.map((s) => s.ms);
  const eventMs = syncRun.samples.map((s) => s.eventMs);
  const firstFrame = median(r.frames.map((f) => f.totalMs));
  const navToFrame = median(r.frames.map((f) => f.navToFrameMs));
  const first = soak.series[0] as SoakReading;
  const heapGrowth = pct(soak.last.heapMb, soak.settled.heapMb);
  const heapFromFirst = pct(soak.last.heapMb, first.heapMb);
  const objectGrowth = pct(soak.snapshots.last.objectBytes, soak.snapshots.first.objectBytes);
  const domGrowth = pct(soak.last.nodes, first.nodes);
  const switchP95 = percentile(switchMs, 0.95);
  const syncP50 = median(syncMs);
  const syncP95 = percentile(syncMs, 0.95);
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;

  console.log(
    `wall bench — scale ${options.scale}, backend on ${options.store === 'pg' ? 'PostgreSQL' : 'PGlite'} writing every ` +
      `${options.liveMs} ms, as the demo director; replica ${fmt.int(r.activities)} activities, ${fmt.int(r.deals)} deals; ` +
      `headless Chromium ${VIEWPORT.width}×${VIEWPORT.height}`,
  );
  console.log(`setup: seed ${fmt.ms(r.seedMs)}, initial sync ${fmt.ms(r.initialSyncMs)}; whole run ${fmt.ms(r.totalMs)}`);
  console.log('');
  const rows: Cell[][] = [
    ['figure', 'value', 'target', ''],
    [
      'first frame: host start → scene rendered (median)',
      fmt.ms(firstFrame),
      `≤ ${TARGETS.firstFrame} ms`,
      verdict(firstFrame, TARGETS.firstFrame),
    ],
    ['  runs', r.frames.map((f) => f.totalMs.toFixed(0)).join(' / '), '', ''],
    ['  host start → URL printed', fmt.ms(median(r.frames.map((f) => f.hostReadyMs))), '', ''],
    ['  page timeline: DOMContentLoaded', fmt.ms(median(r.frames.map((f) => f.domContentLoadedMs))), '', ''],
    ['  page timeline: last script fetched', fmt.ms(median(r.frames.map((f) => f.lastScriptMs))), '', ''],
    ['  navigation → wall root in the DOM', fmt.ms(median(r.frames.map((f) => f.navToWallMs))), '', ''],
    ['  navigation → first scene has data', fmt.ms(median(r.frames.map((f) => f.navToDataMs))), '', ''],
    ['  navigation → scene rendered', fmt.ms(navToFrame), '', ''],
    [
      `scene switch p95 (${switchMs.length} switches)`,
      fmt.ms(switchP95),
      `≤ ${TARGETS.sceneSwitch} ms`,
      verdict(switchP95, TARGETS.sceneSwitch),
    ],
    ['  p50 / max', `${fmt.ms(median(switchMs))} / ${fmt.ms(Math.max(...switchMs))}`, '', ''],
    ['  p95 after the first cycle', ms(warmSwitch, 0.95), '', ''],
    [
      `sync commit → wall p50 (${syncMs.length} syncs)`,
      fmt.ms(syncP50),
      `≤ ${TARGETS.syncToWall} ms`,
      verdict(syncP50, TARGETS.syncToWall),
    ],
    [
      '  p95 / max',
      `${fmt.ms(syncP95)} / ${fmt.ms(Math.max(...syncMs))}`,
      `≤ ${TARGETS.syncToWall} ms`,
      verdict(syncP95, TARGETS.syncToWall),
    ],
    ['  commit → data.changed received p50 / p95', `${ms(eventMs, 0.5)} / ${ms(eventMs, 0.95)}`, '', ''],
    ['  syncs not sampled: empty / outside the scope', `${syncRun.empty} / ${syncRun.outOfScope}`, '', ''],
    [
      `JS heap after GC, cycle ${soak.settled.cycle} → ${soak.last.cycle}`,
      `${heapGrowth.toFixed(1)} %`,
      '≤ 10 %',
      verdict(heapGrowth, 10),
    ],
    [`  from cycle ${first.cycle} (JIT warm-up included)`, `${heapFromFirst.toFixed(1)} %`, '', ''],
    [
      `heap objects without code, cycle ${first.cycle} → ${soak.last.cycle}`,
      `${objectGrowth.toFixed(1)} %`,
      '≤ 10 %',
      verdict(objectGrowth, 10),
    ],
    [
      `DOM nodes after GC, cycle ${first.cycle} → ${soak.last.cycle}`,
      `${domGrowth.toFixed(1)} %`,
      '≤ 10 %',
      verdict(domGrowth, 10),
    ],
    ['baseline: ignored key → next frame p50 / p95', `${ms(r.frameBaseline, 0.5)} / ${ms(r.frameBaseline, 0.95)}`, '', ''],
    ['baseline: core RPC round trip p50 (app.info)', ms(r.rpc, 0.5), '', ''],
  ];
  console.log(formatTable(rows));
  console.log(
    `scripts of the last first-frame run (ms from navigation start): ${r.frames[r.frames.length - 1]?.scripts.join(', ')}`,
  );
  console.log('');
  const perScene: Cell[][] = [['scene', 'switch to it p50', 'p95', 'sync → wall p50', 'n switch/sync']];
  for (const scene of WALL_SCENE_IDS) {
    const to = r.switches.filter((s) => s.to === scene).map((s) => s.ms);
    const sync = syncRun.samples.filter((s) => s.scene === scene).map((s) => s.ms);
    perScene.push([scene, ms(to, 0.5), ms(to, 0.95), sync.length ? ms(sync, 0.5) : '—', `${to.length}/${sync.length}`]);
  }
  console.log(formatTable(perScene));
  console.log('');
  const soakRows: Cell[][] = [['soak cycle', 'heap MB', 'DOM nodes', 'live charts']];
  for (const s of soak.series) soakRows.push([s.cycle, s.heapMb.toFixed(2), s.nodes, s.liveCharts]);
  console.log(formatTable(soakRows));
  const snaps = soak.snapshots;
  console.log(
    `soak: ${soak.warmup} warm-up + ${soak.cycles} cycles, ${soak.syncs} syncs requested, max live charts ${soak.maxLiveCharts}; ` +
      `heap snapshot objects ${mb(snaps.first.objectBytes)} → ${mb(snaps.last.objectBytes)}, code ${mb(snaps.first.codeBytes)} → ${mb(snaps.last.codeBytes)}`,
  );
  console.log(`grew most: ${topGrowth(snaps.first, snaps.last, 5).join('; ')}`);
  console.log(
    benchLine('wall', options.scale, {
      scene_switch_ms_p95: round(switchP95, 1),
      sync_to_wall_ms: round(syncP50, 1),
      first_frame_ms: round(firstFrame),
      heap_growth_pct: round(heapGrowth, 2),
      dom_growth_pct: round(domGrowth, 2),
      sync_to_wall_ms_p95: round(syncP95, 1),
      nav_to_frame_ms: round(navToFrame),
      scene_switch_ms_p50: round(median(switchMs), 1),
      commit_to_event_ms: round(median(eventMs), 1),
      heap_growth_from_first_pct: round(heapFromFirst, 2),
      heap_objects_growth_pct: round(objectGrowth, 2),
      baseline_key_frame_ms_p95: round(percentile(r.frameBaseline, 0.95), 1),
      baseline_rpc_ms: round(median(r.rpc), 2),
      soak_cycles: soak.cycles,
      activities: r.activities,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
