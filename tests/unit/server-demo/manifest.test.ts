// The manifest describes the planted patterns of the same options generateDemo renders (the agreement with the rows
// themselves is proven rule by rule in rules.test.ts); it is cheap even for scale L.
import { describe, expect, it } from 'vitest';
import { plantManifest } from '../../../src/server/demo/manifest';
import { RULE_KEYS } from '../../../src/shared/analytics/exceptions';
import { REGION_EAST, REGION_NORTH, REGION_SOUTH } from '../../../src/server/demo/users';
import { NOW } from './dataset';

const CATALOG = RULE_KEYS;

describe('plantManifest', () => {
  it('is empty for the control dataset', () => {
    const manifest = plantManifest({ scale: 'demo', seed: 1, now: NOW, plants: false });
    expect(manifest).toEqual({
      seed: 1,
      scale: 'demo',
      now: NOW,
      plants: [],
      patterns: { regressionCount: 0, regressionFriday1617Share: 0, regressionEducationBureauShare: 0 },
    });
  });

  it.each(['demo', 'M', 'L'] as const)('plants every catalog rule at scale %s, in 华东, 华南 and 华北', (scale) => {
    const started = performance.now();
    const manifest = plantManifest({ scale, seed: 1, now: NOW });
    expect(performance.now() - started).toBeLessThan(500);
    expect(new Set(manifest.plants.map((p) => p.rule))).toEqual(new Set(CATALOG));
    expect(new Set(manifest.plants.map((p) => p.regionId))).toEqual(new Set([REGION_EAST, REGION_SOUTH, REGION_NORTH]));
    for (const p of manifest.plants) {
      expect(p.subjects.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(20);
      const key = p.regionId.slice(3);
      for (const id of p.subjects) expect(id === p.regionId || id.split('-')[1] === key, id).toBe(true);
    }
    expect(manifest.patterns.regressionFriday1617Share).toBeGreaterThanOrEqual(0.8);
    expect(manifest.patterns.regressionEducationBureauShare).toBeGreaterThanOrEqual(0.85);
    expect(manifest.patterns.regressionCount).toBeGreaterThanOrEqual(24);
  });

  it('puts a few dozen regressions in one or two regions and the PHI drop on one region', () => {
    const manifest = plantManifest({ scale: 'demo', seed: 1, now: NOW });
    const regressions = manifest.plants.filter((p) => p.plant === 'friday-regressions');
    expect(new Set(regressions.map((p) => p.regionId)).size).toBeLessThanOrEqual(2);
    expect(regressions.flatMap((p) => p.subjects).length).toBeGreaterThanOrEqual(24);
    const phi = manifest.plants.filter((p) => p.rule === 'phi_drop');
    expect(phi).toHaveLength(1);
    expect(phi[0]!.subjects).toEqual([phi[0]!.regionId]);
    const routing = manifest.plants.find((p) => p.rule === 'lead_routing')!;
    expect(routing.subjects[0]).toMatch(/^rp-/);
    expect(routing.related?.length).toBeGreaterThan(0);
  });
});
