// What a demo dataset planted: for each rule of the exception catalog the pattern makes fire, the subject ids, plus
// the concentration of the planted stage regressions. Derived from the same plan generateDemo renders.
import { buildPlan } from './plan';
import type { DemoManifest, DemoOptions } from './types';

export type { DemoManifest, PlantedPattern, ExceptionRule } from './types';

export function plantManifest(options: DemoOptions): DemoManifest {
  const plan = buildPlan(options);
  const { seed, scale, now } = plan.options;
  if (!plan.plants)
    return {
      seed,
      scale,
      now,
      plants: [],
      patterns: { regressionCount: 0, regressionFriday1617Share: 0, regressionEducationBureauShare: 0 },
    };
  return {
    seed,
    scale,
    now,
    plants: plan.plants.entries.map((e) => ({ ...e, subjects: [...e.subjects] })),
    patterns: { ...plan.plants.patterns },
  };
}
