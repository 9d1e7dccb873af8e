// The exception engine against the demo generator: on a planted dataset every subject of the manifest is found
// (recall 100 %) and nothing else fires; on the control dataset (plants: false) every rule stays silent. The
// regression breakdown finds the planted Friday 16:00 / education-bureau concentration.
import { describe, expect, it } from 'vitest';
import { listExceptions, regressionBreakdown, scanExceptions } from '../../../src/core/analytics';
import { plantManifest } from '../../../src/server/demo/manifest';
import { RULE_KEYS, type RuleKey } from '../../../src/shared/analytics/exceptions';
import { MONDAY_PM, WEDNESDAY, demoReplica } from './demo-replica';

const CASES = [
  ['seed 7, Wednesday 11:30', { scale: 'demo' as const, seed: 7, now: WEDNESDAY }],
  ['seed 2024, Monday 15:45', { scale: 'demo' as const, seed: 2024, now: MONDAY_PM }],
] as const;

function liveByRule(db: ReturnType<typeof demoReplica>, now: number): Map<RuleKey, Set<string>> {
  scanExceptions(db, { now });
  const items = listExceptions(db, { limit: 5000, includeSnoozed: true }, { now }).items;
  const out = new Map<RuleKey, Set<string>>(RULE_KEYS.map((r) => [r, new Set<string>()]));
  for (const i of items) out.get(i.rule)?.add(i.subjectId);
  return out;
}

describe.each(CASES)('planted demo dataset (%s)', (_label, base) => {
  const options = { ...base, plants: true };
  const db = demoReplica(options);
  const found = liveByRule(db, options.now);
  const manifest = plantManifest(options);

  it.each(RULE_KEYS)('%s: finds every planted subject and nothing else', (rule) => {
    const expected = new Set(manifest.plants.filter((p) => p.rule === rule).flatMap((p) => p.subjects));
    expect(expected.size).toBeGreaterThan(0);
    const got = found.get(rule) ?? new Set<string>();
    expect([...expected].filter((id) => !got.has(id))).toEqual([]); // recall
    expect([...got].filter((id) => !expected.has(id))).toEqual([]); // precision
  });

  it('explains the planted regressions: Friday 16:00–17:00 and education bureaus', () => {
    const period = { kind: 'custom' as const, from: '2020-01-01', to: '2030-12-31' };
    const b = regressionBreakdown(db, {}, period, { now: options.now });
    expect(b.total).toBe(manifest.patterns.regressionCount);
    expect(b.peak).toMatchObject({ weekday: 5, hour: 16 });
    expect(b.peak?.share).toBeCloseTo(manifest.patterns.regressionFriday1617Share, 10);
    expect(b.bySegment[0]).toMatchObject({ key: 'education_bureau' });
    expect(b.bySegment[0]?.share).toBeCloseTo(manifest.patterns.regressionEducationBureauShare, 10);
  });
});

describe.each(CASES)('control demo dataset (%s)', (_label, base) => {
  const options = { ...base, plants: false };
  const found = liveByRule(demoReplica(options), options.now);

  it.each(RULE_KEYS)('%s stays silent', (rule) => {
    expect([...(found.get(rule) ?? [])]).toEqual([]);
  });
});
