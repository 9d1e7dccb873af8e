// Every query the scenes, the exception scan and an incremental rollup refresh run is checked with EXPLAIN QUERY
// PLAN: none may walk a whole replica or analytics table (the partial indexes of account-only activities and of
// emptied open-deal cells are small by design).
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as analytics from '../../../../src/core/analytics';
import { DAY, Fixture, HOUR, NOW, REGION, at, week25 } from './fixture';

interface Recorded {
  sql: string;
  args: unknown[];
}

/** A view of `db` that records every statement run through it, with its bound values. */
function recording(db: Database.Database, log: Recorded[]): Database.Database {
  const wrap = (stmt: Database.Statement, sql: string): Database.Statement =>
    new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'pluck' || prop === 'raw' || prop === 'expand')
          return (...a: unknown[]) => (Reflect.apply(value, target, a), wrap(target, sql));
        if (prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate')
          return (...a: unknown[]) => (log.push({ sql, args: a }), Reflect.apply(value, target, a));
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// The queues of marks and the threshold overrides are small by construction; everything else must be searched.
const BIG =
  /^SCAN (activities|leads|deals|stage_changes|accounts|reps|targets|exception_states|analytics_(?!dirty_|thresholds)\w+)\b/;
const ALLOWED =
  /USING (COVERING )?INDEX (idx_activities_account_only|idx_analytics_open_cells_empty|idx_analytics_lead_cells_empty)\b/;

const KEYWORDS = new Set([
  'WHERE',
  'JOIN',
  'ON',
  'LEFT',
  'CROSS',
  'INNER',
  'GROUP',
  'ORDER',
  'LIMIT',
  'INDEXED',
  'SET',
  'USING',
  'WINDOW',
]);

/**
 * EXPLAIN QUERY PLAN names a table by its alias when it has one ("SCAN sc"): map every `FROM|JOIN|UPDATE table
 * [AS] alias` (and `, table alias`) of the statement back to its table, so aliased scans are caught too.
 */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/(?:\bFROM|\bJOIN|\bUPDATE|,)\s+(\w+)(?:\s+AS)?\s+(\w+)/gi)) {
    const [, table, alias] = m as unknown as [string, string, string];
    if (!KEYWORDS.has(alias.toUpperCase())) out.set(alias, table);
  }
  return out;
}

function fullScans(db: Database.Database, log: Recorded[]): string[] {
  const out: string[] = [];
  for (const { sql, args } of log) {
    if (/^\s*(EXPLAIN|PRAGMA|SELECT 1 FROM sqlite_master)/.test(sql)) continue;
    const names = aliases(sql);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
    for (const { detail } of plan) {
      const resolved = detail.replace(/^(SCAN|SEARCH) (\w+)/, (all, verb: string, name: string) =>
        names.has(name) ? `${verb} ${names.get(name)} AS ${name}` : all,
      );
      if (BIG.test(resolved) && !ALLOWED.test(resolved)) out.push(`${resolved}  ⟵  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }
  return out;
}

function populated(): Fixture {
  const f = new Fixture();
  for (let r = 0; r < 3; r++) f.rep({ id: `rp-${r}` });
  for (let i = 0; i < 30; i++) {
    const t = NOW - (i % 20) * DAY - HOUR;
    const deal = f.dealPath(
      [
        ['st-initial', t - 10 * DAY],
        ['st-needs', t - 5 * DAY],
        ['st-demo', t],
      ],
      { owner_rep_id: `rp-${i % 3}` },
    );
    f.activity({
      rep_id: `rp-${i % 3}`,
      deal_id: deal,
      account_id: `ac-${i}`,
      occurred_at: t,
      next_step: 'x',
      next_step_due: t + DAY,
    });
    const lead = f.lead({
      assigned_rep_id: `rp-${i % 3}`,
      assigned_at: t,
      first_touch_at: i % 4 ? t + HOUR : null,
      status: 'working',
    });
    f.activity({ rep_id: `rp-${i % 3}`, lead_id: lead, occurred_at: t + HOUR });
    f.activity({ rep_id: `rp-${i % 3}`, account_id: `ac-${i}`, kind: 'check-in', occurred_at: t + 2 * HOUR });
    f.target({ period: 'week', period_start: '2025-06-16', metric: 'revenue', rep_id: i < 3 ? `rp-${i}` : null, value: 1000 });
  }
  analytics.scanExceptions(f.db, { now: NOW });
  // A sync's worth of changes, so the next read refreshes the rollups incrementally.
  f.activity({ rep_id: 'rp-1', account_id: 'ac-1', occurred_at: NOW - HOUR, tags: ['客户反馈'] });
  f.db.prepare("UPDATE deals SET stage_entered_at = stage_entered_at WHERE owner_rep_id = 'rp-2'").run();
  f.lead({ assigned_rep_id: 'rp-0', assigned_at: at('2025-06-18 09:00') });
  return f;
}

describe('hot queries use indexes', () => {
  const f = populated();
  const o = { now: NOW };
  const scope = { regionIds: [REGION] };
  const cases: [string, (db: Database.Database) => unknown][] = [
    ['incremental refresh + overview', (db) => analytics.overviewScene(db, scope, week25, o)],
    ['funnel', (db) => analytics.funnelScene(db, scope, week25, o)],
    ['region ranking', (db) => analytics.regionRanking(db, scope, week25, o)],
    ['rep activity', (db) => analytics.repActivity(db, scope, week25, o)],
    ['12-week trends', (db) => analytics.trends12w(db, scope, week25, o)],
    ['rep scope', (db) => analytics.overviewScene(db, { regionIds: [REGION], repIds: ['rp-1'] }, week25, o)],
    ['exceptions board', (db) => analytics.exceptionsBoard(db, scope, o)],
    [
      'exception list and detail',
      (db) => analytics.exceptionDetail(db, analytics.listExceptions(db, {}, o).items[0]?.key ?? '', o),
    ],
    [
      'breakdowns',
      (db) => [
        analytics.regressionBreakdown(db, scope, week25, o),
        analytics.leadResponseBreakdown(db, scope, week25, o),
        analytics.overdueBreakdown(db, scope, o),
      ],
    ],
    ['series', (db) => [analytics.phiSeries(db, scope, week25, o), analytics.dataHealthSeries(db, scope, week25, o)]],
    ['full exception scan', (db) => analytics.scanExceptions(db, o)],
    [
      'incremental re-evaluation',
      (db) =>
        analytics.reevaluateChanges(
          db,
          { deals: ['dl-1'], leads: ['ld-5'], reps: ['rp-1'], regions: [REGION], accounts: ['ac-1'] },
          o,
        ),
    ],
  ];

  it.each(cases)('%s', (_name, run) => {
    const log: Recorded[] = [];
    run(recording(f.db, log));
    expect(log.length).toBeGreaterThan(0);
    expect(fullScans(f.db, log)).toEqual([]);
  });
});

describe('the indexes of migration 0005 serve the queries they were made for', () => {
  const f = populated();
  const o = { now: NOW };
  const log: Recorded[] = [];
  const db = recording(f.db, log);
  analytics.refreshAnalytics(db, NOW);
  analytics.reevaluateChanges(db, { deals: ['dl-1'], leads: ['ld-5'], reps: ['rp-1'], regions: [REGION], accounts: ['ac-1'] }, o);
  const details = log.flatMap(({ sql, args }) =>
    /^\s*(EXPLAIN|PRAGMA)/.test(sql)
      ? []
      : (f.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail),
  );

  it.each([
    [
      "a stage change's predecessor, index only",
      /SEARCH p USING COVERING INDEX idx_stage_changes_deal_history \(deal_id=\? AND /,
    ],
    [
      "a deal's stage history for its visits, index only",
      /SEARCH sc USING COVERING INDEX idx_stage_changes_deal_history \(deal_id=\?\)/,
    ],
    [
      "a few reps' stage changes of a day",
      /SEARCH c USING INDEX idx_stage_changes_rep_changed \(changed_by=\? AND changed_at>\? AND changed_at<\?\)/,
    ],
    ["a deal's 客户反馈 activities", /USING INDEX idx_activities_deal_feedback \(deal_id=\? AND occurred_at>\?/],
    [
      "a rep's latest recent lead, index only",
      /SEARCH l USING COVERING INDEX idx_leads_rep_assigned \(assigned_rep_id=\? AND assigned_at>\?\)/,
    ],
    [
      'live occurrences of the evaluated subjects',
      /SEARCH analytics_exception_occurrences USING INDEX idx_analytics_occ_live_subject \(subject_id=\?\)/,
    ],
    [
      "the rep rules' window sums, index only",
      /USING COVERING INDEX idx_analytics_rep_day_rep_window \(rep_id=\? AND day>\? AND day<\?\)/,
    ],
  ])('%s', (_name, plan) => {
    expect(details.some((d) => plan.test(d))).toBe(true);
  });
});

describe('the index of migration 0006 serves the funnel', () => {
  it("reads each region × stage cell of the period's exits as one covering index range", () => {
    const f = populated();
    const log: Recorded[] = [];
    analytics.funnelScene(recording(f.db, log), { regionIds: [REGION] }, week25, { now: NOW });
    const details = log.flatMap(({ sql, args }) =>
      (f.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail),
    );
    expect(details).toContainEqual(
      'SEARCH v USING COVERING INDEX idx_analytics_visits_stage_exits (region_id=? AND stage_id=? AND exited_at>? AND exited_at<?)',
    );
  });
});
