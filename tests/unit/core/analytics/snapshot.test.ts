// Snapshots and rollup upkeep: results carry the sync checkpoint read in the same transaction (or a supplied
// source); the rollups follow inserts, updates, deletes, a region's offset change and a region's removal, and the
// marking triggers never make a sync statement fail.
import { describe, expect, it } from 'vitest';
import {
  inSnapshot,
  overviewScene,
  phiSeries,
  refreshAnalytics,
  scanExceptions,
  withSnapshot,
} from '../../../../src/core/analytics';
import type { Period } from '../../../../src/shared/analytics/period';
import { Fixture, HOUR, NOW, REGION, at, day, week25 } from './fixture';

const o = { now: NOW };
const scope = { regionIds: [REGION] };
const acts = (f: Fixture, period: Period = week25) => overviewScene(f.db, scope, period, o).kpis.behaviour.activities;

describe('snapshots', () => {
  it('reports the sync checkpoint the figures were read at', () => {
    const f = new Fixture();
    expect(overviewScene(f.db, scope, week25, o).asOf).toEqual({ checkpointId: '0', time: null });
    f.setCheckpoint(4711, NOW - HOUR);
    expect(overviewScene(f.db, scope, week25, o).asOf).toEqual({ checkpointId: '4711', time: NOW - HOUR });
    const pinned = overviewScene(f.db, scope, week25, { now: NOW, asOf: () => ({ checkpointId: 'meeting-1', time: 1 }) });
    expect(pinned.asOf).toEqual({ checkpointId: 'meeting-1', time: 1 });
  });

  it('reads several scenes from one snapshot', () => {
    const f = new Fixture();
    f.setCheckpoint(7, NOW);
    const both = withSnapshot(
      f.db,
      (s) => [inSnapshot.overview(s, scope, week25).asOf, inSnapshot.funnel(s, scope, week25).asOf],
      o,
    );
    expect(both).toEqual([
      { checkpointId: '7', time: NOW },
      { checkpointId: '7', time: NOW },
    ]);
  });
});

describe('rollup upkeep', () => {
  it('follows inserts, updates and deletes of raw rows', () => {
    const f = new Fixture();
    const id = f.activity({ occurred_at: at('2025-06-16 10:00') });
    expect(acts(f)).toBe(1);
    f.db.prepare('UPDATE activities SET occurred_at = ? WHERE id = ?').run(at('2025-06-09 10:00'), id);
    expect(acts(f)).toBe(0);
    expect(acts(f, { kind: 'week', week: '2025-W24' })).toBe(1);
    f.db.prepare('DELETE FROM activities WHERE id = ?').run(id);
    expect(acts(f, { kind: 'week', week: '2025-W24' })).toBe(0);
    expect(refreshAnalytics(f.db, NOW)).toEqual({ days: 0, deals: 0, leads: 0 });
  });

  it('re-buckets a region’s days when its offset changes', () => {
    const f = new Fixture();
    f.activity({ occurred_at: at('2025-06-16 23:30') });
    expect(phiSeries(f.db, scope, day('2025-06-16'), o).points[0]?.phi.value).toBe(100);
    f.db.prepare('UPDATE regions SET utc_offset_min = 540 WHERE id = ?').run(REGION); // now 00:30 on the 17th
    expect(phiSeries(f.db, scope, day('2025-06-16'), o).points[0]?.phi.value).toBeNull();
    expect(phiSeries(f.db, scope, day('2025-06-17'), o).points[0]?.phi.value).toBe(100);
  });

  it('drops every analytics row of a region that leaves the replica', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-a' });
    f.lead({ assigned_rep_id: 'rp-a', assigned_at: NOW - 30 * HOUR, status: 'new' });
    f.activity({ occurred_at: NOW - HOUR });
    scanExceptions(f.db, o);
    for (const table of ['activities', 'leads', 'reps', 'regions'])
      f.db.prepare(`DELETE FROM ${table} WHERE region_id = ?`).run(REGION);
    refreshAnalytics(f.db, NOW);
    for (const table of [
      'analytics_rep_day',
      'analytics_region_day',
      'analytics_lead_state',
      'analytics_exception_occurrences',
    ]) {
      expect(f.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('never fails the statement that fired a trigger (OR REPLACE, odd JSON, unknown region)', () => {
    const f = new Fixture();
    const write = () => {
      f.activity({ id: 'av-odd', tags: { not: 'an array' }, occurred_at: NOW - HOUR });
      f.activity({ id: 'av-odd', tags: ['客户反馈'], deal_id: 'dl-none', occurred_at: NOW - HOUR }); // INSERT OR REPLACE again
      f.lead({ id: 'ld-nowhere', region_id: 'rg-unknown', assigned_rep_id: null });
      f.stageChange('dl-none', null, 'st-initial', NOW - HOUR, { region_id: 'rg-unknown' });
    };
    expect(write).not.toThrow();
    expect(() => refreshAnalytics(f.db, NOW)).not.toThrow();
  });
});
