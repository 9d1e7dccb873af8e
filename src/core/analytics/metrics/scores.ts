// The two composite scores. PHI (per region per day, or pooled over a period) = weighted mean of key-action
// completion, action quality and response timeliness (parts without data drop out of the mean). Data health (per
// rep) = share of the rep's records that pass every check that applies to them; its parts (field completeness,
// time logic, attachment presence) say which check failed. No data at all → null ("no data"), never NaN.
import type { DataHealthScore, PhiScore, Ratio } from '../../../shared/analytics/metrics';
import { ratio } from '../sql';
import type { RollupFacts } from './facts';

export interface PhiWeights {
  keyActions: number;
  quality: number;
  response: number;
}

export const EQUAL_WEIGHTS: PhiWeights = { keyActions: 1, quality: 1, response: 1 };

/** 100 × Σ wᵢ·partᵢ ÷ Σ wᵢ over the parts that have data. */
export function weightedScore(parts: readonly { part: Ratio; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { part, weight } of parts) {
    if (part.value === null || !(weight > 0)) continue;
    sum += weight * part.value;
    weights += weight;
  }
  return weights > 0 ? (100 * sum) / weights : null;
}

type PhiInput = Pick<RollupFacts, 'demos' | 'demosFed' | 'qualityOk' | 'acts' | 'leadsOnTime' | 'leadsAssigned'>;

export function phiScore(f: PhiInput, w: PhiWeights = EQUAL_WEIGHTS): PhiScore {
  const parts = {
    keyActions: ratio(f.demosFed, f.demos),
    quality: ratio(f.qualityOk, f.acts),
    response: ratio(f.leadsOnTime, f.leadsAssigned),
  };
  const value = weightedScore([
    { part: parts.keyActions, weight: w.keyActions },
    { part: parts.quality, weight: w.quality },
    { part: parts.response, weight: w.response },
  ]);
  return { value, parts };
}

/** The rollup counters the data health score reads. */
export const HEALTH_KEYS = ['acts', 'complete', 'timeOk', 'qualityOk', 'scTotal', 'scValid', 'attachReq', 'attachOk'] as const;
type HealthInput = Pick<RollupFacts, (typeof HEALTH_KEYS)[number]>;

export function dataHealthScore(f: HealthInput): DataHealthScore {
  const healthy = ratio(f.qualityOk + f.scValid, f.acts + f.scTotal);
  return {
    value: healthy.value === null ? null : 100 * healthy.value,
    parts: {
      completeness: ratio(f.complete, f.acts),
      timeLogic: ratio(f.timeOk + f.scValid, f.acts + f.scTotal),
      attachments: ratio(f.attachOk, f.attachReq),
    },
  };
}
