// Which slice of the data an analytics question is about: the scope (regions, teams, reps) and the period (a local
// calendar day, ISO week, month, quarter or custom range). Dates are calendar dates in each region's local time.
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

const MAX_CUSTOM_DAYS = 731;

function isCalendarDate(d: string): boolean {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d; // rejects 2026-02-30
}
const daysBetween = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('day'), date: isoDate }),
  z.strictObject({
    kind: z.literal('week'),
    week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected YYYY-Www (ISO week)'),
  }),
  z.strictObject({ kind: z.literal('month'), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') }),
  z.strictObject({ kind: z.literal('quarter'), quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Qn') }),
  /** `from` and `to` are both included; at most two years (a longer custom range is a mistake, not a question). */
  z
    .strictObject({ kind: z.literal('custom'), from: isoDate, to: isoDate })
    .refine((p) => p.from <= p.to, '`from` must not be after `to`')
    .refine((p) => daysBetween(p.from, p.to) < MAX_CUSTOM_DAYS, `a custom period spans at most ${MAX_CUSTOM_DAYS} days`),
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

/** The scope as resolved against the replica: concrete region ids (with their names, for display) and, when narrowed, rep ids. */
export const resolvedScopeSchema = z.strictObject({
  regionIds: z.array(z.string()),
  repIds: z.array(z.string()).nullable(),
  /** The regions of regionIds, in the same order, with their Chinese and English names. */
  regions: z.array(z.strictObject({ id: z.string(), name: z.string(), nameEn: z.string() })),
});
export type ResolvedScope = z.infer<typeof resolvedScopeSchema>;
