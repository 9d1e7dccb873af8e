// Analytics answers for wall tests: one small, schema-valid result per scene (the fake core validates them), all
// stamped with the world's current checkpoint, plus exceptions for the drill. Tests change `world` to make the
// data move (a new checkpoint) and read `core.callsOf(...)` to see what the wall asked for.
import type { ExceptionItem } from '../../../../src/shared/analytics/exceptions';
import type { Delta, HeadlineKey, Kpis, Ratio } from '../../../../src/shared/analytics/metrics';
import { HEADLINE_KEYS } from '../../../../src/shared/analytics/metrics';
import type { ResolvedPeriod, ResolvedScope } from '../../../../src/shared/analytics/period';
import type { WallSceneId } from '../../../../src/shared/domain/wall';
import type { FakeCore } from '../helpers/fake-core';

export interface World {
  checkpoint: string;
  /** Epoch ms of the checkpoint's sync. */
  time: number;
  exceptions: ExceptionItem[];
}

const ratio = (num: number, den: number): Ratio => ({ value: den === 0 ? null : num / den, num, den });
const scope: ResolvedScope = {
  regionIds: ['rg-east', 'rg-south'],
  repIds: null,
  regions: [
    { id: 'rg-east', name: '华东', nameEn: 'East China' },
    { id: 'rg-south', name: '华南', nameEn: 'South China' },
  ],
};
const period: ResolvedPeriod = { kind: 'week', label: '2026-W45', from: '2026-11-02', to: '2026-11-08', days: 7 };
const previousPeriod: ResolvedPeriod = { kind: 'week', label: '2026-W44', from: '2026-10-26', to: '2026-11-01', days: 7 };
const phi = { value: 72, parts: { keyActions: ratio(7, 10), quality: ratio(8, 10), response: ratio(6, 10) } };
const dataHealth = { value: 85, parts: { completeness: ratio(9, 10), timeLogic: ratio(8, 10), attachments: ratio(8, 10) } };

const kpis: Kpis = {
  behaviour: { activities: 120, effectiveFollowUpsPerRepDay: ratio(30, 10), highValueRatio: ratio(30, 120) },
  process: {
    stageOverdueRate: ratio(3, 40),
    requiredFieldMissingRate: ratio(2, 40),
    leadFirstResponseMedianHours: 5,
    leadResponseWithin24h: ratio(18, 20),
    sleepingLeadRate: ratio(1, 20),
    stageAdvanceEfficiency: ratio(8, 30),
  },
  result: {
    wonAmount: 1_200_000,
    wonDeals: 4,
    lostDeals: 2,
    newDeals: 9,
    winRate: ratio(4, 6),
    avgCycleDays: 41,
    targets: { revenue: 2_000_000, wonDeals: 6, newDeals: 10 },
    attainment: { revenue: ratio(1_200_000, 2_000_000), wonDeals: ratio(4, 6), newDeals: ratio(9, 10) },
    openPipeline: 3_000_000,
    pipelineCoverage: ratio(3_000_000, 800_000),
    lostReasonsTop3: [],
  },
  phi,
  dataHealth,
};

const delta: Delta = { current: 1, previous: 1, delta: 0, deltaPct: 0 };
const deltas = Object.fromEntries(HEADLINE_KEYS.map((key) => [key, delta])) as Record<HeadlineKey, Delta>;

export const REPS = [
  { repId: 'rep-1', name: '张伟', regionId: 'rg-east' },
  { repId: 'rep-2', name: 'Li Wei', regionId: 'rg-south' },
] as const;

function sceneResult(scene: WallSceneId, world: World) {
  const asOf = { checkpointId: world.checkpoint, time: world.time };
  const header = { asOf, scope, period };
  switch (scene) {
    case 'overview':
      return { ...header, previousPeriod, kpis, deltas, openExceptions: { critical: 1, warning: 2, info: 0 } };
    case 'funnel':
      return { ...header, stages: [], heatmap: [], bottlenecks: [], process: kpis.process };
    case 'regionRanking':
      return {
        ...header,
        rows: [
          {
            rank: 1,
            regionId: 'rg-east',
            name: '华东',
            nameEn: 'East China',
            attainment: ratio(6, 10),
            wonAmount: 800_000,
            phi,
            dataHealth,
            effectiveFollowUpsPerRepDay: ratio(3, 1),
          },
          {
            rank: 2,
            regionId: 'rg-south',
            name: '华南',
            nameEn: 'South China',
            attainment: ratio(4, 10),
            wonAmount: 400_000,
            phi,
            dataHealth,
            effectiveFollowUpsPerRepDay: ratio(2, 1),
          },
        ],
      };
    case 'repActivity':
      return {
        ...header,
        rows: REPS.map((rep) => ({
          ...rep,
          team: 'A',
          status: 'active',
          activities: 10,
          effectiveFollowUpsPerDay: ratio(2, 1),
          highValueRatio: ratio(3, 10),
          firstContactShare: ratio(4, 10),
          stageAdvances: 1,
          wonDeals: 1,
          dataHealth,
        })),
      };
    case 'trends':
      return { ...header, weeks: [] };
    case 'exceptionsBoard':
      return {
        asOf,
        scope,
        counts: [],
        totals: { open: world.exceptions.length, acknowledged: 0, critical: 1 },
        newestCritical: [],
      };
  }
}

export function exceptionItem(
  partial: Partial<ExceptionItem> & Pick<ExceptionItem, 'key' | 'rule' | 'subjectType' | 'subjectId'>,
): ExceptionItem {
  return {
    occurrenceId: 1,
    regionId: 'rg-east',
    severity: 'critical',
    status: 'open',
    resolution: null,
    since: Date.parse('2026-11-01T08:00:00Z'),
    openedAt: Date.parse('2026-11-01T08:00:00Z'),
    lastSeenAt: Date.parse('2026-11-02T07:00:00Z'),
    resolvedAt: null,
    owner: null,
    note: null,
    snoozedUntil: null,
    snoozed: false,
    evidence: { summary: 'In stage st-demo for 20 d, max 14 d', facts: {}, thresholds: {}, rows: [] },
    ...partial,
  };
}

export const DEFAULT_EXCEPTIONS: ExceptionItem[] = [
  exceptionItem({
    key: 'stage_overdue:deal-9',
    rule: 'stage_overdue',
    subjectType: 'deal',
    subjectId: 'deal-9',
    evidence: {
      summary: 'In stage st-demo for 20 d, max 14 d',
      facts: { ownerRepId: 'rep-1', stageId: 'st-demo' },
      thresholds: {},
      rows: [],
    },
  }),
  exceptionItem({
    key: 'data_health_low:rep-2',
    rule: 'data_health_low',
    subjectType: 'rep',
    subjectId: 'rep-2',
    regionId: 'rg-south',
    severity: 'warning',
    evidence: { summary: 'Data health 71 < 80 over 28 d', facts: { score: 71 }, thresholds: {}, rows: [] },
  }),
];

const METHODS = {
  overview: 'analytics.overview',
  funnel: 'analytics.funnel',
  regionRanking: 'analytics.regionRanking',
  exceptionsBoard: 'analytics.exceptionsBoard',
  repActivity: 'analytics.repActivity',
  trends: 'analytics.trends',
} as const;

export const methodOf = (scene: WallSceneId) => METHODS[scene];

/** Answers every scene method, analytics.wall and exceptions.list from `world` (read at answer time). */
export function installAnalytics(core: FakeCore, start: Partial<World> = {}): World {
  const world: World = {
    checkpoint: 'cp-1',
    time: Date.parse('2026-11-02T07:45:00Z'),
    exceptions: DEFAULT_EXCEPTIONS,
    ...start,
  };
  const a = core.analytics;
  a['analytics.overview'] = () => sceneResult('overview', world) as never;
  a['analytics.funnel'] = () => sceneResult('funnel', world) as never;
  a['analytics.regionRanking'] = () => sceneResult('regionRanking', world) as never;
  a['analytics.exceptionsBoard'] = () => sceneResult('exceptionsBoard', world) as never;
  a['analytics.repActivity'] = () => sceneResult('repActivity', world) as never;
  a['analytics.trends'] = () => sceneResult('trends', world) as never;
  a['analytics.wall'] = ({ scenes }) =>
    ({
      asOf: { checkpointId: world.checkpoint, time: world.time },
      scenes: Object.fromEntries(scenes.map((scene) => [scene, sceneResult(scene, world)])),
    }) as never;
  a['exceptions.list'] = (filter) => {
    const items = world.exceptions.filter((item) => !filter.rules || filter.rules.includes(item.rule));
    return { asOf: { checkpointId: world.checkpoint, time: world.time }, total: items.length, items };
  };
  return world;
}
