// Rules on a deal's stage history: stage_regression (moved back to an earlier stage within the look-back, read from
// the 'back' exits of analytics_deal_visits) and stage_flapping (≥ N stage moves inside any window of W days within
// the look-back, counted with a RANGE window over stage_changes). The window length W is one global setting.
import type { Snapshot } from '../snapshot';
import { DAY_MS } from '../time';
import { type Finding, type Rule, type Target, evidence, finding, result } from './types';
import { stmt } from '../statements';

interface Regression {
  dealId: string;
  regionId: string;
  fromStage: string;
  toStage: string | null;
  at: number;
}

function regressions(s: Snapshot, target: Target, since: number): Regression[] {
  const pick = target.all
    ? 'v.region_id IN (SELECT id FROM regions) AND v.exited_at >= @since'
    : 'v.deal_id IN (SELECT value FROM json_each(@ids)) AND v.exited_at >= @since';
  const sql = `
    SELECT v.deal_id AS dealId, v.region_id AS regionId, v.stage_id AS fromStage, v.next_stage_id AS toStage, v.exited_at AS at
    FROM analytics_deal_visits v WHERE ${pick} AND v.exit_kind = 'back' ORDER BY v.deal_id, v.exited_at`;
  return stmt(s.db, sql).all(target.all ? { since } : { since, ids: JSON.stringify(target.deals) }) as Regression[];
}

function maxLookback(s: Snapshot, rule: 'stage_regression' | 'stage_flapping'): number {
  return Math.max(
    s.thresholds.get(rule, 'lookbackDays'),
    ...s.regions.map((r) => s.thresholds.get(rule, 'lookbackDays', { regionId: r.id })),
  );
}

export const stageRegression: Rule = {
  key: 'stage_regression',
  evaluate(s, target) {
    const byDeal = new Map<string, Regression[]>();
    for (const r of regressions(s, target, s.now - maxLookback(s, 'stage_regression') * DAY_MS)) {
      const days = s.thresholds.get('stage_regression', 'lookbackDays', { regionId: r.regionId });
      if (r.at >= s.now - days * DAY_MS) byDeal.set(r.dealId, [...(byDeal.get(r.dealId) ?? []), r]);
    }
    const findings: Finding[] = [...byDeal].map(([dealId, list]) => {
      const last = list[list.length - 1] as Regression;
      return finding('stage_regression', 'deal', {
        subjectId: dealId,
        regionId: last.regionId,
        severity: 'warning',
        since: last.at,
        evidence: evidence(
          `Moved back ${list.length}× (last ${last.fromStage} → ${last.toStage ?? '?'})`,
          { regressions: list.length, lastFrom: last.fromStage, lastTo: last.toStage, lastAt: last.at },
          { lookbackDays: s.thresholds.get('stage_regression', 'lookbackDays', { regionId: last.regionId }) },
          [{ table: 'deals', id: dealId }],
        ),
      });
    });
    return result(target, (t) => t.deals, findings);
  },
};

interface Burst {
  dealId: string;
  regionId: string;
  at: number;
  n: number;
  ids: string;
}

// Candidates first: deals with at least `min` moves (stays after the first) entered in the look-back, from the
// visits' partial index; only their stage changes go through the RANGE window.
function bursts(s: Snapshot, target: Target, since: number, windowMs: number, min: number): Burst[] {
  const pick = target.all ? 'v.region_id IN (SELECT id FROM regions)' : 'v.deal_id IN (SELECT value FROM json_each(@ids))';
  const sql = `
    WITH cand AS (
      SELECT v.deal_id FROM analytics_deal_visits v WHERE ${pick} AND v.seq > 1 AND v.entered_at >= @since
      GROUP BY v.deal_id HAVING COUNT(*) >= @min)
    SELECT dealId, regionId, at, n, ids FROM (
      SELECT c.deal_id AS dealId, c.region_id AS regionId, c.changed_at AS at,
        COUNT(*) OVER w AS n, group_concat(c.id, ',') OVER w AS ids
      FROM cand JOIN stage_changes c ON c.deal_id = cand.deal_id
      WHERE c.changed_at >= @since AND c.from_stage_id IS NOT NULL
      WINDOW w AS (PARTITION BY c.deal_id ORDER BY c.changed_at RANGE BETWEEN ${Math.round(windowMs)} PRECEDING AND CURRENT ROW)
    ) ORDER BY dealId, n DESC, at DESC`;
  return stmt(s.db, sql).all({ since, min, ...(target.all ? {} : { ids: JSON.stringify(target.deals) }) }) as Burst[];
}

export const stageFlapping: Rule = {
  key: 'stage_flapping',
  evaluate(s, target) {
    const windowDays = s.thresholds.get('stage_flapping', 'windowDays');
    const seen = new Set<string>();
    const findings: Finding[] = [];
    const minAll = Math.min(
      s.thresholds.get('stage_flapping', 'minChanges'),
      ...s.regions.map((r) => s.thresholds.get('stage_flapping', 'minChanges', { regionId: r.id })),
    );
    for (const b of bursts(s, target, s.now - maxLookback(s, 'stage_flapping') * DAY_MS, windowDays * DAY_MS, minAll)) {
      const min = s.thresholds.get('stage_flapping', 'minChanges', { regionId: b.regionId });
      const lookback = s.thresholds.get('stage_flapping', 'lookbackDays', { regionId: b.regionId });
      if (seen.has(b.dealId) || b.n < min || b.at < s.now - lookback * DAY_MS) continue;
      seen.add(b.dealId);
      findings.push(
        finding('stage_flapping', 'deal', {
          subjectId: b.dealId,
          regionId: b.regionId,
          severity: 'warning',
          since: b.at,
          evidence: evidence(
            `${b.n} stage changes within ${windowDays} d`,
            { changes: b.n, lastAt: b.at },
            { minChanges: min, windowDays, lookbackDays: lookback },
            [{ table: 'deals', id: b.dealId }, ...b.ids.split(',').map((id) => ({ table: 'stage_changes', id }))],
          ),
        }),
      );
    }
    return result(target, (t) => t.deals, findings);
  },
};
