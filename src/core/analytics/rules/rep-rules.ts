// Rules on active reps, read from the daily rollup over a window of local days ending today: data_health_low (data
// health score below the minimum, given enough records to judge) and busy_not_effective (many activities, mostly
// 首次接触, and no deal advanced or won in the window).
import type { RollupFacts } from '../metrics/facts';
import { rollupByKey, rollupFacts } from '../metrics/rollup-facts';
import { HEALTH_KEYS, dataHealthScore } from '../metrics/scores';
import type { RegionInfo } from '../reference';
import type { Snapshot } from '../snapshot';
import { localDay } from '../time';
import { type Finding, type Rule, type Target, evidence, finding, result, round1 } from './types';
import { stmt } from '../statements';

interface ActiveRep {
  id: string;
  regionId: string;
}

export function activeReps(s: Snapshot, target: Target): ActiveRep[] {
  const pick = target.all ? 'region_id IN (SELECT id FROM regions)' : 'id IN (SELECT value FROM json_each(@ids))';
  const sql = `SELECT id, region_id AS regionId FROM reps WHERE ${pick} AND status = 'active' ORDER BY id`;
  return stmt(s.db, sql).all(target.all ? {} : { ids: JSON.stringify(target.reps) }) as ActiveRep[];
}

/**
 * Rollup sums per active rep over the `windowDays` local days ending today (in the rep's region). One read per
 * distinct (offset, window) pair — usually one for the whole replica.
 */
function repWindows(
  s: Snapshot,
  reps: ActiveRep[],
  all: boolean,
  windowOf: (regionId: string) => number,
  wanted: readonly (keyof RollupFacts)[],
): Map<string, RollupFacts> {
  const groups = new Map<string, RegionInfo[]>();
  for (const region of s.regions) {
    const key = `${region.offsetMin}|${windowOf(region.id)}`;
    groups.set(key, [...(groups.get(key) ?? []), region]);
  }
  const out = new Map<string, RollupFacts>();
  for (const regions of groups.values()) {
    const first = regions[0] as RegionInfo;
    const ids = new Set(regions.map((r) => r.id));
    const repIds = all ? null : reps.filter((r) => ids.has(r.regionId)).map((r) => r.id);
    if (repIds?.length === 0) continue;
    const today = localDay(s.now, first.offsetMin);
    const rows = rollupFacts(s, { regions, repIds }, today - windowOf(first.id) + 1, today + 1, 'rep', wanted);
    for (const [repId, facts] of rollupByKey(rows)) out.set(repId, facts);
  }
  return out;
}

export const dataHealthLow: Rule = {
  key: 'data_health_low',
  evaluate(s, target) {
    const reps = activeReps(s, target);
    const window = (regionId: string): number => s.thresholds.get('data_health_low', 'windowDays', { regionId });
    const sums = repWindows(s, reps, target.all, window, HEALTH_KEYS);
    const findings = reps.flatMap((rep): Finding[] => {
      const f = sums.get(rep.id);
      const min = s.thresholds.get('data_health_low', 'minScore', { regionId: rep.regionId });
      const minRecords = s.thresholds.get('data_health_low', 'minRecords', { regionId: rep.regionId });
      if (!f || f.acts + f.scTotal < minRecords) return [];
      const score = dataHealthScore(f);
      if (score.value === null || !(score.value < min)) return [];
      const p = score.parts;
      return [
        finding('data_health_low', 'rep', {
          subjectId: rep.id,
          regionId: rep.regionId,
          severity: score.value < min - 20 ? 'critical' : 'warning',
          since: s.now,
          evidence: evidence(
            `Data health ${round1(score.value)} < ${min} over ${window(rep.regionId)} d`,
            {
              score: round1(score.value),
              completeness: p.completeness.value,
              timeLogic: p.timeLogic.value,
              attachments: p.attachments.value,
              records: f.acts + f.scTotal,
            },
            { minScore: min, windowDays: window(rep.regionId), minRecords },
            [{ table: 'reps', id: rep.id }],
          ),
        }),
      ];
    });
    return result(target, (t) => t.reps, findings);
  },
};

export const busyNotEffective: Rule = {
  key: 'busy_not_effective',
  evaluate(s, target) {
    const reps = activeReps(s, target);
    const window = (regionId: string): number => s.thresholds.get('busy_not_effective', 'windowDays', { regionId });
    const sums = repWindows(s, reps, target.all, window, ['acts', 'firstContact', 'advances', 'dealsWon']);
    const findings = reps.flatMap((rep): Finding[] => {
      const f = sums.get(rep.id);
      const share = s.thresholds.get('busy_not_effective', 'firstContactShare', { regionId: rep.regionId });
      const minActs = s.thresholds.get('busy_not_effective', 'minActivities', { regionId: rep.regionId });
      if (!f || f.acts < minActs || f.firstContact / f.acts < share || f.advances > 0 || f.dealsWon > 0) return [];
      return [
        finding('busy_not_effective', 'rep', {
          subjectId: rep.id,
          regionId: rep.regionId,
          severity: 'warning',
          since: s.now,
          evidence: evidence(
            `${f.acts} activities in ${window(rep.regionId)} d, ${Math.round((100 * f.firstContact) / f.acts)} % first contact, no deal advanced`,
            {
              activities: f.acts,
              firstContact: f.firstContact,
              firstContactShare: round1((100 * f.firstContact) / f.acts) / 100,
              advances: 0,
            },
            { windowDays: window(rep.regionId), firstContactShare: share, minActivities: minActs },
            [{ table: 'reps', id: rep.id }],
          ),
        }),
      ];
    });
    return result(target, (t) => t.reps, findings);
  },
};
