// Test helper: small, literal checks of the DOMAIN.md exception catalog on raw demo rows. Each returns the subject ids
// it fires for as of `now`. They are deliberately independent of the generator's code, so they can judge it.
import { CHINA_UTC_OFFSET_MIN } from '../../../src/server/demo/time';
import type { Activity, Dataset, Deal, Lead, StageChange } from './dataset';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const OFFSET = CHINA_UTC_OFFSET_MIN * 60_000;

export const FIRST_CONTACT = '首次接触';
export const FEEDBACK = '客户反馈';
const DEMO_STAGE = 'st-demo';

export const localDayOf = (t: number): number => Math.floor((t + OFFSET) / DAY);
export const localHourOf = (t: number): number => Math.floor(((t + OFFSET) % DAY) / HOUR);
/** 1 = Monday … 7 = Sunday. */
export const weekdayOfTime = (t: number): number => ((localDayOf(t) + 3) % 7) + 1;

const isOpenLead = (lead: Lead): boolean => lead.status === 'new' || lead.status === 'working';

function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function changesByDeal(ds: Dataset): Map<string, StageChange[]> {
  const map = groupBy(ds.stageChanges, (c) => c.deal_id);
  for (const list of map.values()) list.sort((a, b) => a.changed_at - b.changed_at);
  return map;
}

// ---- one check per catalog rule ------------------------------------------------------------------------

/** lead_unfollowed_24h: assigned, and no first touch within 24 h of assignment (as of now). */
export function leadUnfollowed(ds: Dataset): Set<string> {
  const out = new Set<string>();
  for (const lead of ds.leads) {
    if (lead.assigned_at === null) continue;
    const late = lead.first_touch_at === null ? ds.now - lead.assigned_at > DAY : lead.first_touch_at - lead.assigned_at > DAY;
    if (late) out.add(lead.id);
  }
  return out;
}

/** Days since an open lead's last sign of life (assignment, first touch or any activity on it). */
export function leadIdleDays(ds: Dataset): Map<string, number> {
  const lastActivity = new Map<string, number>();
  for (const a of ds.activities)
    if (a.lead_id) lastActivity.set(a.lead_id, Math.max(lastActivity.get(a.lead_id) ?? 0, a.occurred_at));
  const idle = new Map<string, number>();
  for (const lead of ds.leads) {
    if (!isOpenLead(lead)) continue;
    const last = Math.max(lead.assigned_at ?? lead.created_at, lead.first_touch_at ?? 0, lastActivity.get(lead.id) ?? 0);
    idle.set(lead.id, (ds.now - last) / DAY);
  }
  return idle;
}

/** sleeping_lead: an open lead with no activity for ≥ 14 days. */
export function sleepingLeads(ds: Dataset): Set<string> {
  return new Set([...leadIdleDays(ds)].filter(([, days]) => days >= 14).map(([id]) => id));
}

/** Hours from each entry into 方案演示 (at least 48 h old) to the first 客户反馈 on the deal after it. */
export function demoFeedbackDelays(ds: Dataset): { dealId: string; hours: number }[] {
  const feedback = groupBy(
    ds.activities.filter((a) => a.tags.includes(FEEDBACK)),
    (a) => a.deal_id,
  );
  const out: { dealId: string; hours: number }[] = [];
  for (const change of ds.stageChanges) {
    if (change.to_stage_id !== DEMO_STAGE || ds.now - change.changed_at < 48 * HOUR) continue;
    const after = (feedback.get(change.deal_id) ?? []).map((a) => a.occurred_at).filter((t) => t > change.changed_at);
    out.push({ dealId: change.deal_id, hours: after.length ? (Math.min(...after) - change.changed_at) / HOUR : Infinity });
  }
  return out;
}

/** demo_no_feedback_48h: a deal entered 方案演示 and no 客户反馈 activity followed within 48 h. */
export function demoNoFeedback(ds: Dataset): Set<string> {
  return new Set(
    demoFeedbackDelays(ds)
      .filter((d) => d.hours > 48)
      .map((d) => d.dealId),
  );
}

/** stage_regression: a deal moved to an earlier stage. */
export function regressions(ds: Dataset): StageChange[] {
  const ordinal = new Map(ds.stages.map((s) => [s.id, s.ordinal]));
  return ds.stageChanges.filter(
    (c) => c.from_stage_id !== null && (ordinal.get(c.from_stage_id) ?? 0) > (ordinal.get(c.to_stage_id) ?? 0),
  );
}

export function stageRegression(ds: Dataset): Set<string> {
  return new Set(regressions(ds).map((c) => c.deal_id));
}

/** The most stage changes (creation included) of each deal inside any 7-day window. */
export function maxChangesIn7Days(ds: Dataset): Map<string, number> {
  const out = new Map<string, number>();
  for (const [dealId, changes] of changesByDeal(ds)) {
    let best = 0;
    for (let i = 0, j = 0; i < changes.length; i++) {
      while ((changes[i] as StageChange).changed_at - (changes[j] as StageChange).changed_at > 7 * DAY) j++;
      best = Math.max(best, i - j + 1);
    }
    out.set(dealId, best);
  }
  return out;
}

/** stage_flapping: ≥ 5 stage changes of one deal in 7 days. */
export function stageFlapping(ds: Dataset): Set<string> {
  return new Set([...maxChangesIn7Days(ds)].filter(([, n]) => n >= 5).map(([id]) => id));
}

/** Days an open deal has left before (negative: past) its stage's max dwell. */
export function dwellSlackDays(ds: Dataset): Map<string, number> {
  const maxDwell = new Map(ds.stages.map((s) => [s.id, s.max_dwell_days]));
  const out = new Map<string, number>();
  for (const deal of ds.deals) {
    if (deal.status !== 'open') continue;
    out.set(deal.id, (maxDwell.get(deal.stage_id) ?? 0) - (ds.now - deal.stage_entered_at) / DAY);
  }
  return out;
}

/** stage_overdue: an open deal stays in a stage longer than its max_dwell_days. */
export function stageOverdue(ds: Dataset): Set<string> {
  return new Set([...dwellSlackDays(ds)].filter(([, slack]) => slack < 0).map(([id]) => id));
}

/** missing_required_fields: an open deal lacks a field its current stage requires. */
export function missingRequiredFields(ds: Dataset): Set<string> {
  const required = new Map(ds.stages.map((s) => [s.id, s.required_fields]));
  const out = new Set<string>();
  for (const deal of ds.deals) {
    if (deal.status !== 'open') continue;
    const missing = (required.get(deal.stage_id) ?? []).some(
      (f) => deal.fields[f] === undefined || deal.fields[f] === null || deal.fields[f] === '',
    );
    if (missing) out.add(deal.id);
  }
  return out;
}

/**
 * next_step_overdue: a promised next step is past due with no later activity on that deal (for activities without
 * a deal: on that lead, else that account). Subject: the deal (or lead, or account).
 */
export function nextStepOverdue(ds: Dataset): Set<string> {
  const subjectOf = (a: Activity): string | null => a.deal_id ?? a.lead_id ?? a.account_id;
  const latest = new Map<string, number>();
  for (const a of ds.activities) {
    const s = subjectOf(a);
    if (s) latest.set(s, Math.max(latest.get(s) ?? 0, a.occurred_at));
  }
  const out = new Set<string>();
  for (const a of ds.activities) {
    const s = subjectOf(a);
    if (a.next_step_due === null || a.next_step_due >= ds.now || s === null) continue;
    if ((latest.get(s) ?? 0) <= a.occurred_at) out.add(s);
  }
  return out;
}

/** Same as nextStepOverdue, but any later activity must be on the same account (the broad reading). */
export function nextStepOverdueByAccount(ds: Dataset): Set<string> {
  const latest = new Map<string, number>();
  for (const a of ds.activities)
    if (a.account_id) latest.set(a.account_id, Math.max(latest.get(a.account_id) ?? 0, a.occurred_at));
  const out = new Set<string>();
  for (const a of ds.activities) {
    if (a.next_step_due === null || a.next_step_due >= ds.now || !a.account_id || !a.deal_id) continue;
    if ((latest.get(a.account_id) ?? 0) <= a.occurred_at) out.add(a.deal_id);
  }
  return out;
}

/** lead_routing: leads assigned to a rep after they left; or an active rep starved 7 days while a peer's backlog > 2× median. */
export function leadRouting(ds: Dataset): Set<string> {
  const out = new Set<string>();
  const reps = new Map(ds.reps.map((r) => [r.id, r]));
  for (const lead of ds.leads) {
    const rep = lead.assigned_rep_id ? reps.get(lead.assigned_rep_id) : undefined;
    if (rep?.departed_at != null && lead.assigned_at !== null && lead.assigned_at > rep.departed_at) out.add(rep.id);
  }
  for (const rep of starvedReps(ds)) out.add(rep);
  return out;
}

/** Active reps with no new lead in the last 7 days, in a region where some peer holds > 2× the median open backlog. */
export function starvedReps(ds: Dataset): string[] {
  const out: string[] = [];
  for (const [regionId, reps] of groupBy(ds.reps, (r) => r.region_id)) {
    const active = reps.filter((r) => r.status === 'active' && r.hired_at < ds.now - 7 * DAY);
    const backlog = new Map(active.map((r) => [r.id, 0]));
    const recent = new Set<string>();
    for (const lead of ds.leads) {
      if (lead.region_id !== regionId || !lead.assigned_rep_id || !backlog.has(lead.assigned_rep_id)) continue;
      if (isOpenLead(lead)) backlog.set(lead.assigned_rep_id, (backlog.get(lead.assigned_rep_id) ?? 0) + 1);
      if (lead.assigned_at !== null && lead.assigned_at > ds.now - 7 * DAY) recent.add(lead.assigned_rep_id);
    }
    const sorted = [...backlog.values()].sort((a, b) => a - b);
    const median = sorted.length
      ? (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2
      : 0;
    const overloaded = sorted.some((n) => n > 2 * median);
    for (const rep of active) if (!recent.has(rep.id) && overloaded) out.push(rep.id);
  }
  return out;
}

/** Whether an activity is healthy data: complete fields, attachment where required, plausible times. */
export function isHealthyActivity(a: Activity, now: number): boolean {
  if (a.occurred_at > now || a.logged_at > now || a.logged_at < a.occurred_at) return false;
  if (a.logged_at - a.occurred_at > 48 * HOUR) return false;
  if (a.summary === '' || a.tags.length === 0) return false;
  if ((a.kind === 'demo' || a.kind === 'quote') && a.has_attachment !== 1) return false;
  return true;
}

/** data_health_low: a rep's data health score (share of healthy activities in the last 28 days × 100) < 80. */
export function dataHealthLow(ds: Dataset): Set<string> {
  const out = new Set<string>();
  for (const [repId, acts] of groupBy(
    ds.activities.filter((a) => a.occurred_at >= ds.now - 28 * DAY),
    (a) => a.rep_id,
  )) {
    const healthy = acts.filter((a) => isHealthyActivity(a, ds.now)).length;
    if ((100 * healthy) / acts.length < 80) out.add(repId);
  }
  return out;
}

/** busy_not_effective: over 2 weeks ≥ 80 % of a rep's (≥ 10) activities are 首次接触, and none of their deals advanced. */
export function busyNotEffective(ds: Dataset): Set<string> {
  const since = ds.now - 14 * DAY;
  const owner = new Map(ds.deals.map((d) => [d.id, d.owner_rep_id]));
  const advanced = new Set(ds.stageChanges.filter((c) => c.changed_at >= since).map((c) => owner.get(c.deal_id)));
  const out = new Set<string>();
  for (const [repId, acts] of groupBy(
    ds.activities.filter((a) => a.occurred_at >= since),
    (a) => a.rep_id,
  )) {
    const first = acts.filter((a) => a.tags.includes(FIRST_CONTACT)).length;
    if (acts.length >= 10 && first / acts.length >= 0.8 && !advanced.has(repId)) out.add(repId);
  }
  return out;
}

// ---- PHI ----------------------------------------------------------------------------------------------

interface DayParts {
  demos: number;
  demosOk: number;
  acts: number;
  actsOk: number;
  leads: number;
  leadsOk: number;
}

const phiIndexes = new WeakMap<Dataset, Map<string, DayParts>>();

/** Counts behind each PHI part, by `${regionId}@${localDay}`, computed once per dataset. */
function phiIndex(ds: Dataset): Map<string, DayParts> {
  const cached = phiIndexes.get(ds);
  if (cached) return cached;
  const index = new Map<string, DayParts>();
  const at = (regionId: string, t: number): DayParts => {
    const key = `${regionId}@${localDayOf(t)}`;
    let parts = index.get(key);
    if (!parts) index.set(key, (parts = { demos: 0, demosOk: 0, acts: 0, actsOk: 0, leads: 0, leadsOk: 0 }));
    return parts;
  };
  const feedback = groupBy(
    ds.activities.filter((a) => a.tags.includes(FEEDBACK)),
    (a) => a.deal_id,
  );
  for (const c of ds.stageChanges) {
    if (c.to_stage_id !== DEMO_STAGE) continue;
    const parts = at(c.region_id, c.changed_at);
    parts.demos++;
    if ((feedback.get(c.deal_id) ?? []).some((a) => a.occurred_at > c.changed_at && a.occurred_at <= c.changed_at + 48 * HOUR))
      parts.demosOk++;
  }
  for (const a of ds.activities) {
    const parts = at(a.region_id, a.occurred_at);
    parts.acts++;
    if (isHealthyActivity(a, ds.now)) parts.actsOk++;
  }
  for (const l of ds.leads) {
    if (l.assigned_at === null) continue;
    const parts = at(l.region_id, l.assigned_at);
    parts.leads++;
    if (l.first_touch_at !== null && l.first_touch_at - l.assigned_at <= DAY) parts.leadsOk++;
  }
  phiIndexes.set(ds, index);
  return index;
}

/**
 * PHI per region per local day (0–100): the mean of (1) demos of the day followed by feedback within 48 h,
 * (2) activities of the day with complete fields and attachments, (3) leads assigned that day first-touched
 * within 24 h. Parts with nothing to measure that day are left out of the mean.
 */
export function phiSeries(ds: Dataset, regionId: string, days: number[]): (number | null)[] {
  const index = phiIndex(ds);
  return days.map((day) => {
    const p = index.get(`${regionId}@${day}`);
    if (!p) return null;
    const parts = [
      p.demos ? p.demosOk / p.demos : null,
      p.acts ? p.actsOk / p.acts : null,
      p.leads ? p.leadsOk / p.leads : null,
    ].filter((x) => x !== null);
    return parts.length ? (100 * parts.reduce((sum, x) => sum + x, 0)) / parts.length : null;
  });
}

/** Whether PHI fell on each of the 3 days ending at index `end` and by > 15 % in total over them. */
export function phiFellAt(series: (number | null)[], end: number): boolean {
  const p = series.slice(end - 3, end + 1);
  if (p.length < 4 || p.some((x) => x === null)) return false;
  const [a, b, c, d] = p as number[];
  return (
    (a as number) > (b as number) &&
    (b as number) > (c as number) &&
    (c as number) > (d as number) &&
    ((a as number) - (d as number)) / (a as number) > 0.15
  );
}

/** phi_drop as of now: regions whose PHI fell 3 days running by > 15 %, ending today or yesterday. */
export function phiDrop(ds: Dataset): Set<string> {
  const today = localDayOf(ds.now);
  const days = Array.from({ length: 8 }, (_, i) => today - 7 + i);
  const out = new Set<string>();
  for (const region of ds.regions) {
    const series = phiSeries(ds, region.id, days);
    if (phiFellAt(series, 7) || phiFellAt(series, 6)) out.add(region.id);
  }
  return out;
}

export const RULE_CHECKS = {
  lead_unfollowed_24h: leadUnfollowed,
  sleeping_lead: sleepingLeads,
  demo_no_feedback_48h: demoNoFeedback,
  stage_regression: stageRegression,
  stage_flapping: stageFlapping,
  stage_overdue: stageOverdue,
  missing_required_fields: missingRequiredFields,
  next_step_overdue: nextStepOverdue,
  lead_routing: leadRouting,
  data_health_low: dataHealthLow,
  busy_not_effective: busyNotEffective,
  phi_drop: phiDrop,
} as const satisfies Record<string, (ds: Dataset) => Set<string>>;

export type CheckedRule = keyof typeof RULE_CHECKS;

export type { Deal };
