// Results of the war-room scenes and pack sections: overview KPIs with deltas, funnel and bottlenecks, region
// ranking, rep activity and 12-week trends. Every result says which snapshot (asOf), scope and period it covers.
import { z } from 'zod';
import { asOfSchema, dataHealthScoreSchema, headlineDeltasSchema, kpisSchema, phiScoreSchema, ratioSchema } from './metrics';
import { resolvedPeriodSchema, resolvedScopeSchema } from './period';
import { exceptionItemSchema, ruleKeySchema } from './exceptions';

const header = { asOf: asOfSchema, scope: resolvedScopeSchema, period: resolvedPeriodSchema };

export const overviewSceneSchema = z.strictObject({
  ...header,
  previousPeriod: resolvedPeriodSchema,
  kpis: kpisSchema,
  deltas: headlineDeltasSchema,
  openExceptions: z.strictObject({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
});
export type OverviewScene = z.infer<typeof overviewSceneSchema>;

export const stageRowSchema = z.strictObject({
  stageId: z.string(),
  ordinal: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  maxDwellDays: z.number(),
  /** Stays in the stage that ended in the period, and those that moved forward. */
  exits: z.number().int(),
  conversion: ratioSchema,
  dwellAvgDays: z.number().nullable(),
  dwellP80Days: z.number().nullable(),
  /** As of the snapshot. */
  open: z.number().int(),
  overdueRate: ratioSchema,
  missingFieldsRate: ratioSchema,
});

export const heatCellSchema = z.strictObject({
  regionId: z.string(),
  stageId: z.string(),
  exits: z.number().int(),
  dwellAvgDays: z.number().nullable(),
  overdueRate: ratioSchema,
});

export const funnelSceneSchema = z.strictObject({
  ...header,
  stages: z.array(stageRowSchema),
  heatmap: z.array(heatCellSchema),
  /**
   * Up to three stages under pressure (≥ 10 % of open deals past max dwell, or p80 dwell beyond it), highest
   * stage-overdue rate first (ties: longest p80 dwell relative to max dwell); empty for a healthy funnel.
   */
  bottlenecks: z.array(z.string()),
  process: kpisSchema.shape.process,
});
export type FunnelScene = z.infer<typeof funnelSceneSchema>;

export const regionRankRowSchema = z.strictObject({
  rank: z.number().int(),
  regionId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  attainment: ratioSchema,
  wonAmount: z.number(),
  phi: phiScoreSchema,
  dataHealth: dataHealthScoreSchema,
  effectiveFollowUpsPerRepDay: ratioSchema,
});
export const regionRankingSchema = z.strictObject({ ...header, rows: z.array(regionRankRowSchema) });
export type RegionRanking = z.infer<typeof regionRankingSchema>;

export const repActivityRowSchema = z.strictObject({
  repId: z.string(),
  name: z.string(),
  regionId: z.string(),
  team: z.string(),
  status: z.string(),
  activities: z.number().int(),
  effectiveFollowUpsPerDay: ratioSchema,
  highValueRatio: ratioSchema,
  firstContactShare: ratioSchema,
  stageAdvances: z.number().int(),
  wonDeals: z.number().int(),
  /** Over the period's records (the 28-day series per day: dataHealthSeries). */
  dataHealth: dataHealthScoreSchema,
});
export const repActivitySceneSchema = z.strictObject({ ...header, rows: z.array(repActivityRowSchema) });
export type RepActivityScene = z.infer<typeof repActivitySceneSchema>;

export const trendPointSchema = z.strictObject({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  wonAmount: z.number(),
  newDeals: z.number().int(),
  winRate: ratioSchema,
  attainmentRevenue: ratioSchema,
  effectiveFollowUpsPerRepDay: ratioSchema,
  highValueRatio: ratioSchema,
  leadResponseWithin24h: ratioSchema,
  stageAdvanceEfficiency: ratioSchema,
  phi: z.number().nullable(),
  dataHealth: z.number().nullable(),
});
export const trendsSceneSchema = z.strictObject({ ...header, weeks: z.array(trendPointSchema) });
export type TrendsScene = z.infer<typeof trendsSceneSchema>;

export const exceptionsBoardSchema = z.strictObject({
  asOf: asOfSchema,
  scope: resolvedScopeSchema,
  /** Unresolved occurrences (open + acknowledged, snoozed ones excluded) by rule and region. */
  counts: z.array(
    z.strictObject({ rule: ruleKeySchema, regionId: z.string(), open: z.number().int(), acknowledged: z.number().int() }),
  ),
  totals: z.strictObject({ open: z.number().int(), acknowledged: z.number().int(), critical: z.number().int() }),
  newestCritical: z.array(exceptionItemSchema),
});
export type ExceptionsBoard = z.infer<typeof exceptionsBoardSchema>;

export const phiSeriesSchema = z.strictObject({
  asOf: asOfSchema,
  points: z.array(z.strictObject({ regionId: z.string(), date: z.string(), phi: phiScoreSchema })),
});
export type PhiSeries = z.infer<typeof phiSeriesSchema>;

export const dataHealthSeriesSchema = z.strictObject({
  asOf: asOfSchema,
  windowDays: z.number().int(),
  points: z.array(z.strictObject({ repId: z.string(), date: z.string(), score: dataHealthScoreSchema })),
});
export type DataHealthSeries = z.infer<typeof dataHealthSeriesSchema>;
