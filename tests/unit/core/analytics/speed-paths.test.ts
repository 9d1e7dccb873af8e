// The fast paths of the analytics core give exactly the answers of the slow ones: the activity trigger that updates
// a deal's state in place, the incremental deal rules that filter in JS what a full scan filters in SQL, the
// in-memory reference rows (reps, targets) across reads and writes, and reads that take no lock when nothing is
// pending. Plus EXPLAIN QUERY PLAN checks that the indexes of migration 0005 serve the queries they were made for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as analytics from '../../../../src/core/analytics';
import { openReplica } from '../../../../src/core/db/open';
import { DAY, Fixture, HOUR, NOW, REGION, at, week25 } from './fixture';
import { live } from './rules-helpers';

type Row = Record<string, unknown>;

const stateOf = (db: Database.Database): Row[] =>
  db.prepare('SELECT * FROM analytics_deal_state ORDER BY deal_id').all() as Row[];

/** Marks every deal for a full rebuild and refreshes: the reference the in-place upkeep must equal. */
function rebuiltState(db: Database.Database, now: number): Row[] {
  db.exec(
    'INSERT INTO analytics_dirty_deal (deal_id, full) SELECT id, 1 FROM deals WHERE true ON CONFLICT DO UPDATE SET full = 1',
  );
  analytics.refreshAnalytics(db, now);
  return stateOf(db);
}

const pendingDeals = (db: Database.Database): string[] =>
  db.prepare('SELECT deal_id FROM analytics_dirty_deal ORDER BY deal_id').pluck().all() as string[];

describe('deal state upkeep on a new activity', () => {
  const demoDeal = (f: Fixture, id: string, entered = NOW - 3 * DAY) =>
    f.dealPath(
      [
        ['st-needs', entered - 5 * DAY],
        ['st-demo', entered],
      ],
      { id, fields: { contact_name: 'a', budget: 1, demo_date: 'x' } },
    );

  it('updates a strictly newer activity in place, feedback included, without marking the deal', () => {
    const f = new Fixture();
    demoDeal(f, 'dl-1');
    f.activity({ deal_id: 'dl-1', occurred_at: NOW - 2 * DAY, next_step_due: NOW + DAY });
    analytics.refreshAnalytics(f.db, NOW);
    f.activity({ id: 'av-new', deal_id: 'dl-1', occurred_at: NOW - DAY, tags: ['客户反馈'], next_step_due: NOW + 2 * DAY });
    expect(pendingDeals(f.db)).toEqual([]);
    const state = stateOf(f.db);
    expect(state[0]).toMatchObject({ last_activity_id: 'av-new', last_activity_at: NOW - DAY, feedback_at: NOW - DAY });
    expect(rebuiltState(f.db, NOW)).toEqual(state);
  });

  it.each([
    ['a tie with the latest', (f: Fixture) => f.activity({ deal_id: 'dl-1', occurred_at: NOW - 2 * DAY, next_step_due: NOW })],
    ['an older activity', (f: Fixture) => f.activity({ deal_id: 'dl-1', occurred_at: NOW - 2.5 * DAY, tags: ['客户反馈'] })],
    [
      'a replaced latest activity moved back in time',
      (f: Fixture) => f.activity({ id: 'av-last', deal_id: 'dl-1', occurred_at: NOW - 2.9 * DAY }),
    ],
    [
      'a newer activity on a deal whose feedback is recorded',
      (f: Fixture) => {
        f.activity({ id: 'av-fb', deal_id: 'dl-1', occurred_at: NOW - 2.8 * DAY, tags: ['客户反馈'] });
        analytics.refreshAnalytics(f.db, NOW);
        f.activity({ id: 'av-fb', deal_id: 'dl-1', occurred_at: NOW - HOUR, tags: ['需求挖掘'] });
      },
    ],
  ])('marks the deal for recomputation on %s, which then equals a rebuild', (_name, change) => {
    const f = new Fixture();
    demoDeal(f, 'dl-1');
    f.activity({ id: 'av-last', deal_id: 'dl-1', occurred_at: NOW - 2 * DAY, next_step_due: NOW + DAY });
    analytics.refreshAnalytics(f.db, NOW);
    change(f);
    expect(pendingDeals(f.db)).toEqual(['dl-1']);
    analytics.refreshAnalytics(f.db, NOW);
    const state = stateOf(f.db);
    expect(rebuiltState(f.db, NOW)).toEqual(state);
  });
});

describe('incremental deal rules', () => {
  it('find exactly what a full scan finds, boundaries included', () => {
    const f = new Fixture();
    const needs = { contact_name: 'a', budget: 1 };
    // stage_overdue: exactly max dwell (14 d) is not overdue, a millisecond more is.
    f.dealPath([['st-initial', NOW - 14 * DAY]], { id: 'dl-exact', fields: needs });
    f.dealPath([['st-initial', NOW - 14 * DAY - 1]], { id: 'dl-late', fields: needs });
    // demo_no_feedback_48h: feedback exactly at 48 h counts, a millisecond later does not.
    for (const [id, fb] of [
      ['dl-fb-in', 48 * HOUR],
      ['dl-fb-out', 48 * HOUR + 1],
    ] as const) {
      f.dealPath(
        [
          ['st-needs', NOW - 10 * DAY],
          ['st-demo', NOW - 3 * DAY],
        ],
        { id, fields: { ...needs, demo_date: 'x' } },
      );
      f.activity({ deal_id: id, tags: ['客户反馈'], occurred_at: NOW - 3 * DAY + fb });
    }
    // missing_required_fields and next_step_overdue (due exactly now is not overdue).
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-missing', fields: { contact_name: 'a' } });
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-due-now', fields: needs });
    f.activity({ deal_id: 'dl-due-now', occurred_at: NOW - 2 * HOUR, next_step_due: NOW });
    f.dealPath([['st-needs', NOW - DAY]], { id: 'dl-due-past', fields: needs });
    f.activity({ deal_id: 'dl-due-past', occurred_at: NOW - 2 * HOUR, next_step_due: NOW - 1 });
    f.dealPath([['st-initial', NOW - 40 * DAY]], { id: 'dl-won', status: 'won', closed_at: NOW - DAY, fields: {} });
    const rules = ['stage_overdue', 'demo_no_feedback_48h', 'missing_required_fields', 'next_step_overdue'] as const;
    const deals = f.db.prepare('SELECT id FROM deals').pluck().all() as string[];
    const found = () => Object.fromEntries(rules.map((r) => [r, live(f.db, r, NOW).map((i) => `${i.subjectId}:${i.severity}`)]));
    analytics.reevaluateChanges(f.db, { deals }, { now: NOW, rules: [...rules] });
    const incremental = found();
    analytics.scanExceptions(f.db, { now: NOW, rules: [...rules] });
    expect(found()).toEqual(incremental);
    expect(incremental.stage_overdue).toEqual(['dl-late:warning']);
    expect(incremental.demo_no_feedback_48h).toEqual(['dl-fb-out:warning']);
    expect(incremental.next_step_overdue).toEqual(['dl-due-past:warning']);
  });
});

describe('reference rows kept between reads', () => {
  it('follow every write to reps and targets, and forget what a rolled-back transaction wrote', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-1', hired_at: at('2024-01-01 09:00') });
    f.target({ metric: 'revenue', value: 1000 });
    const o = { now: NOW };
    const scene = () => analytics.overviewScene(f.db, { regionIds: [REGION] }, week25, o).kpis;
    expect(scene().result.targets.revenue).toBe(1000);
    const days = scene().behaviour.effectiveFollowUpsPerRepDay.den;
    f.target({ metric: 'revenue', value: 500 });
    f.rep({ id: 'rp-2', hired_at: at('2024-01-01 09:00') });
    expect(scene().result.targets.revenue).toBe(1500);
    expect(scene().behaviour.effectiveFollowUpsPerRepDay.den).toBe(2 * days);
    expect(() =>
      f.db.transaction(() => {
        f.target({ metric: 'revenue', value: 7 });
        expect(scene().result.targets.revenue).toBe(1507);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(scene().result.targets.revenue).toBe(1500);
  });
});

describe('reads and locks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-analytics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('read an up-to-date replica without waiting for a writer on another connection', () => {
    const file = join(dir, 'replica.sqlite');
    const writer = openReplica(file);
    const reader = openReplica(file);
    reader.pragma('busy_timeout = 0'); // a read that wanted the write lock would fail at once with SQLITE_BUSY
    writer
      .prepare(
        "INSERT INTO regions (id, region_id, name, name_en, parent_id, utc_offset_min) VALUES ('rg-a', 'rg-a', 'a', 'A', NULL, 480)",
      )
      .run();
    analytics.refreshAnalytics(writer, NOW);
    const o = { now: NOW };
    const whileWriting = writer.transaction(() => {
      writer
        .prepare(
          "INSERT INTO reps (id, region_id, name, team, manager_id, status, hired_at) VALUES ('rp-w', 'rg-a', 'w', 't', NULL, 'active', 0)",
        )
        .run();
      return analytics.overviewScene(reader, {}, week25, o);
    });
    expect(whileWriting.immediate().scope.regionIds).toEqual(['rg-a']);
    // Marks another connection committed are flushed by the next read, which then holds the write lock.
    const activity = { id: 'av-1', occurred: at('2025-06-17 10:00') };
    writer
      .prepare(
        `INSERT INTO activities (id, region_id, rep_id, kind, occurred_at, logged_at, duration_min, tags, summary, has_attachment)
         VALUES (?, 'rg-a', 'rp-w', 'visit', ?, ?, 30, '["需求挖掘"]', 'x', 0)`,
      )
      .run(activity.id, activity.occurred, activity.occurred);
    reader.pragma('busy_timeout = 5000');
    expect(analytics.overviewScene(reader, {}, week25, o).kpis.behaviour.activities).toBe(1);
    expect(reader.prepare('SELECT COUNT(*) FROM analytics_dirty_day').pluck().get()).toBe(0);
    writer.close();
    reader.close();
  });
});
