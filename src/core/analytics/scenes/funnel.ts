// War-room scene "funnel and stage bottlenecks": per stage the conversion and dwell (average, p80) of the stays that
// ended in the period and, as of the snapshot, open deals with their overdue and missing-field rates; a region ×
// stage heatmap; the top-3 bottleneck stages; and the process KPIs.
import type { Period, Scope } from '../../../shared/analytics/period';
import type { FunnelScene } from '../../../shared/analytics/scenes';
import { poolFacts } from '../metrics/facts';
import { kpisFromFacts, phiWeights } from '../metrics/kpis';
import { medianResponseHours } from '../metrics/lead-response';
import { regionFacts } from '../metrics/region-facts';
import { type StageFlowRow, stageFlows } from '../metrics/stage-flow';
import { type OpenDealCell, openDealCells } from '../metrics/state-facts';
import type { Snapshot } from '../snapshot';
import { ratio } from '../sql';
import { msToDays, sceneCtx } from './common';

type StageRow = FunnelScene['stages'][number];

function sumCells(cells: readonly OpenDealCell[]): { open: number; overdue: number; missing: number } {
  return cells.reduce((t, c) => ({ open: t.open + c.open, overdue: t.overdue + c.overdue, missing: t.missing + c.missing }), {
    open: 0,
    overdue: 0,
    missing: 0,
  });
}

function dwell(flow: StageFlowRow | undefined): { avg: number | null; p80: number | null } {
  if (!flow || flow.exits === 0) return { avg: null, p80: null };
  return { avg: msToDays(flow.dwellSumMs / flow.exits), p80: msToDays(flow.dwellP80Ms) };
}

/** Below this share of open deals past max dwell a stage is not called a bottleneck (unless its p80 dwell is). */
const BOTTLENECK_MIN_OVERDUE = 0.1;

/**
 * At most three stages under pressure: at least 10 % of their open deals past max dwell, or a p80 dwell beyond it.
 * Highest overdue rate first; ties by p80 dwell relative to the stage's max dwell. A healthy funnel names none.
 */
function bottlenecks(stages: StageRow[]): string[] {
  const pressure = (r: StageRow): number => (r.dwellP80Days ?? 0) / (r.maxDwellDays || 1);
  return [...stages]
    .filter((r) => r.open > 0 || r.exits > 0)
    .filter((r) => (r.overdueRate.value ?? 0) >= BOTTLENECK_MIN_OVERDUE || pressure(r) > 1)
    .sort((a, b) => (b.overdueRate.value ?? -1) - (a.overdueRate.value ?? -1) || pressure(b) - pressure(a))
    .slice(0, 3)
    .map((r) => r.stageId);
}

export function funnelScene(s: Snapshot, scope: Scope | undefined, period: Period): FunnelScene {
  const ctx = sceneCtx(s, scope, period);
  const { byStage: flows, byRegionStage: regional } = stageFlows(s, ctx.scope, ctx.range);
  const cells = openDealCells(s, ctx.scope);
  const stages: StageRow[] = s.stages.map((st) => {
    const flow = flows.find((f) => f.stageId === st.id);
    const open = sumCells(cells.filter((c) => c.stageId === st.id));
    const d = dwell(flow);
    return {
      stageId: st.id,
      ordinal: st.ordinal,
      name: st.name,
      nameEn: st.nameEn,
      maxDwellDays: st.maxDwellDays,
      exits: flow?.exits ?? 0,
      conversion: ratio(flow?.forward ?? 0, flow?.exits ?? 0),
      dwellAvgDays: d.avg,
      dwellP80Days: d.p80,
      open: open.open,
      overdueRate: ratio(open.overdue, open.open),
      missingFieldsRate: ratio(open.missing, open.open),
    };
  });
  const heatmap = ctx.scope.regions.flatMap((r) =>
    s.stages.map((st) => {
      const flow = regional.find((f) => f.key === r.id && f.stageId === st.id);
      const open = sumCells(cells.filter((c) => c.regionId === r.id && c.stageId === st.id));
      return {
        regionId: r.id,
        stageId: st.id,
        exits: flow?.exits ?? 0,
        dwellAvgDays: dwell(flow).avg,
        overdueRate: ratio(open.overdue, open.open),
      };
    }),
  );
  const facts = poolFacts(regionFacts(s, ctx.scope, ctx.range, { current: true, light: true, cells }).values());
  const median = medianResponseHours(s, ctx.scope, ctx.range);
  const process = kpisFromFacts(facts, { medianResponseHours: median, lostReasons: [] }, phiWeights(s)).process;
  return { ...ctx.header, stages, heatmap, bottlenecks: bottlenecks(stages), process };
}
