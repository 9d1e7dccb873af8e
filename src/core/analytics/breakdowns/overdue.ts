// Overdue open deals (past their stage's max dwell, as of the snapshot) by stage × region, with the open count and
// the overdue rate of each cell.
import type { OverdueBreakdown } from '../../../shared/analytics/breakdowns';
import type { Scope } from '../../../shared/analytics/period';
import { openDealCells } from '../metrics/state-facts';
import { publicScope, resolveScope } from '../scope';
import type { Snapshot } from '../snapshot';
import { ratio } from '../sql';

export function overdueBreakdown(s: Snapshot, scope: Scope | undefined): OverdueBreakdown {
  const ctx = resolveScope(s.db, s.regions, scope);
  const cells = openDealCells(s, ctx);
  return {
    asOf: s.asOf,
    scope: publicScope(ctx),
    cells: s.stages.flatMap((st) =>
      ctx.regions.map((r) => {
        const c = cells.find((x) => x.stageId === st.id && x.regionId === r.id);
        return {
          stageId: st.id,
          regionId: r.id,
          open: c?.open ?? 0,
          overdue: c?.overdue ?? 0,
          rate: ratio(c?.overdue ?? 0, c?.open ?? 0),
        };
      }),
    ),
  };
}
