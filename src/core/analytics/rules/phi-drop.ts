// phi_drop, per region: its daily PHI fell on each of N consecutive days (N+1 daily values, each strictly below
// the one before) and by more than P % in total over them, with the fall ending today or yesterday (local days).
// Days without a PHI (no data) break the run.
import { rollupByKey, rollupFacts } from '../metrics/rollup-facts';
import { phiScore } from '../metrics/scores';
import { phiWeights } from '../metrics/kpis';
import type { Snapshot } from '../snapshot';
import { dayStart, dayToDate, localDay } from '../time';
import { type Finding, type Rule, evidence, finding, result, round1 } from './types';

/** Whether values[end-days … end] fall strictly every day and by more than dropPct % overall. */
export function fellAt(values: readonly (number | null)[], end: number, days: number, dropPct: number): boolean {
  if (end - days < 0) return false;
  const run = values.slice(end - days, end + 1);
  if (run.some((v) => v === null)) return false;
  const v = run as number[];
  for (let i = 1; i < v.length; i++) if (!((v[i] as number) < (v[i - 1] as number))) return false;
  const first = v[0] as number;
  return first > 0 && ((first - (v[v.length - 1] as number)) / first) * 100 > dropPct;
}

function regionFinding(s: Snapshot, regionId: string): Finding | null {
  const region = s.regions.find((r) => r.id === regionId);
  if (!region) return null;
  const days = s.thresholds.get('phi_drop', 'days', { regionId });
  const dropPct = s.thresholds.get('phi_drop', 'dropPct', { regionId });
  const today = localDay(s.now, region.offsetMin);
  const from = today - days - 1;
  const facts = rollupByKey(rollupFacts(s, { regions: [region], repIds: null }, from, today + 1, 'day'));
  const weights = phiWeights(s, regionId);
  const series = Array.from({ length: days + 2 }, (_, i) => {
    const f = facts.get(String(from + i));
    return f ? phiScore(f, weights).value : null;
  });
  const end = fellAt(series, series.length - 1, days, dropPct)
    ? series.length - 1
    : fellAt(series, series.length - 2, days, dropPct)
      ? series.length - 2
      : -1;
  if (end < 0) return null;
  const run = series.slice(end - days, end + 1) as number[];
  const drop = ((run[0] as number) - (run[run.length - 1] as number)) / (run[0] as number);
  return finding('phi_drop', 'region', {
    subjectId: regionId,
    regionId,
    severity: 'critical',
    since: dayStart(from + end, region.offsetMin),
    evidence: evidence(
      `PHI fell ${days} days running, ${round1(100 * drop)} % in total`,
      { ...Object.fromEntries(run.map((v, i) => [dayToDate(from + end - days + i), round1(v)])), dropPct: round1(100 * drop) },
      { days, dropPct },
      [{ table: 'regions', id: regionId }],
    ),
  });
}

export const phiDrop: Rule = {
  key: 'phi_drop',
  evaluate(s, target) {
    const regions = target.all ? s.regions.map((r) => r.id) : target.regions;
    const findings = regions.map((id) => regionFinding(s, id)).filter((f): f is Finding => f !== null);
    return result(target, (t) => t.regions, findings);
  },
};
