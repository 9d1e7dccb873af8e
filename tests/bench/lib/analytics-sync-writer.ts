// Bench child: a sync applying change-feed pages to the replica file in the background (own process, own connection,
// WAL), while the parent bench reads. Each page upserts `pageRows` rows — new activities on open deals and new
// versions of those deals — in ONE transaction with the sync cursor, as src/core/sync/apply.ts applies a page, and
// refreshes the analytics rollups inside that transaction: a sync on the core connection refreshes them right after
// the commit, before any read can run, so readers on another connection must never see half of it either. After
// the commit the exception engine re-evaluates the page's subjects (`--rules`), as after every synced page.
//
// The stream replays the past like a catch-up sync: page n covers `windowMs` of history, oldest first, so every page
// touches a few region-days. Protocol: → 'ready' (pool loaded) ← 'start' → 'first-page' … ← 'stop' → 'stopped'.
import { createLiveGenerator } from '../../../src/server/demo/live';
import type { DemoScale } from '../../../src/server/demo/types';
import * as analytics from '../../../src/core/analytics';
import { refreshRollups } from '../../../src/core/analytics/rollup/refresh';
import { openReplica } from '../../../src/core/db/open';
import { tuneForSync } from '../../../src/core/sync/db-tuning';
import { createTableWriters } from '../../../src/core/sync/table-writer';
import { TABLES } from '../../../src/shared/sync/tables';
import { booleanFlag, numberFlag, parseFlags, stringFlag } from './args';
import { type BenchMessage, failToParent, toParent } from './child';
import { applyPragmas, parsePragmas } from './pragmas';

export interface WriterStats {
  pages: number;
  rows: number;
  /** Wall time from 'start' to the last commit. */
  elapsedMs: number;
  /** Per page: rows upserted and rollups refreshed, in one transaction (lock held). */
  pageMs: number[];
  /** Per page: the exception re-evaluation after the commit. */
  rulesMs: number[];
}

export type WriterMessage =
  | { type: 'ready'; pool: number }
  | { type: 'first-page' }
  | { type: 'stopped'; stats: WriterStats }
  | { type: 'error'; message: string };

const DAY_MS = 86_400_000;
const KINDS = ['visit', 'call', 'wechat', 'demo', 'quote', 'check-in'] as const;
const TAG_SETS = [
  ['需求挖掘'],
  ['技术演示'],
  ['价格谈判'],
  ['决策人确认'],
  ['客户反馈'],
  ['首次接触'],
  ['需求挖掘', '决策人确认'],
];

/** mulberry32: a small seeded generator, so two runs write the same stream. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Row = unknown[];

function columnIndex(table: 'deals' | 'activities'): Record<string, number> {
  return Object.fromEntries(TABLES[table].columns.map((c, i) => [c.name, i]));
}

function main(): void {
  const flags = parseFlags();
  const file = stringFlag(flags, 'replica', '');
  const scale = stringFlag(flags, 'scale', 'demo') as DemoScale;
  const seed = numberFlag(flags, 'seed', 7);
  const now = numberFlag(flags, 'now', Date.now());
  const pageRows = numberFlag(flags, 'page-rows', 5000);
  const dealShare = numberFlag(flags, 'deal-share', 0.2);
  const windowMs = numberFlag(flags, 'window-ms', 3 * 3_600_000);
  const startBackMs = numberFlag(flags, 'start-back-ms', 30 * DAY_MS);
  const gapMs = numberFlag(flags, 'gap-ms', 0);
  const rules = booleanFlag(flags, 'rules', true);

  const db = openReplica(file);
  tuneForSync(db);
  applyPragmas(db, parsePragmas(stringFlag(flags, 'pragma', '')));
  db.pragma('busy_timeout = 60000');
  const writers = createTableWriters(db);
  const regions = new Set(db.prepare('SELECT id FROM regions').pluck().all() as string[]);
  // Open deals outside the parent's live-mode pool, so the two writers never rewrite the same deal.
  const parentPool = new Set(createLiveGenerator({ seed, now, scale, plants: true, repsPerRegion: 6 }).dealIds);
  const D = columnIndex('deals');
  const deals = (db.prepare("SELECT * FROM deals WHERE status = 'open' ORDER BY id").raw().all() as Row[]).filter(
    (d) => !parentPool.has(d[D.id as number] as string),
  );
  const rnd = random(seed * 7919 + 17);
  const stats: WriterStats = { pages: 0, rows: 0, elapsedMs: 0, pageMs: [], rulesMs: [] };
  let stopping = false;
  let started = 0;

  const buildPage = (n: number): { activities: Row[]; deals: Row[]; at: number } => {
    const to = now - startBackMs + (n + 1) * windowMs;
    const acts: Row[] = [];
    const touched = new Map<string, Row>();
    const dealRows = Math.round(pageRows * dealShare);
    while (acts.length < pageRows - dealRows) {
      const deal = deals[Math.floor(rnd() * deals.length)] as Row;
      const kind = KINDS[Math.floor(rnd() * KINDS.length)] as string;
      const occurred = Math.round(to - rnd() * windowMs);
      const tags = TAG_SETS[Math.floor(rnd() * TAG_SETS.length)] as string[];
      acts.push([
        `av-bg-${n}-${acts.length}`,
        deal[D.region_id as number],
        deal[D.owner_rep_id as number],
        deal[D.id as number],
        null,
        deal[D.account_id as number],
        kind,
        occurred,
        occurred + Math.round(rnd() * 3_600_000),
        5 + Math.floor(rnd() * 55),
        tags,
        rnd() < 0.05 ? '' : `跟进 ${tags[0] ?? ''} 第${n}页`,
        kind === 'demo' || kind === 'quote' ? rnd() < 0.9 : false,
        rnd() < 0.6 ? '下一步跟进' : null,
        rnd() < 0.6 ? occurred + Math.round((1 + rnd() * 4) * DAY_MS) : null,
      ]);
    }
    while (touched.size < Math.min(dealRows, deals.length)) {
      const deal = deals[Math.floor(rnd() * deals.length)] as Row;
      const next = [...deal];
      next[D.amount as number] = Math.round((deal[D.amount as number] as number) * (0.95 + rnd() * 0.1));
      touched.set(next[D.id as number] as string, next);
    }
    return { activities: acts, deals: [...touched.values()], at: to };
  };

  const applyPage = (n: number): void => {
    const page = buildPage(n);
    const changes = { activities: page.activities.map((r) => r[0] as string), deals: [...page.deals.map((r) => r[0] as string)] };
    const t0 = performance.now();
    db.transaction(() => {
      writers.deals.upsert(page.deals, regions);
      writers.activities.upsert(page.activities, regions);
      db.prepare('UPDATE sync_state SET cursor = cursor + 1, last_synced_at = ? WHERE id = 1').run(page.at);
      refreshRollups(db, page.at);
    }).immediate();
    const t1 = performance.now();
    if (rules) analytics.reevaluateChanges(db, changes, { now: page.at });
    const t2 = performance.now();
    stats.pages++;
    stats.rows += page.activities.length + page.deals.length;
    stats.pageMs.push(t1 - t0);
    stats.rulesMs.push(t2 - t1);
    stats.elapsedMs = t2 - started;
  };

  const loop = async (): Promise<void> => {
    started = performance.now();
    for (let n = 0; !stopping; n++) {
      applyPage(n);
      if (n === 0) toParent<WriterMessage>({ type: 'first-page' });
      // Lets IPC ('stop') in, and is the time a real sync spends fetching its next page.
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    db.close();
    // Exit once the parent has the figures: the IPC channel would otherwise keep this process alive.
    const stopped: WriterMessage = { type: 'stopped', stats };
    if (process.send) process.send(stopped, () => process.exit(0));
    else process.exit(0);
  };

  process.on('message', (raw) => {
    const message = raw as BenchMessage;
    if (message.type === 'start') loop().catch(failToParent);
    if (message.type === 'stop') stopping = true;
  });
  toParent<WriterMessage>({ type: 'ready', pool: deals.length });
}

try {
  main();
} catch (err) {
  failToParent(err);
}
