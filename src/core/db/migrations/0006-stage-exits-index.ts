// Version 6: the funnel's stage flow reads each (region, stage) cell of a period's exits as one index range. With
// exits indexed by (region_id, exited_at, stage_id …) the scene read a week of every stage at once and grouped it
// (a sort of ~17k rows at L scale, the bulk of its time); with the stage second, each cell is contiguous and needs
// no grouping. The old index served only that query (regressions use the partial 'back' index).
import type { Migration } from '../migrate';

export const stageExitsIndex: Migration = {
  version: 6,
  name: 'stage-exits-index',
  up(db) {
    db.exec(`
DROP INDEX idx_analytics_visits_exits;
CREATE INDEX idx_analytics_visits_stage_exits ON analytics_deal_visits
  (region_id, stage_id, exited_at, exit_kind, entered_at, owner_rep_id);
`);
  },
};
