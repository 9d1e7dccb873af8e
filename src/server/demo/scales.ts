// Size of each demo scale, and its planned row counts (exact for reps/deals/leads, estimated for activities),
// so L's volume can be checked without generating two million activities.
import type { DemoScale } from './types';

export interface ScaleConfig {
  regions: number;
  repsPerRegion: number;
  /** Deals a full-time rep opens over the 16-week window. */
  dealsPerRep: number;
  /** Leads routed to a full-time rep over the window. */
  leadsPerRep: number;
  departedPerRegion: number;
  newHiresPerRegion: number;
  /** Account check-in visits per rep per week. */
  checkinsPerWeek: number;
}

export const SCALES: Record<DemoScale, ScaleConfig> = {
  demo: {
    regions: 5,
    repsPerRegion: 10,
    dealsPerRep: 34,
    leadsPerRep: 62,
    departedPerRegion: 1,
    newHiresPerRegion: 1,
    checkinsPerWeek: 1,
  },
  M: {
    regions: 10,
    repsPerRegion: 25,
    dealsPerRep: 112,
    leadsPerRep: 140,
    departedPerRegion: 2,
    newHiresPerRegion: 2,
    checkinsPerWeek: 1.5,
  },
  L: {
    regions: 10,
    repsPerRegion: 60,
    dealsPerRep: 280,
    leadsPerRep: 470,
    departedPerRegion: 4,
    newHiresPerRegion: 3,
    checkinsPerWeek: 2,
  },
};

/** Days of history before `now`. */
export const WINDOW_DAYS = 112;

// Regions differ a little in headcount; the offsets sum to zero so totals stay round.
const REP_OFFSETS = [1, 0, -1, 1, -1, 0, 1, -1, 0, 0];
const OFFSET_STEP: Record<DemoScale, number> = { demo: 1, M: 2, L: 3 };

export function repsInRegion(scale: DemoScale, regionIndex: number): number {
  return SCALES[scale].repsPerRegion + (REP_OFFSETS[regionIndex] ?? 0) * OFFSET_STEP[scale];
}

/** Activities per deal and per lead, measured on the generator (see tests/unit/server-demo/counts.test.ts). */
export const ACTIVITIES_PER_DEAL = 8.7;
export const ACTIVITIES_PER_LEAD = 2.52;
