// The analytics part of the core API: wall scenes, exceptions, breakdowns and series, each read from one consistent
// snapshot of the replica and stamped with its asOf. Spread into the method map in methods.ts.
import { z } from 'zod';
import { leadResponseBreakdownSchema, overdueBreakdownSchema, regressionBreakdownSchema } from '../analytics/breakdowns';
import { exceptionDetailSchema, exceptionFilterSchema, exceptionListSchema, thresholdSchema } from '../analytics/exceptions';
import { asOfSchema } from '../analytics/metrics';
import { WALL_SCENE_IDS, wallSceneIdSchema } from '../domain/wall';
import { periodSchema, scopeSchema } from '../analytics/period';
import {
  dataHealthSeriesSchema,
  exceptionsBoardSchema,
  funnelSceneSchema,
  overviewSceneSchema,
  phiSeriesSchema,
  regionRankingSchema,
  repActivitySceneSchema,
  trendsSceneSchema,
} from '../analytics/scenes';

/** Scope and period of a question; omitted scope = every region held, omitted period = the current ISO week. */
export const sliceSchema = z.strictObject({ scope: scopeSchema.optional(), period: periodSchema.optional() });
const scopeOnly = z.strictObject({ scope: scopeSchema.optional() });
const withPeriod = z.strictObject({ scope: scopeSchema.optional(), period: periodSchema });

/** Several scenes read from ONE snapshot: what a meeting freeze pins and what a pack prints. */
export const wallSnapshotSchema = z.strictObject({
  asOf: asOfSchema,
  scenes: z.strictObject({
    overview: overviewSceneSchema.optional(),
    funnel: funnelSceneSchema.optional(),
    regionRanking: regionRankingSchema.optional(),
    exceptionsBoard: exceptionsBoardSchema.optional(),
    repActivity: repActivitySceneSchema.optional(),
    trends: trendsSceneSchema.optional(),
  }),
});
export type WallSnapshot = z.infer<typeof wallSnapshotSchema>;

export const analyticsMethods = {
  /** KPIs against target with week-over-week deltas and open exceptions by severity. */
  'analytics.overview': { params: sliceSchema, result: overviewSceneSchema },
  /** Stage conversion and dwell, region × stage heatmap, bottlenecks. */
  'analytics.funnel': { params: sliceSchema, result: funnelSceneSchema },
  /** Regions ranked by attainment with PHI and data health. */
  'analytics.regionRanking': { params: sliceSchema, result: regionRankingSchema },
  /** Per rep: effective follow-ups, high-value ratio, data health. */
  'analytics.repActivity': { params: sliceSchema, result: repActivitySceneSchema },
  /** The 12 ISO weeks ending with the period (default: this week). */
  'analytics.trends': { params: sliceSchema, result: trendsSceneSchema },
  /** Unresolved exceptions by rule and region, newest critical ones. */
  'analytics.exceptionsBoard': { params: scopeOnly, result: exceptionsBoardSchema },
  /** Several scenes from one snapshot (meeting freeze, packs). */
  'analytics.wall': {
    params: z.strictObject({
      scope: scopeSchema.optional(),
      period: periodSchema.optional(),
      scenes: z.array(wallSceneIdSchema).min(1).max(WALL_SCENE_IDS.length),
    }),
    result: wallSnapshotSchema,
  },
  /** PHI per region per local day, with its three parts. */
  'analytics.phiSeries': { params: withPeriod, result: phiSeriesSchema },
  /** Data health per rep per local day. */
  'analytics.dataHealthSeries': { params: withPeriod, result: dataHealthSeriesSchema },
  /** Stage regressions by weekday × hour and by account segment. */
  'analytics.regressions': { params: sliceSchema, result: regressionBreakdownSchema },
  /** Overdue open deals by stage × region. */
  'analytics.overdue': { params: scopeOnly, result: overdueBreakdownSchema },
  /** Lead response by source and rep. */
  'analytics.leadResponse': { params: sliceSchema, result: leadResponseBreakdownSchema },
  /** Exception occurrences matching a filter (default: unresolved, not snoozed), most severe and newest first. */
  'exceptions.list': { params: exceptionFilterSchema, result: exceptionListSchema },
  /** One exception with its evidence, history and the subject's timeline; NOT_FOUND when the key is unknown. */
  'exceptions.detail': { params: z.strictObject({ key: z.string().min(1).max(256) }), result: exceptionDetailSchema },
  /** Thresholds in force (defaults and overrides). */
  'thresholds.list': { params: z.strictObject({}), result: z.array(thresholdSchema) },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

/** Pushed after synced changes were applied and the exception engine caught up: wall and lists re-read. */
export const dataChangedSchema = z.strictObject({
  asOf: asOfSchema,
  /** True when the change came from a full (re)sync rather than incremental pages. */
  full: z.boolean(),
});
export type DataChanged = z.infer<typeof dataChangedSchema>;
