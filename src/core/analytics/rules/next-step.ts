// next_step_overdue: the latest activity on an open deal (else on an open lead, else on an account, for activities
// with neither) promised a next step that is past due (plus a grace period), and nothing was logged on that subject
// after it. Subject: the deal, lead or account. Deals and leads read their latest activity from the derived state
// tables; account-only activities (few) from their partial index.
import type { SubjectType } from '../../../shared/analytics/exceptions';
import type { Snapshot } from '../snapshot';
import { HOUR_MS } from '../time';
import { openDeals } from './deal-rules';
import { openLeads } from './lead-rules';
import { type Finding, type Rule, type Target, evidence, finding } from './types';
import { stmt } from '../statements';

interface Promise {
  subjectId: string;
  regionId: string;
  activityId: string | null;
  due: number;
}

// Each account's latest account-only activity (MAX(occurred_at) per account), then that activity's promise.
const ACCOUNT_PROMISES = (pick: string): string => `
  SELECT x.account_id AS subjectId, a.region_id AS regionId, a.id AS activityId, a.next_step_due AS due
  FROM (SELECT account_id, MAX(occurred_at) AS at FROM activities INDEXED BY idx_activities_account_only
        WHERE deal_id IS NULL AND lead_id IS NULL AND ${pick} GROUP BY account_id) x
  JOIN activities a INDEXED BY idx_activities_account_only ON a.account_id = x.account_id AND a.occurred_at = x.at
    AND a.deal_id IS NULL AND a.lead_id IS NULL
  WHERE a.next_step_due < @now`;

function accountPromises(s: Snapshot, target: Target): Promise[] {
  const pick = target.all ? '1' : 'account_id IN (SELECT value FROM json_each(@ids))';
  const rows = stmt(s.db, ACCOUNT_PROMISES(pick)).all({
    now: s.now,
    ...(target.all ? {} : { ids: JSON.stringify(target.accounts) }),
  }) as Promise[];
  // Several activities can share the latest instant: one promise per account.
  return [...new Map(rows.map((p) => [p.subjectId, p])).values()];
}

function promises(s: Snapshot, target: Target): [SubjectType, Promise][] {
  const deals = openDeals(s, target, {
    where: 's.last_next_step_due < @now',
    keep: (d) => d.nextStepDue !== null && d.nextStepDue < s.now,
    extra: { now: s.now },
    index: 'idx_analytics_deal_state_promise',
  });
  const leads = openLeads(s, target, 'l.own_next_step_due < @now', 'idx_analytics_lead_state_promise');
  return [
    ...deals.map((d): [SubjectType, Promise] => [
      'deal',
      { subjectId: d.dealId, regionId: d.regionId, activityId: d.lastActivityId, due: d.nextStepDue ?? 0 },
    ]),
    ...leads.map((l): [SubjectType, Promise] => [
      'lead',
      { subjectId: l.leadId, regionId: l.regionId, activityId: l.ownActivityId, due: l.ownNextStepDue ?? 0 },
    ]),
    ...accountPromises(s, target).map((p): [SubjectType, Promise] => ['account', p]),
  ];
}

function toFinding(s: Snapshot, kind: SubjectType, p: Promise, graceHours: number): Finding {
  const overdueHours = Math.round((s.now - p.due) / HOUR_MS);
  return finding('next_step_overdue', kind, {
    subjectId: p.subjectId,
    regionId: p.regionId,
    severity: 'warning',
    since: p.due + graceHours * HOUR_MS,
    evidence: evidence(
      `The promised next step was due ${overdueHours} h ago; nothing logged since`,
      { due: p.due, overdueHours, activityId: p.activityId },
      { graceHours },
      p.activityId ? [{ table: 'activities', id: p.activityId }] : [],
    ),
  });
}

export const nextStepOverdue: Rule = {
  key: 'next_step_overdue',
  evaluate(s, target) {
    const findings = promises(s, target).flatMap(([kind, p]) => {
      const grace = s.thresholds.get('next_step_overdue', 'graceHours', { regionId: p.regionId });
      return p.due + grace * HOUR_MS < s.now ? [toFinding(s, kind, p, grace)] : [];
    });
    return { findings, evaluated: target.all ? 'all' : [...target.deals, ...target.leads, ...target.accounts] };
  },
};
