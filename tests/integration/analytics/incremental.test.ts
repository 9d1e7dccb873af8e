// The incrementally maintained analytics tables (daily rollups, deal visits and state, open-deal cells, lead state)
// equal a full rebuild after a sync's worth of live changes, updates, reassignments and deletes.
import { describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../../src/core/analytics';
import type { Db } from '../../../src/core/db/open';
import { createLiveGenerator } from '../../../src/server/demo/live';
import { WEDNESDAY, demoReplica } from './demo-replica';
import { loadBatches } from './load-rows';

const TABLES = [
  'analytics_rep_day',
  'analytics_region_day',
  'analytics_deal_visits',
  'analytics_deal_state',
  'analytics_open_cells',
  'analytics_lead_cells',
  'analytics_lead_state',
];

function dump(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(
    TABLES.map((t) => {
      const rows = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
      const clean = rows.map(({ computed_at: _c, ...rest }) => JSON.stringify(rest)).sort();
      return [t, clean];
    }),
  );
}

function rebuildEverything(db: Db, now: number): void {
  db.exec(`INSERT INTO analytics_dirty_day (region_id, day, rep_id) SELECT id, -1, '*' FROM regions WHERE true ON CONFLICT DO NOTHING;
    INSERT INTO analytics_dirty_deal (deal_id, full) SELECT id, 1 FROM deals WHERE true ON CONFLICT DO UPDATE SET full = 1;
    INSERT INTO analytics_dirty_lead (lead_id) SELECT id FROM leads WHERE true ON CONFLICT DO NOTHING;`);
  refreshAnalytics(db, now);
}

describe('incremental upkeep of the analytics tables', () => {
  it('matches a full rebuild', () => {
    const options = { scale: 'demo' as const, seed: 11, now: WEDNESDAY, plants: true };
    const db = demoReplica(options);
    refreshAnalytics(db, WEDNESDAY);
    const live = createLiveGenerator({ ...options, repsPerRegion: 4 });
    let t = WEDNESDAY;
    for (let i = 0; i < 60; i++) loadBatches(db, live.next((t += 60_000)));
    // Edits a sync could bring: a reassigned lead, a deal changing owner, deleted rows, a moved activity.
    db.prepare(
      "UPDATE leads SET assigned_rep_id = 'rp-east-002' WHERE id = (SELECT id FROM leads WHERE region_id = 'rg-east' ORDER BY id LIMIT 1)",
    ).run();
    db.prepare(
      "UPDATE deals SET owner_rep_id = 'rp-south-003' WHERE id = (SELECT id FROM deals WHERE region_id = 'rg-south' AND status = 'open' ORDER BY id LIMIT 1)",
    ).run();
    db.prepare('DELETE FROM stage_changes WHERE id = (SELECT id FROM stage_changes ORDER BY id DESC LIMIT 1)').run();
    db.prepare('DELETE FROM activities WHERE id IN (SELECT id FROM activities ORDER BY id LIMIT 25)').run();
    db.prepare(
      'UPDATE activities SET occurred_at = occurred_at - 86400000 WHERE id = (SELECT id FROM activities ORDER BY id DESC LIMIT 1)',
    ).run();
    const stats = refreshAnalytics(db, t);
    expect(stats.days).toBeGreaterThan(0);
    const incremental = dump(db);
    rebuildEverything(db, t);
    expect(incremental).toEqual(dump(db));
  });
});
