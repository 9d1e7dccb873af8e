// Scene results for the wall-scene tests, checked against the shared zod schemas so they are exactly what a real
// core could send. Each has at least one null ratio ("no data") so the "—" rendering is exercised.
import {
  exceptionsBoardSchema,
  funnelSceneSchema,
  overviewSceneSchema,
  regionRankingSchema,
  repActivitySceneSchema,
  trendsSceneSchema,
} from '../../../../src/shared/analytics/scenes';
import type { Delta, HeadlineKey, Ratio } from '../../../../src/shared/analytics/metrics';
import type { SceneData } from '../../../../src/renderer/src/features/war-room/scenes/types';

export const AS_OF = { checkpointId: '4242', time: Date.UTC(2026, 10, 2, 7, 45) };
const scope = {
  regionIds: ['rg-east', 'rg-south'],
  repIds: null,
  regions: [
    { id: 'rg-east', name: '华东', nameEn: 'East China' },
    { id: 'rg-south', name: '华南', nameEn: 'South China' },
  ],
};
const period = { kind: 'week' as const, label: '2026-W45', from: '2026-11-02', to: '2026-11-08', days: 7 };
const header = { asOf: AS_OF, scope, period };

export const ratio = (num: number, den: number): Ratio => ({ value: den === 0 ? null : num / den, num, den });
const NONE: Ratio = { value: null, num: 0, den: 0 };
const delta = (current: number | null, previous: number | null): Delta => ({
  current,
  previous,
  delta: current !== null && previous !== null ? current - previous : null,
  deltaPct: current !== null && previous ? (current - previous) / Math.abs(previous) : null,
});
const score = (value: number | null) => ({ value, parts: { keyActions: ratio(8, 10), quality: ratio(9, 10), response: NONE } });
const health = (value: number | null) => ({
  value,
  parts: { completeness: ratio(95, 100), timeLogic: ratio(1, 1), attachments: NONE },
});

const kpis = {
  behaviour: { activities: 320, effectiveFollowUpsPerRepDay: ratio(63, 20), highValueRatio: ratio(96, 320) },
  process: {
    stageOverdueRate: ratio(12, 80),
    requiredFieldMissingRate: ratio(4, 80),
    leadFirstResponseMedianHours: 5.5,
    leadResponseWithin24h: NONE,
    sleepingLeadRate: ratio(3, 50),
    stageAdvanceEfficiency: ratio(20, 63),
  },
  result: {
    wonAmount: 1_250_000,
    wonDeals: 9,
    lostDeals: 6,
    newDeals: 14,
    winRate: ratio(9, 15),
    avgCycleDays: 41,
    targets: { revenue: 2_000_000, wonDeals: 12, newDeals: null },
    attainment: { revenue: ratio(1_250_000, 2_000_000), wonDeals: ratio(9, 12), newDeals: NONE },
    openPipeline: 5_400_000,
    pipelineCoverage: ratio(5_400_000, 750_000),
    lostReasonsTop3: [],
  },
  phi: score(72.4),
  dataHealth: health(76),
};

const deltas: Record<HeadlineKey, Delta> = {
  wonAmount: delta(1_250_000, 1_000_000),
  attainmentRevenue: delta(0.625, 0.5),
  winRate: delta(0.6, 0.65),
  pipelineCoverage: delta(7.2, 7.2),
  newDeals: delta(14, null),
  effectiveFollowUpsPerRepDay: delta(3.15, 2.9),
  highValueRatio: delta(0.3, 0.28),
  phi: delta(72.4, 75),
  dataHealth: delta(76, 74),
  leadResponseWithin24h: delta(null, 0.8),
  stageOverdueRate: delta(0.15, 0.1),
};

export const overview: SceneData['overview'] = overviewSceneSchema.parse({
  ...header,
  previousPeriod: { ...period, label: '2026-W44', from: '2026-10-26', to: '2026-11-01' },
  kpis,
  deltas,
  openExceptions: { critical: 7, warning: 19, info: 2 },
});

const stage = (stageId: string, ordinal: number, name: string, nameEn: string, maxDwellDays: number, overdue: Ratio) => ({
  stageId,
  ordinal,
  name,
  nameEn,
  maxDwellDays,
  exits: 20,
  conversion: ordinal === 5 ? NONE : ratio(12 + ordinal, 20),
  dwellAvgDays: ordinal === 5 ? null : 4 + ordinal,
  dwellP80Days: ordinal === 5 ? null : 6 + ordinal,
  open: 30 - ordinal,
  overdueRate: overdue,
  missingFieldsRate: ratio(1, 30),
});

export const funnel: SceneData['funnel'] = funnelSceneSchema.parse({
  ...header,
  stages: [
    stage('st-initial', 1, '初步接触', 'Initial contact', 14, ratio(1, 29)),
    stage('st-needs', 2, '需求确认', 'Needs confirmed', 21, ratio(9, 28)),
    stage('st-demo', 3, '方案演示', 'Solution demo', 14, ratio(2, 27)),
    stage('st-quote', 4, '报价谈判', 'Quote & negotiation', 21, ratio(14, 26)),
    stage('st-contract', 5, '合同签署', 'Contract', 14, NONE),
  ],
  heatmap: ['rg-east', 'rg-south'].flatMap((regionId, r) =>
    ['st-initial', 'st-needs', 'st-demo', 'st-quote', 'st-contract'].map((stageId, s) => ({
      regionId,
      stageId,
      exits: 10,
      dwellAvgDays: s === 4 ? null : 3 + s + r,
      overdueRate: s === 4 ? NONE : ratio(s * (r + 1), 10),
    })),
  ),
  bottlenecks: ['st-quote', 'st-needs', 'st-demo'],
  process: kpis.process,
});

export const regionRanking: SceneData['regionRanking'] = regionRankingSchema.parse({
  ...header,
  rows: [
    {
      rank: 1,
      regionId: 'rg-east',
      name: '华东',
      nameEn: 'East China',
      attainment: ratio(1_300_000, 1_000_000),
      wonAmount: 1_300_000,
      phi: score(81),
      dataHealth: health(92),
      effectiveFollowUpsPerRepDay: ratio(30, 10),
    },
    {
      rank: 2,
      regionId: 'rg-south',
      name: '华南',
      nameEn: 'South China',
      attainment: NONE,
      wonAmount: 0,
      phi: score(null),
      dataHealth: health(71),
      effectiveFollowUpsPerRepDay: NONE,
    },
  ],
});

const rep = (repId: string, name: string, regionId: string, followUps: Ratio, highValue: Ratio) => ({
  repId,
  name,
  regionId,
  team: regionId === 'rg-east' ? '华东一组' : '华南一组',
  status: 'active',
  activities: highValue.den,
  effectiveFollowUpsPerDay: followUps,
  highValueRatio: highValue,
  firstContactShare: ratio(1, 4),
  stageAdvances: 2,
  wonDeals: 1,
  dataHealth: health(90),
});

export const repActivity: SceneData['repActivity'] = repActivitySceneSchema.parse({
  ...header,
  rows: [
    rep('rp-1', '张伟', 'rg-east', ratio(20, 5), ratio(6, 20)),
    rep('rp-2', '欧阳娜娜', 'rg-east', ratio(15, 5), ratio(3, 15)),
    rep('rp-3', 'Li Wei', 'rg-south', ratio(5, 5), NONE),
    rep('rp-4', '王芳', 'rg-south', ratio(2, 5), ratio(1, 2)),
    rep('rp-5', '赵强', 'rg-south', NONE, NONE),
  ],
});

const weeks = Array.from({ length: 12 }, (_, i) => {
  const week = 34 + i;
  const monday = new Date(Date.UTC(2026, 7, 17 + i * 7));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return {
    week: `2026-W${week}`,
    from: monday.toISOString().slice(0, 10),
    to: sunday.toISOString().slice(0, 10),
    wonAmount: 800_000 + i * 50_000,
    newDeals: 10 + i,
    winRate: i === 3 ? NONE : ratio(5 + (i % 3), 10),
    attainmentRevenue: ratio(8 + i, 20),
    effectiveFollowUpsPerRepDay: ratio(50 + i, 20),
    highValueRatio: ratio(3, 10),
    leadResponseWithin24h: ratio(8, 10),
    stageAdvanceEfficiency: ratio(2, 10),
    phi: i === 0 ? null : 70 + i,
    dataHealth: 80 + (i % 4),
  };
});

export const trends: SceneData['trends'] = trendsSceneSchema.parse({ ...header, weeks });

const item = (n: number, rule: 'stage_overdue' | 'lead_unfollowed_24h', regionId: string) => ({
  key: `${rule}:subject-${n}`,
  occurrenceId: n,
  rule,
  subjectType: rule === 'stage_overdue' ? 'deal' : 'lead',
  subjectId: `subject-${n}`,
  regionId,
  severity: 'critical',
  status: 'open',
  resolution: null,
  since: AS_OF.time - n * 3_600_000,
  openedAt: AS_OF.time - n * 3_600_000,
  lastSeenAt: AS_OF.time,
  resolvedAt: null,
  owner: null,
  note: null,
  snoozedUntil: null,
  snoozed: false,
  evidence: { summary: 'x', facts: { stageId: 'st-quote' }, thresholds: {}, rows: [] },
});

export const exceptionsBoard: SceneData['exceptionsBoard'] = exceptionsBoardSchema.parse({
  asOf: AS_OF,
  scope,
  counts: [
    { rule: 'stage_overdue', regionId: 'rg-east', open: 5, acknowledged: 1 },
    { rule: 'stage_overdue', regionId: 'rg-south', open: 2, acknowledged: 0 },
    { rule: 'lead_unfollowed_24h', regionId: 'rg-south', open: 9, acknowledged: 0 },
    { rule: 'data_health_low', regionId: 'rg-east', open: 1, acknowledged: 2 },
  ],
  totals: { open: 17, acknowledged: 3, critical: 4 },
  newestCritical: [item(1, 'lead_unfollowed_24h', 'rg-south'), item(2, 'stage_overdue', 'rg-east')],
});

export const FIXTURES: SceneData = { overview, funnel, regionRanking, exceptionsBoard, repActivity, trends };

/** A copy with a new checkpoint: "new data" for in-place update tests. */
export function withCheckpoint<T extends { asOf: { checkpointId: string; time: number | null } }>(
  data: T,
  checkpointId: string,
): T {
  return { ...structuredClone(data), asOf: { ...data.asOf, checkpointId } };
}
