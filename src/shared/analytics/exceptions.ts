// Process exceptions as the API shows them: the rule catalog keys, severities, the lifecycle status (merged from the
// local occurrence and the team-shared exception_states row), the evidence that fired it, and list filters.
import { z } from 'zod';
import { asOfSchema } from './metrics';
import { scopeSchema } from './period';

export const RULE_KEYS = [
  'stage_overdue',
  'stage_regression',
  'stage_flapping',
  'lead_unfollowed_24h',
  'sleeping_lead',
  'demo_no_feedback_48h',
  'missing_required_fields',
  'next_step_overdue',
  'phi_drop',
  'data_health_low',
  'lead_routing',
  'busy_not_effective',
] as const;
export const ruleKeySchema = z.enum(RULE_KEYS);
export type RuleKey = z.infer<typeof ruleKeySchema>;

export const severitySchema = z.enum(['critical', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const subjectTypeSchema = z.enum(['deal', 'lead', 'rep', 'region', 'account']);
export type SubjectType = z.infer<typeof subjectTypeSchema>;

export const exceptionStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type ExceptionStatus = z.infer<typeof exceptionStatusSchema>;

/** What fired the rule: the numbers compared with their threshold, and the ids of the rows behind them. */
export const evidenceSchema = z.strictObject({
  /** One line, English, for logs and tooltips; the UI renders its own text from `facts`. */
  summary: z.string(),
  facts: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  thresholds: z.record(z.string(), z.number()),
  rows: z.array(z.strictObject({ table: z.string(), id: z.string() })),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const exceptionItemSchema = z.strictObject({
  /** Stable key `rule:subjectId`. */
  key: z.string(),
  /** Local id of this occurrence (a recurrence after the condition cleared is a new occurrence). */
  occurrenceId: z.number().int(),
  rule: ruleKeySchema,
  subjectType: subjectTypeSchema,
  subjectId: z.string(),
  regionId: z.string(),
  severity: severitySchema,
  status: exceptionStatusSchema,
  /** How a resolved occurrence ended: the condition cleared, or someone resolved it by hand. */
  resolution: z.enum(['auto', 'manual']).nullable(),
  /** Epoch ms the condition became true according to the data (e.g. assigned_at + 24 h). */
  since: z.number().int(),
  openedAt: z.number().int(),
  lastSeenAt: z.number().int(),
  resolvedAt: z.number().int().nullable(),
  owner: z.string().nullable(),
  note: z.string().nullable(),
  snoozedUntil: z.number().int().nullable(),
  snoozed: z.boolean(),
  evidence: evidenceSchema,
});
export type ExceptionItem = z.infer<typeof exceptionItemSchema>;

export const exceptionFilterSchema = z.strictObject({
  scope: scopeSchema.optional(),
  rules: z.array(ruleKeySchema).optional(),
  statuses: z.array(exceptionStatusSchema).optional(),
  severities: z.array(severitySchema).optional(),
  subjectIds: z.array(z.string()).optional(),
  /** Snoozed acknowledged exceptions are hidden unless asked for. */
  includeSnoozed: z.boolean().optional(),
  limit: z.number().int().positive().max(5000).optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type ExceptionFilter = z.infer<typeof exceptionFilterSchema>;

export const exceptionListSchema = z.strictObject({
  asOf: asOfSchema,
  total: z.number().int(),
  items: z.array(exceptionItemSchema),
});
export type ExceptionList = z.infer<typeof exceptionListSchema>;

const timelineEntrySchema = z.strictObject({
  at: z.number().int(),
  kind: z.enum(['stage_change', 'activity', 'lead']),
  id: z.string(),
  text: z.string(),
});

export const exceptionDetailSchema = z.strictObject({
  asOf: asOfSchema,
  current: exceptionItemSchema,
  /** Earlier occurrences of the same key, newest first. */
  history: z.array(exceptionItemSchema),
  subject: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).nullable(),
  /** The subject's stage changes and activities, newest first (at most 200). */
  timeline: z.array(timelineEntrySchema),
});
export type ExceptionDetail = z.infer<typeof exceptionDetailSchema>;

/** A threshold value and where it comes from (the code default or an override stored in the replica). */
export const thresholdSchema = z.strictObject({
  rule: z.string(),
  param: z.string(),
  regionId: z.string().nullable(),
  stageId: z.string().nullable(),
  value: z.number(),
  source: z.enum(['default', 'override']),
});
export type Threshold = z.infer<typeof thresholdSchema>;
