// SQL fragments shared by the rollups, metrics and rules, so one definition (e.g. "a well-formed activity") is
// written once. Tags are stored as JSON text written by JSON.stringify (UTF-8, unescaped), so a tag is present
// exactly when its quoted form occurs in the text.
import type { Ratio } from '../../shared/analytics/metrics';

export const TAG = {
  firstContact: '首次接触',
  needsDiscovery: '需求挖掘',
  techDemo: '技术演示',
  priceNegotiation: '价格谈判',
  decisionMaker: '决策人确认',
  customerFeedback: '客户反馈',
} as const;

export const HIGH_VALUE_TAGS = [TAG.techDemo, TAG.priceNegotiation, TAG.decisionMaker] as const;

/** Kinds that are an interaction with a customer (an effective follow-up when on a distinct customer). */
export const CUSTOMER_KINDS = ['visit', 'call', 'wechat', 'demo', 'quote'] as const;
/** Kinds whose material must be attached. */
export const ATTACHMENT_KINDS = ['demo', 'quote'] as const;
/** Longest plausible delay between doing and logging an activity. */
export const MAX_LOG_DELAY_MS = 48 * 3_600_000;

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

export function hasTag(column: string, tag: string): string {
  return `(instr(${column}, '"${tag}"') > 0)`;
}

export function hasAnyTag(column: string, tags: readonly string[]): string {
  return `(${tags.map((t) => hasTag(column, t)).join(' OR ')})`;
}

/** Activity columns of alias `a`. */
export const activitySql = (a: string) => ({
  customerKind: `(${a}.kind IN (${list(CUSTOMER_KINDS)}))`,
  customer: `COALESCE(${a}.account_id, 'lead:' || ${a}.lead_id)`,
  highValue: hasAnyTag(`${a}.tags`, HIGH_VALUE_TAGS),
  firstContact: hasTag(`${a}.tags`, TAG.firstContact),
  feedback: hasTag(`${a}.tags`, TAG.customerFeedback),
  complete: `(trim(${a}.summary) <> '' AND (CASE WHEN json_valid(${a}.tags) THEN json_array_length(${a}.tags) ELSE 0 END) > 0)`,
  /** @now: the time the figure is computed; nothing may lie after it. */
  timeOk: `(${a}.logged_at >= ${a}.occurred_at AND ${a}.logged_at - ${a}.occurred_at <= ${MAX_LOG_DELAY_MS} AND ${a}.logged_at <= @now)`,
  attachRequired: `(${a}.kind IN (${list(ATTACHMENT_KINDS)}))`,
  attachOk: `(${a}.kind IN (${list(ATTACHMENT_KINDS)}) AND ${a}.has_attachment = 1)`,
});

export const OPEN_LEAD_STATUSES = ['new', 'working'] as const;
export const openLead = (l: string): string => `(${l}.status IN (${list(OPEN_LEAD_STATUSES)}))`;

/** num ÷ den, "no data" (null) when the denominator is zero. */
export function ratio(num: number, den: number): Ratio {
  return { value: den > 0 ? num / den : null, num, den };
}

/** Local day number of an epoch-ms column; @offMs is the region's offset in ms (bound numbers arrive as REAL). */
export function localDaySql(column: string): string {
  return `((${column} + CAST(@offMs AS INTEGER)) / 86400000)`;
}
