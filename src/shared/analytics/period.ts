// Which slice of the data an analytics question is about: the scope (regions, teams, reps) and the period (a local
// calendar day, ISO week, month, quarter or custom range). Dates are calendar dates in each region's local time.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('day'), date: isoDate }),
  z.strictObject({ kind: z.literal('week'), week: z.string().regex(/^\d{4}-W\d{2}$/, 'expected YYYY-Www (ISO week)') }),
  z.strictObject({ kind: z.literal('month'), month: z.string().regex(/^\d{4}-\d{2}$/, 'expected YYYY-MM') }),
  z.strictObject({ kind: z.literal('quarter'), quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Qn') }),
  /** `from` and `to` are both included. */
  z.strictObject({ kind: z.literal('custom'), from: isoDate, to: isoDate }),
]);
export type Period = z.infer<typeof periodSchema>;

/** A period resolved to calendar dates: `from` and `to` included, `days` long. */
export const resolvedPeriodSchema = z.strictObject({
  kind: z.enum(['day', 'week', 'month', 'quarter', 'custom']),
  label: z.string(),
  from: isoDate,
  to: isoDate,
  days: z.number().int().positive(),
});
export type ResolvedPeriod = z.infer<typeof resolvedPeriodSchema>;

/**
 * Regions (a parent region includes its descendants), teams (reps.team) and reps. Omitted regions = every region
 * the replica holds; teams and reps narrow the rep-level figures to those reps.
 */
export const scopeSchema = z.strictObject({
  regionIds: z.array(z.string()).optional(),
  teams: z.array(z.string()).optional(),
  repIds: z.array(z.string()).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

/** The scope as resolved against the replica: concrete region ids and, when narrowed, rep ids. */
export const resolvedScopeSchema = z.strictObject({
  regionIds: z.array(z.string()),
  repIds: z.array(z.string()).nullable(),
});
export type ResolvedScope = z.infer<typeof resolvedScopeSchema>;
