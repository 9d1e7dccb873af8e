// The shapes every analytics result shares: "as of" (the sync checkpoint the figures come from), ratios that keep
// their numerator and denominator (null value = "no data", never NaN) and week-over-week deltas.
import { z } from 'zod';

/** The replica snapshot a result was read from: the sync checkpoint (change-feed cursor) and when it was reached. */
export const asOfSchema = z.strictObject({
  checkpointId: z.string(),
  /** Epoch ms of the last completed sync; null before the first one. */
  time: z.number().int().nullable(),
});
export type AsOf = z.infer<typeof asOfSchema>;

/** num ÷ den; value is null when den is 0 ("no data"). */
export const ratioSchema = z.strictObject({
  value: z.number().nullable(),
  num: z.number(),
  den: z.number(),
});
export type Ratio = z.infer<typeof ratioSchema>;

/** A score 0–100 made of parts (PHI, data health); null when no part has data. */
export const scoreSchema = <T extends z.ZodRawShape>(parts: T) =>
  z.strictObject({ value: z.number().nullable(), parts: z.strictObject(parts) });

export const phiScoreSchema = scoreSchema({ keyActions: ratioSchema, quality: ratioSchema, response: ratioSchema });
export type PhiScore = z.infer<typeof phiScoreSchema>;

export const dataHealthScoreSchema = scoreSchema({ completeness: ratioSchema, timeLogic: ratioSchema, attachments: ratioSchema });
export type DataHealthScore = z.infer<typeof dataHealthScoreSchema>;

/** current vs previous period: delta = current − previous, deltaPct = delta ÷ |previous| (null when undefined). */
export const deltaSchema = z.strictObject({
  current: z.number().nullable(),
  previous: z.number().nullable(),
  delta: z.number().nullable(),
  deltaPct: z.number().nullable(),
});
export type Delta = z.infer<typeof deltaSchema>;

export const lostReasonSchema = z.strictObject({ reason: z.string(), count: z.number().int(), share: z.number() });

export const kpisSchema = z.strictObject({
  behaviour: z.strictObject({
    activities: z.number().int(),
    /** Effective follow-ups ÷ rep working days. */
    effectiveFollowUpsPerRepDay: ratioSchema,
    highValueRatio: ratioSchema,
  }),
  process: z.strictObject({
    stageOverdueRate: ratioSchema,
    requiredFieldMissingRate: ratioSchema,
    leadFirstResponseMedianHours: z.number().nullable(),
    leadResponseWithin24h: ratioSchema,
    sleepingLeadRate: ratioSchema,
    stageAdvanceEfficiency: ratioSchema,
  }),
  result: z.strictObject({
    wonAmount: z.number(),
    wonDeals: z.number().int(),
    lostDeals: z.number().int(),
    newDeals: z.number().int(),
    winRate: ratioSchema,
    avgCycleDays: z.number().nullable(),
    targets: z.strictObject({ revenue: z.number().nullable(), wonDeals: z.number().nullable(), newDeals: z.number().nullable() }),
    attainment: z.strictObject({ revenue: ratioSchema, wonDeals: ratioSchema, newDeals: ratioSchema }),
    openPipeline: z.number(),
    /** Open pipeline ÷ (revenue target − won amount); null without a target or once the target is met. */
    pipelineCoverage: ratioSchema,
    lostReasonsTop3: z.array(lostReasonSchema),
  }),
  phi: phiScoreSchema,
  dataHealth: dataHealthScoreSchema,
});
export type Kpis = z.infer<typeof kpisSchema>;

/** The headline figures that get week-over-week deltas. */
export const HEADLINE_KEYS = [
  'wonAmount',
  'attainmentRevenue',
  'winRate',
  'pipelineCoverage',
  'newDeals',
  'effectiveFollowUpsPerRepDay',
  'highValueRatio',
  'phi',
  'dataHealth',
  'leadResponseWithin24h',
  'stageOverdueRate',
] as const;
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];
export const headlineDeltasSchema = z.record(z.enum(HEADLINE_KEYS), deltaSchema);
export type HeadlineDeltas = Record<HeadlineKey, Delta>;
