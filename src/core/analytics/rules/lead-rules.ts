// Rules on open leads (status new or working), read from analytics_lead_state: lead_unfollowed_24h (assigned, no
// first touch N hours later — a red light that escalates to the assigned rep's manager) and sleeping_lead (no sign
// of life — assignment, first touch or any activity on the lead — for ≥ N days).
import type { Snapshot } from '../snapshot';
import { openLead } from '../sql';
import { DAY_MS, HOUR_MS } from '../time';
import { type Rule, type Target, evidence, finding, result, round1 } from './types';
import { stmt } from '../statements';

export interface OpenLead {
  leadId: string;
  regionId: string;
  repId: string | null;
  assignedAt: number | null;
  /** The lead's last sign of life: assignment (or creation), first touch or latest activity. */
  lastAt: number;
  ownActivityId: string | null;
  ownNextStepDue: number | null;
}

const COLUMNS = `l.lead_id AS leadId, l.region_id AS regionId, l.assigned_rep_id AS repId, l.assigned_at AS assignedAt,
  l.last_sign_at AS lastAt, l.own_activity_id AS ownActivityId, l.own_next_step_due AS ownNextStepDue`;

/** Open leads of the target (all regions through the state index, or the given ids) that pass `where`. */
export function openLeads(
  s: Snapshot,
  target: Target,
  where: string,
  index?: string,
  extra: Record<string, number> = {},
): OpenLead[] {
  const pick = target.all ? 'l.region_id IN (SELECT id FROM regions)' : 'l.lead_id IN (SELECT value FROM json_each(@ids))';
  const table = `analytics_lead_state l${target.all && index ? ` INDEXED BY ${index}` : ''}`;
  const sql = `SELECT ${COLUMNS} FROM ${table} WHERE ${pick} AND ${openLead('l')} AND ${where}`;
  return stmt(s.db, sql).all({
    now: s.now,
    ...extra,
    ...(target.all ? {} : { ids: JSON.stringify(target.leads) }),
  }) as OpenLead[];
}

const REPS = `SELECT id, status, manager_id AS managerId FROM reps WHERE id IN (SELECT value FROM json_each(?))`;

export const leadUnfollowed: Rule = {
  key: 'lead_unfollowed_24h',
  evaluate(s, target) {
    const minHours = Math.min(
      ...s.regions.map((r) => s.thresholds.get('lead_unfollowed_24h', 'hours', { regionId: r.id })),
      Infinity,
    );
    const cutoff = Number.isFinite(minHours) ? s.now - minHours * HOUR_MS : 0;
    const untouched = 'l.assigned_at IS NOT NULL AND l.first_touch_at IS NULL AND l.assigned_at < @cutoff';
    const leads = openLeads(s, target, untouched, 'idx_analytics_lead_state_untouched', { cutoff: Math.ceil(cutoff) });
    const reps = new Map(
      (
        stmt(s.db, REPS).all(JSON.stringify([...new Set(leads.map((l) => l.repId))])) as {
          id: string;
          status: string;
          managerId: string | null;
        }[]
      ).map((r) => [r.id, r]),
    );
    const findings = leads.flatMap((l) => {
      const hours = s.thresholds.get('lead_unfollowed_24h', 'hours', { regionId: l.regionId });
      const assigned = l.assignedAt ?? 0;
      if (!(s.now - assigned > hours * HOUR_MS)) return [];
      const rep = l.repId ? reps.get(l.repId) : undefined;
      return finding('lead_unfollowed_24h', 'lead', {
        subjectId: l.leadId,
        regionId: l.regionId,
        severity: 'critical',
        since: assigned + hours * HOUR_MS,
        evidence: evidence(
          `Assigned ${round1((s.now - assigned) / HOUR_MS)} h ago, never touched`,
          {
            assignedAt: assigned,
            hoursSince: round1((s.now - assigned) / HOUR_MS),
            repId: l.repId,
            repStatus: rep?.status ?? null,
            escalateTo: rep?.managerId ?? null,
          },
          { hours },
          [{ table: 'leads', id: l.leadId }],
        ),
      });
    });
    return result(target, (t) => t.leads, findings);
  },
};

export const sleepingLead: Rule = {
  key: 'sleeping_lead',
  evaluate(s, target) {
    const minDays = Math.min(...s.regions.map((r) => s.thresholds.get('sleeping_lead', 'days', { regionId: r.id })), Infinity);
    const cutoff = Number.isFinite(minDays) ? s.now - minDays * DAY_MS : 0;
    const idle = 'l.last_sign_at <= @cutoff';
    const findings = openLeads(s, target, idle, 'idx_analytics_lead_state_idle', { cutoff: Math.ceil(cutoff) }).flatMap((l) => {
      const days = s.thresholds.get('sleeping_lead', 'days', { regionId: l.regionId });
      if (!(s.now - l.lastAt >= days * DAY_MS)) return [];
      return finding('sleeping_lead', 'lead', {
        subjectId: l.leadId,
        regionId: l.regionId,
        severity: 'warning',
        since: l.lastAt + days * DAY_MS,
        evidence: evidence(
          `No activity for ${round1((s.now - l.lastAt) / DAY_MS)} d`,
          { lastActivityAt: l.lastAt, idleDays: round1((s.now - l.lastAt) / DAY_MS), repId: l.repId },
          { days },
          [{ table: 'leads', id: l.leadId }],
        ),
      });
    });
    return result(target, (t) => t.leads, findings);
  },
};
