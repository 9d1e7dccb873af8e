// Additive facts of one region (or rep, or day) over a period: everything the KPIs are ratios of. Facts of several
// regions pool by addition, so a scope's figure is computed from pooled counts, never by averaging ratios.
export interface Facts {
  acts: number;
  effective: number;
  highValue: number;
  firstContact: number;
  complete: number;
  timeOk: number;
  attachReq: number;
  attachOk: number;
  qualityOk: number;
  scTotal: number;
  scValid: number;
  advances: number;
  demos: number;
  demosFed: number;
  leadsAssigned: number;
  leadsOnTime: number;
  dealsNew: number;
  dealsWon: number;
  wonAmount: number;
  wonCycleMs: number;
  dealsLost: number;
  /** Σ over reps of their Monday–Friday days employed in the period. */
  repWorkingDays: number;
  /** As of the snapshot: open deals, those past their stage's max dwell, those missing a required field. */
  openDeals: number;
  overdueDeals: number;
  missingDeals: number;
  openPipeline: number;
  openLeads: number;
  sleepingLeads: number;
  targetRevenue: number | null;
  targetWonDeals: number | null;
  targetNewDeals: number | null;
}

export type RollupFacts = Pick<
  Facts,
  | 'acts'
  | 'effective'
  | 'highValue'
  | 'firstContact'
  | 'complete'
  | 'timeOk'
  | 'attachReq'
  | 'attachOk'
  | 'qualityOk'
  | 'scTotal'
  | 'scValid'
  | 'advances'
  | 'demos'
  | 'demosFed'
  | 'leadsAssigned'
  | 'leadsOnTime'
  | 'dealsNew'
  | 'dealsWon'
  | 'wonAmount'
  | 'wonCycleMs'
  | 'dealsLost'
>;

export function emptyFacts(): Facts {
  return {
    acts: 0,
    effective: 0,
    highValue: 0,
    firstContact: 0,
    complete: 0,
    timeOk: 0,
    attachReq: 0,
    attachOk: 0,
    qualityOk: 0,
    scTotal: 0,
    scValid: 0,
    advances: 0,
    demos: 0,
    demosFed: 0,
    leadsAssigned: 0,
    leadsOnTime: 0,
    dealsNew: 0,
    dealsWon: 0,
    wonAmount: 0,
    wonCycleMs: 0,
    dealsLost: 0,
    repWorkingDays: 0,
    openDeals: 0,
    overdueDeals: 0,
    missingDeals: 0,
    openPipeline: 0,
    openLeads: 0,
    sleepingLeads: 0,
    targetRevenue: null,
    targetWonDeals: null,
    targetNewDeals: null,
  };
}

const addNullable = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/** a + b, field by field; a target is null only when neither side has one. */
export function addFacts(a: Facts, b: Partial<Facts>): Facts {
  const out = { ...a };
  for (const [key, value] of Object.entries(b) as [keyof Facts, number | null | undefined][]) {
    if (value === undefined) continue;
    if (key === 'targetRevenue' || key === 'targetWonDeals' || key === 'targetNewDeals') out[key] = addNullable(out[key], value);
    else out[key] = (out[key] as number) + (value ?? 0);
  }
  return out;
}

export function poolFacts(list: Iterable<Facts>): Facts {
  let total = emptyFacts();
  for (const f of list) total = addFacts(total, f);
  return total;
}
