// Rules on open deals, read from analytics_deal_state: stage_overdue (longer in the stage than its max dwell),
// missing_required_fields (a field the current stage requires is empty) and demo_no_feedback_48h (in the demo
// stage for ≥ N hours with no 客户反馈 activity in the N hours after entering it).
import { maxDwellMs } from '../metrics/state-facts';
import type { Snapshot } from '../snapshot';
import { TAG } from '../sql';
import { DAY_MS, HOUR_MS } from '../time';
import { type Rule, type Target, evidence, finding, result, round1 } from './types';
import { stmt } from '../statements';

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

export interface DealQuery {
  /** SQL condition on analytics_deal_state `s` (and the cell `c` when `cells` is given), for a full scan. */
  where: string;
  /**
   * The same condition in JS, for the deals of an incremental target. `cell`: the value of the deal's cell; null
   * where SQL would read NULL (a value JSON cannot carry), undefined without cells.
   */
  keep(d: OpenDeal & { missingCount: number }, cell: number | null | undefined): boolean;
  /** [region_id, stage_id, value] rows joined as c(region_id, stage_id, value): per-cell limits. */
  cells?: unknown[][];
  extra?: Record<string, number>;
  /** The state index a full scan reads (without statistics SQLite cannot tell which is narrowest). */
  index?: string;
}

const TARGET_DEALS = `SELECT ${COLUMNS}, s.missing_count AS missingCount FROM analytics_deal_state s
  WHERE s.deal_id IN (SELECT value FROM json_each(@ids)) AND s.status = 'open'`;

const targetDeals = new WeakMap<Snapshot, WeakMap<Target, (OpenDeal & { missingCount: number })[]>>();

/** The open deals of an incremental target, read once per snapshot and target for every deal rule (deal id order). */
function openTargetDeals(s: Snapshot, target: Target & { all: false }): (OpenDeal & { missingCount: number })[] {
  let bySnapshot = targetDeals.get(s);
  if (!bySnapshot) targetDeals.set(s, (bySnapshot = new WeakMap()));
  let deals = bySnapshot.get(target);
  if (!deals) {
    deals = stmt(s.db, TARGET_DEALS).all({ ids: JSON.stringify(target.deals) }) as (OpenDeal & { missingCount: number })[];
    bySnapshot.set(target, deals);
  }
  return deals;
}

/**
 * Open deals of the target that pass the query: a full scan reads every region through a state index (each cell's
 * index range when `cells` is given); an incremental target filters its deals, read once for all deal rules.
 */
export function openDeals(s: Snapshot, target: Target, q: DealQuery): OpenDeal[] {
  if (!target.all) {
    const cells = new Map(
      q.cells?.map(([region, stage, value]) => [
        `${String(region)}|${String(stage)}`,
        typeof value === 'number' && Number.isFinite(value) ? value : null,
      ]),
    );
    return openTargetDeals(s, target).filter((d) => {
      if (!q.cells) return q.keep(d, undefined);
      const cell = cells.get(`${d.regionId}|${d.stageId}`);
      return cell !== undefined && q.keep(d, cell);
    });
  }
  const table = `analytics_deal_state s${q.index ? ` INDEXED BY ${q.index}` : ''}`;
  const join = q.cells
    ? `WITH c(region_id, stage_id, value) AS (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(@cells))
       SELECT ${COLUMNS} FROM c CROSS JOIN ${table} WHERE s.region_id = c.region_id AND s.stage_id = c.stage_id AND`
    : `SELECT ${COLUMNS} FROM ${table} WHERE`;
  const params = { ...q.extra, ...(q.cells ? { cells: JSON.stringify(q.cells) } : {}) };
  return stmt(s.db, `${join} s.region_id IN (SELECT id FROM regions) AND s.status = 'open' AND ${q.where}`).all(
    params,
  ) as OpenDeal[];
}

const dealIds = (t: { deals: string[] }): string[] => t.deals;

export const stageOverdue: Rule = {
  key: 'stage_overdue',
  evaluate(s, target) {
    const cells = s.regions.flatMap((r) => s.stages.map((st) => [r.id, st.id, s.now - maxDwellMs(s, r.id, st.id)]));
    const findings = openDeals(s, target, {
      where: 's.stage_entered_at < c.value',
      keep: (d, limit) => typeof limit === 'number' && d.enteredAt < limit,
      cells,
      index: 'idx_analytics_deal_state_open',
    }).map((d) => {
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
    const findings = openDeals(s, target, {
      where: 's.missing_count > 0',
      keep: (d) => d.missingCount > 0,
      index: 'idx_analytics_deal_state_missing',
    }).map((d) => {
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
    const deals = openDeals(s, target, {
      where:
        's.stage_entered_at + c.value * 3600000 <= @now AND (s.feedback_at IS NULL OR s.feedback_at > s.stage_entered_at + c.value * 3600000)',
      keep: (d, hours) => {
        if (typeof hours !== 'number') return false;
        const due = d.enteredAt + hours * 3_600_000;
        return due <= s.now && (d.feedbackAt === null || d.feedbackAt > due);
      },
      cells,
      extra: { now: s.now },
      index: 'idx_analytics_deal_state_open',
    });
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
