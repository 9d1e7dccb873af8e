// Why-breakdowns behind the drill-downs: stage regressions by local weekday × hour and by account segment, overdue
// open deals by stage × region, and lead first response by source and by rep.
import { z } from 'zod';
import { asOfSchema, ratioSchema } from './metrics';
import { resolvedPeriodSchema, resolvedScopeSchema } from './period';

const share = z.strictObject({ key: z.string(), count: z.number().int(), share: z.number() });

export const regressionBreakdownSchema = z.strictObject({
  asOf: asOfSchema,
  scope: resolvedScopeSchema,
  period: resolvedPeriodSchema,
  total: z.number().int(),
  /** cells[weekday − 1][hour]: regressions on that ISO weekday (1 = Monday) and local hour. */
  weekdayHour: z.array(z.array(z.number().int())),
  /** The busiest weekday × hour cell and its share of all regressions. */
  peak: z
    .strictObject({ weekday: z.number().int(), hour: z.number().int(), count: z.number().int(), share: z.number() })
    .nullable(),
  bySegment: z.array(share),
  byTransition: z.array(share),
});
export type RegressionBreakdown = z.infer<typeof regressionBreakdownSchema>;

export const overdueBreakdownSchema = z.strictObject({
  asOf: asOfSchema,
  scope: resolvedScopeSchema,
  cells: z.array(
    z.strictObject({
      stageId: z.string(),
      regionId: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      rate: ratioSchema,
    }),
  ),
});
export type OverdueBreakdown = z.infer<typeof overdueBreakdownSchema>;

const responseRow = z.strictObject({
  key: z.string(),
  assigned: z.number().int(),
  touched: z.number().int(),
  within: ratioSchema,
  medianHours: z.number().nullable(),
});
export const leadResponseBreakdownSchema = z.strictObject({
  asOf: asOfSchema,
  scope: resolvedScopeSchema,
  period: resolvedPeriodSchema,
  bySource: z.array(responseRow),
  byRep: z.array(responseRow),
});
export type LeadResponseBreakdown = z.infer<typeof leadResponseBreakdownSchema>;
