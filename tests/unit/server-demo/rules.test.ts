// The key property of the demo data: the control dataset (plants=false) trips no exception rule of DOMAIN.md, with
// margins, and the planted dataset trips each rule for exactly the subjects its manifest lists.
import { describe, expect, it } from 'vitest';
import { plantManifest } from '../../../src/server/demo/manifest';
import type { DemoOptions } from '../../../src/server/demo/types';
import { type Activity, type Dataset, NOW, NOW_MONDAY_PM, loadDataset } from './dataset';
import {
  DAY,
  FIRST_CONTACT,
  HOUR,
  RULE_CHECKS,
  dwellSlackDays,
  demoFeedbackDelays,
  leadIdleDays,
  localDayOf,
  localHourOf,
  maxChangesIn7Days,
  nextStepOverdueByAccount,
  phiFellAt,
  phiSeries,
  regressions,
  starvedReps,
  weekdayOfTime,
} from './rules';

/**
 * Promises kept with room to spare: a follow-up at least 2 h before the due time, and the open promise at the end of
 * each deal or lead due at least 20 h after now.
 */
function promiseMargins(ds: Dataset): { keptLate: number; openDueSoon: number } {
  const bySubject = new Map<string, Activity[]>();
  for (const a of ds.activities) {
    const key = a.deal_id ?? a.lead_id;
    if (key) bySubject.set(key, [...(bySubject.get(key) ?? []), a]);
  }
  let keptLate = 0;
  let openDueSoon = 0;
  for (const acts of bySubject.values()) {
    acts.sort((a, b) => a.occurred_at - b.occurred_at);
    acts.forEach((a, i) => {
      if (a.next_step_due === null) return;
      const next = acts[i + 1];
      if (next && next.occurred_at > a.next_step_due - 2 * HOUR) keptLate++;
      if (!next && a.next_step_due < ds.now + 20 * HOUR) openDueSoon++;
    });
  }
  return { keptLate, openDueSoon };
}

const CASES: [string, Omit<DemoOptions, 'plants'>][] = [
  ['seed 7, Wednesday 11:30', { scale: 'demo', seed: 7, now: NOW }],
  ['seed 2024, Monday 15:45', { scale: 'demo', seed: 2024, now: NOW_MONDAY_PM }],
];

describe.each(CASES)('control dataset (%s)', (_label, base) => {
  const ds = loadDataset({ ...base, plants: false });

  it.each(Object.keys(RULE_CHECKS) as (keyof typeof RULE_CHECKS)[])('trips no %s', (rule) => {
    expect([...RULE_CHECKS[rule](ds)]).toEqual([]);
  });

  it('keeps comfortable margins from every threshold', () => {
    const touch = ds.leads.map((l) => (l.first_touch_at! - l.assigned_at!) / HOUR);
    expect(Math.max(...touch)).toBeLessThanOrEqual(20); // rule: 24 h
    expect(Math.max(...leadIdleDays(ds).values())).toBeLessThan(8); // rule: 14 d
    expect(Math.max(...demoFeedbackDelays(ds).map((d) => d.hours))).toBeLessThanOrEqual(30); // rule: 48 h
    expect(Math.min(...dwellSlackDays(ds).values())).toBeGreaterThan(3); // rule: max_dwell_days
    expect(Math.max(...maxChangesIn7Days(ds).values())).toBeLessThanOrEqual(3); // rule: 5 in 7 d
    expect(Math.max(...ds.activities.map((a) => a.logged_at - a.occurred_at)) / HOUR).toBeLessThanOrEqual(24); // rule: 48 h
    expect(promiseMargins(ds)).toEqual({ keptLate: 0, openDueSoon: 0 });
    expect([...nextStepOverdueByAccount(ds)]).toEqual([]);
    expect(starvedReps(ds)).toEqual([]);
    expect(ds.leads.filter((l) => l.status === 'new')).toEqual([]);
  });

  it('gives every active rep a new lead within 5 days and keeps 首次接触 far below 80 %', () => {
    const lastLead = new Map<string, number>();
    for (const l of ds.leads) lastLead.set(l.assigned_rep_id!, Math.max(lastLead.get(l.assigned_rep_id!) ?? 0, l.assigned_at!));
    const active = ds.reps.filter((r) => r.status === 'active');
    expect(active.filter((r) => ds.now - (lastLead.get(r.id) ?? 0) > 5 * DAY).map((r) => r.id)).toEqual([]);
    const recent = ds.activities.filter((a) => a.occurred_at >= ds.now - 14 * DAY);
    for (const rep of active) {
      const mine = recent.filter((a) => a.rep_id === rep.id);
      expect(mine.filter((a) => a.tags.includes(FIRST_CONTACT)).length / mine.length).toBeLessThan(0.5);
    }
  });

  it('keeps PHI at 100 every day in every region', () => {
    const today = localDayOf(ds.now);
    const days = Array.from({ length: 28 }, (_, i) => today - 27 + i);
    for (const region of ds.regions.slice(1))
      expect(phiSeries(ds, region.id, days).filter((p) => p !== null && p < 100)).toEqual([]);
  });
});

describe.each(CASES)('planted dataset (%s)', (_label, base) => {
  const options = { ...base, plants: true };
  const ds = loadDataset(options);
  const manifest = plantManifest(options);

  it.each(Object.keys(RULE_CHECKS) as (keyof typeof RULE_CHECKS)[])('trips %s for exactly the manifest subjects', (rule) => {
    const expected = manifest.plants.filter((p) => p.rule === rule).flatMap((p) => p.subjects);
    expect(expected.length).toBeGreaterThan(0);
    expect([...RULE_CHECKS[rule](ds)].sort()).toEqual([...new Set(expected)].sort());
  });

  it('holds the broad reading of next_step_overdue too (no later activity on the account)', () => {
    const expected = manifest.plants.filter((p) => p.rule === 'next_step_overdue').flatMap((p) => p.subjects);
    expect([...nextStepOverdueByAccount(ds)].sort()).toEqual(expected.sort());
  });

  it('concentrates stage regressions on Friday 16:00–17:00 and education bureaus, as the manifest says', () => {
    const segment = new Map(ds.accounts.map((a) => [a.id, a.segment]));
    const account = new Map(ds.deals.map((d) => [d.id, d.account_id]));
    const regs = regressions(ds);
    const friday = regs.filter((c) => weekdayOfTime(c.changed_at) === 5 && localHourOf(c.changed_at) === 16).length / regs.length;
    const education = regs.filter((c) => segment.get(account.get(c.deal_id)!) === 'education_bureau').length / regs.length;
    expect(regs.length).toBe(manifest.patterns.regressionCount);
    expect(friday).toBeCloseTo(manifest.patterns.regressionFriday1617Share, 10);
    expect(education).toBeCloseTo(manifest.patterns.regressionEducationBureauShare, 10);
    expect(friday).toBeGreaterThanOrEqual(0.8);
    expect(education).toBeGreaterThanOrEqual(0.85);
    expect(new Set(regs.map((c) => c.region_id)).size).toBeLessThanOrEqual(2);
  });

  it('sinks exactly one region’s PHI three days running; elsewhere dips last a single day', () => {
    const today = localDayOf(ds.now);
    const days = Array.from({ length: 15 }, (_, i) => today - 14 + i);
    const phi = manifest.plants.find((p) => p.rule === 'phi_drop')!;
    for (const region of ds.regions.slice(1)) {
      const series = phiSeries(ds, region.id, days);
      const falls = days.map((_, end) => phiFellAt(series, end));
      if (region.id === phi.regionId) expect(falls[14] || falls[13]).toBe(true);
      else expect(falls.some(Boolean)).toBe(false);
      // Elsewhere not even two falls in a row that add up to 10 %.
      const twoFalls = series.some(
        (p, i) => i >= 2 && p !== null && series[i - 1]! > p && series[i - 2]! > series[i - 1]! && p < 0.9 * series[i - 2]!,
      );
      if (region.id !== phi.regionId) expect(twoFalls).toBe(false);
    }
  });

  it('lists subjects that exist, and keeps the planted patterns on distinct ids', () => {
    const ids = new Set([...ds.deals, ...ds.leads, ...ds.reps, ...ds.regions].map((r) => r.id));
    const subjects = manifest.plants.flatMap((p) => [...p.subjects, ...(p.related ?? [])]);
    expect(subjects.filter((id) => !ids.has(id))).toEqual([]);
    const byPlant = new Map<string, Set<string>>();
    for (const p of manifest.plants)
      byPlant.set(p.plant, new Set([...(byPlant.get(p.plant) ?? []), ...p.subjects, ...(p.related ?? [])]));
    const shared: string[] = [];
    const owners = new Map<string, string>();
    for (const [plant, set] of byPlant) {
      for (const id of set) {
        if (owners.has(id)) shared.push(`${id}: ${owners.get(id)} and ${plant}`);
        owners.set(id, plant);
      }
    }
    expect(shared).toEqual([]);
  });
});

describe('planted dataset at scale M', () => {
  it('trips each rule for exactly the manifest subjects', () => {
    const options = { scale: 'M' as const, seed: 5, now: NOW, plants: true };
    const ds = loadDataset(options);
    const manifest = plantManifest(options);
    for (const [rule, check] of Object.entries(RULE_CHECKS)) {
      const expected = [...new Set(manifest.plants.filter((p) => p.rule === rule).flatMap((p) => p.subjects))].sort();
      expect([...check(ds)].sort(), rule).toEqual(expected);
    }
  }, 60_000);
});
