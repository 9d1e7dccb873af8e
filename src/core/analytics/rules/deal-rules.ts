// Rules on open deals, read from analytics_deal_state: stage_overdue (longer in the stage than its max dwell),
// missing_required_fields (a field the current stage requires is empty) and demo_no_feedback_48h (in the demo
// stage for ≥ N hours with no 客户反馈 activity in the N hours after entering it).
import { maxDwellMs } from '../metrics/state-facts';
import type { Snapshot } from '../snapshot';
import { TAG } from '../sql';
import { DAY_MS, HOUR_MS } from '../time';
import { type Rule, type Target, evidence, finding, result, round1 } from './types';

export interface OpenDeal {
  dealId: string;
  regionId: string;
  ownerRepId: string;
  stageId: string;
  enteredAt: number;
  missing: string;
  lastActivityId: string | null;
  lastActivityAt: number | null;
  nextStepDue: number | null;
  feedbackAt: number | null;
}

const COLUMNS = `s.deal_id AS dealId, s.region_id AS regionId, s.owner_rep_id AS ownerRepId, s.stage_id AS stageId,
  s.stage_entered_at AS enteredAt, s.missing, s.last_activity_id AS lastActivityId, s.last_activity_at AS lastActivityAt,
  s.last_next_step_due AS nextStepDue, s.feedback_at AS feedbackAt`;

/**
 * Open deals of the target (all regions through a state index, or the given ids) that pass `where`. @cells, when
 * given, is a JSON list of [region_id, stage_id, value] joined as c(region_id, stage_id, value) for per-cell limits.
 */
export function openDeals(
  s: Snapshot,
  target: Target,
  where: string,
  cells?: unknown[][],
  extra: Record<string, number> = {},
  index?: string,
): OpenDeal[] {
  const pick = target.all ? 's.region_id IN (SELECT id FROM regions)' : 's.deal_id IN (SELECT value FROM json_each(@ids))';
  // Without statistics SQLite cannot tell which state index is narrowest for a full scan; the rule names it.
  const table = `analytics_deal_state s${target.all && index ? ` INDEXED BY ${index}` : ''}`;
  // Every region's deals: each cell's index range (c first); given ids: each deal by its key (s first).
  const from = target.all ? `c CROSS JOIN ${table}` : `${table} CROSS JOIN c`;
  const join = cells
    ? `WITH c(region_id, stage_id, value) AS (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(@cells))
       SELECT ${COLUMNS} FROM ${from} WHERE s.region_id = c.region_id AND s.stage_id = c.stage_id AND`
    : `SELECT ${COLUMNS} FROM ${table} WHERE`;
  const params = {
    ...extra,
    ...(target.all ? {} : { ids: JSON.stringify(target.deals) }),
    ...(cells ? { cells: JSON.stringify(cells) } : {}),
  };
  return s.db.prepare(`${join} ${pick} AND s.status = 'open' AND ${where}`).all(params) as OpenDeal[];
}

const dealIds = (t: { deals: string[] }): string[] => t.deals;

export const stageOverdue: Rule = {
  key: 'stage_overdue',
  evaluate(s, target) {
    const cells = s.regions.flatMap((r) => s.stages.map((st) => [r.id, st.id, s.now - maxDwellMs(s, r.id, st.id)]));
    const findings = openDeals(s, target, 's.stage_entered_at < c.value', cells, {}, 'idx_analytics_deal_state_open').map((d) => {
      const max = maxDwellMs(s, d.regionId, d.stageId);
      const dwell = s.now - d.enteredAt;
      const factor = s.thresholds.get('stage_overdue', 'criticalFactor', { regionId: d.regionId, stageId: d.stageId });
      return finding('stage_overdue', 'deal', {
        subjectId: d.dealId,
        regionId: d.regionId,
        severity: dwell > factor * max ? 'critical' : 'warning',
        since: d.enteredAt + max,
        evidence: evidence(
          `In stage ${d.stageId} for ${round1(dwell / DAY_MS)} d, max ${max / DAY_MS} d`,
          {
            stageId: d.stageId,
            enteredAt: d.enteredAt,
            dwellDays: round1(dwell / DAY_MS),
            overdueDays: round1((dwell - max) / DAY_MS),
            ownerRepId: d.ownerRepId,
          },
          { maxDwellDays: max / DAY_MS, criticalFactor: factor },
          [{ table: 'deals', id: d.dealId }],
        ),
      });
    });
    return result(target, dealIds, findings);
  },
};

export const missingRequiredFields: Rule = {
  key: 'missing_required_fields',
  evaluate(s, target) {
    const findings = openDeals(s, target, 's.missing_count > 0', undefined, {}, 'idx_analytics_deal_state_missing').map((d) => {
      const missing = JSON.parse(d.missing) as string[];
      return finding('missing_required_fields', 'deal', {
        subjectId: d.dealId,
        regionId: d.regionId,
        severity: 'warning',
        since: d.enteredAt,
        evidence: evidence(
          `Stage ${d.stageId} requires ${missing.join(', ')}`,
          { stageId: d.stageId, missingFields: missing.join(','), missingCount: missing.length, ownerRepId: d.ownerRepId },
          {},
          [{ table: 'deals', id: d.dealId }],
        ),
      });
    });
    return result(target, dealIds, findings);
  },
};

export const demoNoFeedback: Rule = {
  key: 'demo_no_feedback_48h',
  evaluate(s, target) {
    const cells = s.regions.flatMap((r) =>
      s.stages
        .filter((st) => st.isDemo)
        .map((st) => [r.id, st.id, s.thresholds.get('demo_no_feedback_48h', 'hours', { regionId: r.id, stageId: st.id })]),
    );
    const late =
      's.stage_entered_at + c.value * 3600000 <= @now AND (s.feedback_at IS NULL OR s.feedback_at > s.stage_entered_at + c.value * 3600000)';
    const deals = openDeals(s, target, late, cells, { now: s.now }, 'idx_analytics_deal_state_open');
    const findings = deals.map((d) => {
      const hours = s.thresholds.get('demo_no_feedback_48h', 'hours', { regionId: d.regionId, stageId: d.stageId });
      return finding('demo_no_feedback_48h', 'deal', {
        subjectId: d.dealId,
        regionId: d.regionId,
        severity: 'warning',
        since: d.enteredAt + hours * HOUR_MS,
        evidence: evidence(
          `Entered the demo stage ${round1((s.now - d.enteredAt) / HOUR_MS)} h ago, no ${TAG.customerFeedback} within ${hours} h`,
          {
            stageId: d.stageId,
            enteredAt: d.enteredAt,
            hoursSince: round1((s.now - d.enteredAt) / HOUR_MS),
            feedbackAt: d.feedbackAt,
            ownerRepId: d.ownerRepId,
          },
          { hours },
          [{ table: 'deals', id: d.dealId }],
        ),
      });
    });
    return result(target, dealIds, findings);
  },
};
