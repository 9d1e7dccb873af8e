// Gathers the Facts of every region of a scope for a local day range: rollup sums, rep working days, open deals and
// leads as of the snapshot, and targets. Five indexed queries whatever the number of regions.
import type { Snapshot } from '../snapshot';
import type { ScopeCtx } from '../scope';
import type { DayRange } from '../time';
import { type Facts, addFacts, emptyFacts } from './facts';
import { scopedReps, workingDaysByRegion } from './reps';
import { rollupByKey, rollupFacts } from './rollup-facts';
import { type OpenDealCell, openDealCells, openLeadFacts } from './state-facts';
import { targetsByRegion } from './targets';

export interface FactsOptions {
  /** Include the point-in-time facts (open deals and leads as of now); off for past periods. */
  current: boolean;
  /** Skip targets and rep working days (for process figures only). */
  light?: boolean;
  /** Open-deal cells already read in this snapshot. */
  cells?: readonly OpenDealCell[];
}

export function regionFacts(
  s: Snapshot,
  scope: ScopeCtx,
  range: DayRange,
  o: FactsOptions = { current: true },
): Map<string, Facts> {
  const out = new Map<string, Facts>(scope.regions.map((r) => [r.id, emptyFacts()]));
  const add = (regionId: string, part: Partial<Facts>): void => {
    const facts = out.get(regionId);
    if (facts) out.set(regionId, addFacts(facts, part));
  };
  for (const [regionId, facts] of rollupByKey(rollupFacts(s, scope, range.fromDay, range.toDay, 'region'))) add(regionId, facts);
  if (!o.light) {
    for (const [regionId, days] of workingDaysByRegion(s, scope, scopedReps(s, scope), range.fromDay, range.toDay)) {
      add(regionId, { repWorkingDays: days });
    }
    for (const [regionId, targets] of targetsByRegion(s, scope, range)) add(regionId, targets);
  }
  if (!o.current) return out;
  for (const c of o.cells ?? openDealCells(s, scope)) {
    add(c.regionId, { openDeals: c.open, overdueDeals: c.overdue, missingDeals: c.missing, openPipeline: c.amount });
  }
  for (const l of openLeadFacts(s, scope)) add(l.regionId, { openLeads: l.open, sleepingLeads: l.sleeping });
  return out;
}
