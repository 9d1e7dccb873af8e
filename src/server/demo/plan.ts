// The deterministic plan of a demo dataset: the time window, regions and rep rosters with their workloads, and the
// planted patterns with the exact ids they take. generateDemo renders the plan into rows; plantManifest reports it.
// Everything here is cheap (no rows), so the manifest and the planned counts of scale L cost milliseconds.
import { type Random, randomFor } from './random';
import { ACTIVITIES_PER_DEAL, ACTIVITIES_PER_LEAD, SCALES, WINDOW_DAYS, repsInRegion } from './scales';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, atLocal, isWeekend, localDay, localMinute, weekdayOf, workTimeIn } from './time';
import { DEMO_SCALES, type DemoOptions, type DemoScale, type PlantedPattern, type DemoManifest } from './types';
import { REGION_DEFS, type RegionDef, type Segment, cnNumber, personName } from './vocab';

/** Keys that separate the random streams (see randomFor). */
export const STREAM = { region: 1, plants: 2, accounts: 3, lead: 4, deal: 5, repExtras: 6, sloppy: 7, live: 8 } as const;

export interface ResolvedOptions {
  scale: DemoScale;
  seed: number;
  now: number;
  plants: boolean;
}

export type RepRole = 'manager' | 'leader' | 'member';
/** Reps whose whole behaviour is a planted pattern. */
export type RepSpecial = 'busy' | 'sloppy' | 'leaky';

export interface RepPlan {
  id: string;
  no: number;
  regionId: string;
  regionKey: string;
  name: string;
  team: string;
  managerId: string | null;
  role: RepRole;
  status: 'active' | 'departed';
  hiredAt: number;
  departedAt: number | null;
  newHire: boolean;
  special: RepSpecial | null;
  /** Workload multiplier (managers sell half time). */
  factor: number;
  dealCount: number;
  leadCount: number;
  /** Deals are opened in [dealsFrom, dealsUntil] and all closed by dealHorizon (now for active reps). */
  dealsFrom: number;
  dealsUntil: number;
  dealHorizon: number;
  /** Leads are routed in [leadsFrom, leadsUntil] and all closed by leadHorizon (now for active reps). */
  leadsFrom: number;
  leadsUntil: number;
  leadHorizon: number;
}

export interface RegionPlan {
  index: number;
  key: string;
  id: string;
  name: string;
  nameEn: string;
  cities: readonly string[];
  reps: RepPlan[];
  accountCount: number;
  /** Extra accounts (numbered after accountCount) that only planted deals use, so nothing else touches them. */
  reservedAccounts: number;
}

/** The local days over which the planted region's PHI sinks (oldest first) and the instant they start. */
export interface PhiWindow {
  regionId: string;
  days: number[];
  start: number;
}

export type DealPlant =
  /** Moved back from 报价谈判 to 方案演示 at `at`, then forward again a few days later. */
  | { kind: 'regression'; at: number; segment: Segment }
  /** Created, then 需求确认, then the stage moves (forth and back) at the given times. */
  | { kind: 'flapping'; created: number; needsAt: number; moves: { stage: number; at: number }[]; segment: Segment }
  /** Open in `stage` since `enteredAt`, optionally without demo feedback, a required field, or activity after stopAt. */
  | {
      kind: 'open';
      stage: number;
      enteredAt: number;
      feedback?: boolean;
      missingField?: string;
      stopAt?: number;
      dueAt?: number;
      /** Number of a reserved account of the region (a customer nobody else works with). */
      account?: number;
    };

export type LeadPlant =
  | { kind: 'unfollowed'; assignedAt: number }
  | { kind: 'touched'; assignedAt: number }
  | { kind: 'sleeping'; assignedAt: number; lastActivityAt: number };

export interface PlantPlan {
  deals: Map<string, DealPlant>;
  leads: Map<string, LeadPlant>;
  phi: PhiWindow;
  entries: PlantedPattern[];
  patterns: DemoManifest['patterns'];
}

export interface DemoPlan {
  options: ResolvedOptions;
  windowStart: number;
  regions: RegionPlan[];
  plants: PlantPlan | null;
}

export function resolveOptions(options: DemoOptions): ResolvedOptions {
  if (!DEMO_SCALES.includes(options.scale)) throw new Error(`unknown demo scale: ${String(options.scale)}`);
  if (!Number.isSafeInteger(options.seed)) throw new Error('demo seed must be an integer');
  if (!Number.isFinite(options.now) || options.now < 365 * DAY_MS) throw new Error('demo now must be epoch milliseconds');
  return { scale: options.scale, seed: options.seed, now: Math.floor(options.now), plants: options.plants ?? true };
}

// ---- ids --------------------------------------------------------------------------------------------------

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const regionIdOf = (key: string): string => `rg-${key}`;
export const repIdOf = (regionKey: string, no: number): string => `rp-${regionKey}-${pad(no, 3)}`;
export const accountIdOf = (regionKey: string, no: number): string => `ac-${regionKey}-${pad(no, 4)}`;
export const dealIdOf = (rep: RepPlan, slot: number): string => `dl-${rep.regionKey}-${pad(rep.no, 3)}-${pad(slot, 4)}`;
export const leadIdOf = (rep: RepPlan, slot: number): string => `ld-${rep.regionKey}-${pad(rep.no, 3)}-${pad(slot, 4)}`;
export const activityIdOf = (rep: RepPlan, no: number): string => `av-${rep.regionKey}-${pad(rep.no, 3)}-${pad(no, 5)}`;

// ---- the plan ---------------------------------------------------------------------------------------------

export function buildPlan(options: DemoOptions): DemoPlan {
  const o = resolveOptions(options);
  const windowStart = o.now - WINDOW_DAYS * DAY_MS;
  const usedNames = new Set<string>();
  const regions: RegionPlan[] = [];
  for (let i = 0; i < SCALES[o.scale].regions; i++) regions.push(buildRegion(o, i, usedNames));
  if (o.plants) chooseSpecialReps(regions);
  for (const region of regions) for (const rep of region.reps) applyWorkload(o, windowStart, rep);
  const plants = o.plants ? buildPlants(o, regions) : null;
  return { options: o, windowStart, regions, plants };
}

function buildRegion(o: ResolvedOptions, index: number, usedNames: Set<string>): RegionPlan {
  const def = REGION_DEFS[index] as RegionDef;
  const cfg = SCALES[o.scale];
  const rng = randomFor(o.seed, STREAM.region, index);
  const count = repsInRegion(o.scale, index);
  const teams = Math.max(2, Math.ceil(count / 8));
  const members: number[] = [];
  for (let no = teams + 2; no <= count; no++) members.push(no);
  rng.shuffle(members);
  const departed = new Set(members.slice(0, cfg.departedPerRegion));
  const newHires = new Set(members.slice(cfg.departedPerRegion, cfg.departedPerRegion + cfg.newHiresPerRegion));
  const reps: RepPlan[] = [];
  for (let no = 1; no <= count; no++) {
    const role: RepRole = no === 1 ? 'manager' : no <= teams + 1 ? 'leader' : 'member';
    // Team t is led by rep no t+1; the region manager (no 1) sits in team 1 and manages the leaders.
    const team = role === 'manager' ? 1 : role === 'leader' ? no - 1 : ((no - teams - 2) % teams) + 1;
    const managerId = role === 'manager' ? null : role === 'leader' ? repIdOf(def.key, 1) : repIdOf(def.key, team + 1);
    const newHire = newHires.has(no);
    const hiredAt = newHire
      ? workTimeIn(rng, o.now - 70 * DAY_MS, o.now - 50 * DAY_MS)
      : workTimeIn(rng, o.now - 2000 * DAY_MS, o.now - 200 * DAY_MS);
    const departedAt = departed.has(no) ? workTimeIn(rng, o.now - 80 * DAY_MS, o.now - 20 * DAY_MS) : null;
    reps.push({
      id: repIdOf(def.key, no),
      no,
      regionId: regionIdOf(def.key),
      regionKey: def.key,
      name: uniqueName(rng, usedNames),
      team: `${def.name}${cnNumber(team)}组`,
      managerId,
      role,
      status: departedAt === null ? 'active' : 'departed',
      hiredAt,
      departedAt,
      newHire,
      special: null,
      factor: (role === 'manager' ? 0.5 : 1) * rng.range(0.75, 1.25),
      dealCount: 0,
      leadCount: 0,
      dealsFrom: 0,
      dealsUntil: 0,
      dealHorizon: 0,
      leadsFrom: 0,
      leadsUntil: 0,
      leadHorizon: 0,
    });
  }
  const accountCount = Math.max(40, Math.round((count * cfg.dealsPerRep) / 4));
  return {
    index,
    key: def.key,
    id: regionIdOf(def.key),
    name: def.name,
    nameEn: def.nameEn,
    cities: def.cities,
    reps,
    accountCount,
    reservedAccounts: 0,
  };
}

function uniqueName(rng: Random, used: Set<string>): string {
  let name = personName(rng);
  for (let i = 0; i < 50 && used.has(name); i++) name = personName(rng);
  used.add(name);
  return name;
}

/** Plain members that can carry a planted pattern: active, not new, not a manager or team leader. */
function isPlainMember(rep: RepPlan): boolean {
  return rep.role === 'member' && rep.status === 'active' && !rep.newHire && rep.special === null;
}

function regionByKey(regions: RegionPlan[], key: string): RegionPlan {
  const region = regions.find((r) => r.key === key);
  if (!region) throw new Error(`demo plan has no region ${key}`);
  return region;
}

function chooseSpecialReps(regions: RegionPlan[]): void {
  const lastPlain = (key: string): RepPlan => {
    const reps = regionByKey(regions, key).reps.filter(isPlainMember);
    const rep = reps[reps.length - 1];
    if (!rep) throw new Error(`region ${key} has no plain member`);
    return rep;
  };
  lastPlain('east').special = 'busy';
  lastPlain('north').special = 'sloppy';
  const leaky = regionByKey(regions, 'south').reps.find((r) => r.status === 'departed');
  if (!leaky) throw new Error('region south has no departed rep');
  leaky.special = 'leaky';
}

function applyWorkload(o: ResolvedOptions, windowStart: number, rep: RepPlan): void {
  const cfg = SCALES[o.scale];
  const span = o.now - windowStart;
  const departedAt = rep.departedAt;
  rep.dealsFrom = Math.max(windowStart, rep.hiredAt + 3 * DAY_MS);
  rep.leadsFrom = Math.max(windowStart, rep.hiredAt + DAY_MS);
  if (departedAt !== null) {
    // A leaving rep stops getting work 12 days before the last day and closes everything the day before it.
    rep.dealsUntil = rep.leadsUntil = departedAt - 12 * DAY_MS;
    rep.dealHorizon = rep.leadHorizon = departedAt - DAY_MS;
  } else {
    rep.dealsUntil = rep.special === 'busy' ? o.now - 40 * DAY_MS : o.now - 4 * HOUR_MS;
    rep.dealHorizon = rep.special === 'busy' ? o.now - 16 * DAY_MS : o.now;
    rep.leadsUntil = o.now - 2 * HOUR_MS;
    rep.leadHorizon = o.now;
  }
  rep.dealCount = Math.max(3, Math.round((cfg.dealsPerRep * rep.factor * (rep.dealsUntil - rep.dealsFrom)) / span));
  rep.leadCount = Math.max(4, Math.round((cfg.leadsPerRep * rep.factor * (rep.leadsUntil - rep.leadsFrom)) / span));
}

// ---- planted patterns -------------------------------------------------------------------------------------

/** Allocates the deal and lead slots that planted patterns take over, and collects the manifest entries. */
class PlantBuilder {
  readonly deals = new Map<string, DealPlant>();
  readonly leads = new Map<string, LeadPlant>();
  readonly entries: PlantedPattern[] = [];
  private readonly dealSlots = new Map<string, number>();
  private readonly leadSlots = new Map<string, number>();

  deal(rep: RepPlan, plant: DealPlant): string {
    const slot = (this.dealSlots.get(rep.id) ?? 0) + 1;
    if (slot > rep.dealCount) throw new Error(`rep ${rep.id} has too few deals for its planted patterns`);
    this.dealSlots.set(rep.id, slot);
    const id = dealIdOf(rep, slot);
    this.deals.set(id, plant);
    return id;
  }

  lead(rep: RepPlan, plant: LeadPlant): string {
    const slot = (this.leadSlots.get(rep.id) ?? 0) + 1;
    if (slot > rep.leadCount) throw new Error(`rep ${rep.id} has too few leads for its planted patterns`);
    this.leadSlots.set(rep.id, slot);
    const id = leadIdOf(rep, slot);
    this.leads.set(id, plant);
    return id;
  }

  add(entry: PlantedPattern): void {
    if (entry.subjects.length > 0) this.entries.push(entry);
  }
}

/** Round-robin over reps. */
function cycle(reps: RepPlan[]): () => RepPlan {
  if (reps.length === 0) throw new Error('no rep to plant on');
  let i = 0;
  return () => reps[i++ % reps.length] as RepPlan;
}

/** The k-th weekday before `today` (k = 1: the last working day before today). */
function weekdayBefore(today: number, k: number): number {
  let day = today;
  for (let n = 0; n < k;) if (!isWeekend(--day)) n++;
  return day;
}

/** A uniform instant in [from, to] at least `gap` away from `boundary` (keeps planted rows clear of thresholds). */
function timeAvoiding(rng: Random, from: number, to: number, boundary: number, gap: number): number {
  for (let i = 0; i < 40; i++) {
    const t = Math.round((from + rng.next() * (to - from)) / SECOND_MS) * SECOND_MS;
    if (Math.abs(t - boundary) >= gap) return t;
  }
  const before = boundary - gap - MINUTE_MS;
  return before >= from ? before : Math.min(to, boundary + gap + MINUTE_MS);
}

export function phiWindowOf(now: number, regionId: string): PhiWindow {
  const today = localDay(now);
  // Today joins the window once its morning has room for planted leads (09:00 to now − 90 min); before 11:00 the
  // window ends yesterday.
  const last = localMinute(now) >= 11 * 60 ? today : today - 1;
  const days = [last - 4, last - 3, last - 2, last - 1, last];
  return { regionId, days, start: atLocal(last - 4, 0) };
}

const REGRESSIONS_EAST = 30;
const REGRESSIONS_SOUTH = 8;
const REGRESSION_NOT_FRIDAY = new Set([7, 19, 33]);
const REGRESSION_NOT_EDUCATION = new Set([11]);
const PHI_LEAD_FAIL_SHARE = [0.25, 0.45, 0.65, 0.8, 0.95];
const PHI_DEMO_FAIL_SHARE = [0.34, 0.67, 1, 1, 1];

function buildPlants(o: ResolvedOptions, regions: RegionPlan[]): PlantPlan {
  const rng = randomFor(o.seed, STREAM.plants);
  const b = new PlantBuilder();
  const east = regionByKey(regions, 'east');
  const south = regionByKey(regions, 'south');
  const north = regionByKey(regions, 'north');
  const eastRep = cycle(east.reps.filter(isPlainMember));
  const southRep = cycle(south.reps.filter(isPlainMember));
  const regression = plantRegressions(o, rng, b, east, south, eastRep, southRep);
  plantFlapping(o, rng, b, east, eastRep);
  plantEastDeals(o, rng, b, east, eastRep);
  plantEastLeads(o, rng, b, east, eastRep);
  plantLeakyRep(o, rng, b, south);
  const phi = plantPhiDrop(o, rng, b, south, southRep);
  plantMissingFields(o, rng, b, south, southRep);
  plantSpecialReps(b, east, north);
  // The flapping deal moves back twice on ordinary weekdays, for a hospital: part of the denominator only.
  const total = regression.count + 2;
  return {
    deals: b.deals,
    leads: b.leads,
    phi,
    entries: b.entries,
    patterns: {
      regressionCount: total,
      regressionFriday1617Share: regression.friday / total,
      regressionEducationBureauShare: regression.education / total,
    },
  };
}

function plantRegressions(
  o: ResolvedOptions,
  rng: Random,
  b: PlantBuilder,
  east: RegionPlan,
  south: RegionPlan,
  eastRep: () => RepPlan,
  southRep: () => RepPlan,
): { count: number; friday: number; education: number } {
  const today = localDay(o.now);
  const fridays: number[] = [];
  for (let day = today - 80; day <= today - 10; day++) if (weekdayOf(day) === 5) fridays.push(day);
  const ids: [string[], string[]] = [[], []];
  let friday = 0;
  let education = 0;
  const count = REGRESSIONS_EAST + REGRESSIONS_SOUTH;
  for (let j = 0; j < count; j++) {
    const week = fridays[(j * 7) % fridays.length] as number;
    const onFriday = !REGRESSION_NOT_FRIDAY.has(j);
    const minute = onFriday ? 16 * 60 + rng.int(0, 50) : rng.int(10 * 60, 14 * 60);
    const at = atLocal(onFriday ? week : week - (j % 2 === 0 ? 3 : 2), minute) + rng.int(0, 59) * SECOND_MS;
    const segment: Segment = REGRESSION_NOT_EDUCATION.has(j) ? 'hospital' : 'education_bureau';
    const inEast = j < REGRESSIONS_EAST;
    ids[inEast ? 0 : 1].push(b.deal(inEast ? eastRep() : southRep(), { kind: 'regression', at, segment }));
    if (onFriday) friday++;
    if (segment === 'education_bureau') education++;
  }
  const description = (n: number): string =>
    `${n} deals moved back from 报价谈判 (quote) to 方案演示 (demo), mostly on Fridays 16:00–17:00 and for 教育局 ` +
    `(education bureau) accounts: the demo stage has no "stamped materials" (盖章材料) step although the quote stage requires them.`;
  b.add({
    plant: 'friday-regressions',
    rule: 'stage_regression',
    regionId: east.id,
    subjects: ids[0],
    description: description(ids[0].length),
  });
  b.add({
    plant: 'friday-regressions',
    rule: 'stage_regression',
    regionId: south.id,
    subjects: ids[1],
    description: description(ids[1].length),
  });
  return { count, friday, education };
}

function plantFlapping(o: ResolvedOptions, rng: Random, b: PlantBuilder, east: RegionPlan, eastRep: () => RepPlan): void {
  const base = localDay(o.now) - 6;
  const steps: [number, number, number][] = [
    [0, 10 * 60, 3],
    [1, 15 * 60, 4],
    [2, 11 * 60, 3],
    [3, 14 * 60, 4],
    [4, 10 * 60 + 30, 3],
    [5, 15 * 60, 4],
  ];
  const moves = steps.map(([offset, minute, stage]) => ({ stage, at: atLocal(base + offset, minute + rng.int(0, 20)) }));
  const created = workTimeIn(rng, o.now - 32 * DAY_MS, o.now - 28 * DAY_MS);
  const needsAt = workTimeIn(rng, o.now - 21 * DAY_MS, o.now - 18 * DAY_MS);
  const id = b.deal(eastRep(), { kind: 'flapping', created, needsAt, moves, segment: 'hospital' });
  b.add({
    plant: 'flapping',
    rule: 'stage_flapping',
    regionId: east.id,
    subjects: [id],
    description: 'A hospital deal bounces between 方案演示 and 报价谈判: six stage changes within the last seven days.',
  });
  b.add({
    plant: 'flapping',
    rule: 'stage_regression',
    regionId: east.id,
    subjects: [id],
    description: 'The flapping deal moves back twice (报价谈判 → 方案演示) on ordinary weekday mornings.',
  });
}

function plantEastDeals(o: ResolvedOptions, rng: Random, b: PlantBuilder, east: RegionPlan, eastRep: () => RepPlan): void {
  const around = (days: number): number => workTimeIn(rng, o.now - (days + 0.5) * DAY_MS, o.now - (days - 0.5) * DAY_MS);
  const overdue = (
    [
      [1, 20],
      [2, 26],
      [4, 29],
    ] as const
  ).map(([stage, days]) => b.deal(eastRep(), { kind: 'open', stage, enteredAt: around(days) }));
  b.add({
    plant: 'stage-overdue',
    rule: 'stage_overdue',
    regionId: east.id,
    subjects: overdue,
    description:
      'Open deals stuck 5–8 days past their stage max dwell (初步接触 14 d, 需求确认 21 d, 报价谈判 21 d); still being worked.',
  });
  // Broken promises sit on customers nobody else visits, so "no later activity on that deal or account" holds both ways.
  const stale = (
    [
      [2, 10],
      [4, 11],
      [2, 12],
    ] as const
  ).map(([stage, days]) => {
    const stopAt = workTimeIn(rng, o.now - 8 * DAY_MS, o.now - 6.5 * DAY_MS);
    const account = east.accountCount + ++east.reservedAccounts;
    return b.deal(eastRep(), {
      kind: 'open',
      stage,
      enteredAt: around(days),
      stopAt,
      dueAt: Math.round(stopAt + rng.range(3, 4) * DAY_MS),
      account,
    });
  });
  b.add({
    plant: 'next-step-overdue',
    rule: 'next_step_overdue',
    regionId: east.id,
    subjects: stale,
    description:
      'Open deals whose last activity (6.5–8 days ago) promised a next step due 2.5–5 days ago, with nothing logged since.',
  });
  const demoDay = weekdayBefore(localDay(o.now), 4);
  const noFeedback = [0, 1, 2].map(() =>
    b.deal(eastRep(), { kind: 'open', stage: 3, enteredAt: atLocal(demoDay, rng.int(10 * 60, 15 * 60)), feedback: false }),
  );
  b.add({
    plant: 'demo-no-feedback',
    rule: 'demo_no_feedback_48h',
    regionId: east.id,
    subjects: noFeedback,
    description: 'Deals that entered 方案演示 on the 4th working day before now with no 客户反馈 activity since.',
  });
}

function plantEastLeads(o: ResolvedOptions, rng: Random, b: PlantBuilder, east: RegionPlan, eastRep: () => RepPlan): void {
  const day = weekdayBefore(localDay(o.now), 2);
  const unfollowed = [0, 1, 2, 3].map(() =>
    b.lead(eastRep(), { kind: 'unfollowed', assignedAt: atLocal(day, rng.int(9 * 60, 11 * 60 + 30)) }),
  );
  b.add({
    plant: 'unfollowed-leads',
    rule: 'lead_unfollowed_24h',
    regionId: east.id,
    subjects: unfollowed,
    description: 'Leads assigned on the morning of the 2nd working day before now that nobody has touched.',
  });
  const sleeping = [0, 1, 2, 3].map(() =>
    b.lead(eastRep(), {
      kind: 'sleeping',
      assignedAt: workTimeIn(rng, o.now - 40 * DAY_MS, o.now - 28 * DAY_MS),
      lastActivityAt: workTimeIn(rng, o.now - 24 * DAY_MS, o.now - 16 * DAY_MS),
    }),
  );
  b.add({
    plant: 'sleeping-leads',
    rule: 'sleeping_lead',
    regionId: east.id,
    subjects: sleeping,
    description: 'Open leads, touched promptly 4–6 weeks ago, with no activity for the last 16–24 days.',
  });
}

function plantLeakyRep(o: ResolvedOptions, rng: Random, b: PlantBuilder, south: RegionPlan): void {
  const rep = south.reps.find((r) => r.special === 'leaky');
  if (!rep) return;
  const today = localDay(o.now);
  const leads = [7, 9, 11].map((back) =>
    b.lead(rep, { kind: 'unfollowed', assignedAt: atLocal(today - back, rng.int(10 * 60, 16 * 60)) }),
  );
  b.add({
    plant: 'departed-rep-leads',
    rule: 'lead_routing',
    regionId: south.id,
    subjects: [rep.id],
    related: leads,
    description: `${rep.name} left the company but routing still assigned ${leads.length} new leads to them (7, 9 and 11 days ago).`,
  });
  b.add({
    plant: 'departed-rep-leads',
    rule: 'lead_unfollowed_24h',
    regionId: south.id,
    subjects: leads,
    description: 'The leads routed to the departed rep: nobody ever touched them.',
  });
}

function plantPhiDrop(o: ResolvedOptions, rng: Random, b: PlantBuilder, south: RegionPlan, southRep: () => RepPlan): PhiWindow {
  const phi = phiWindowOf(o.now, south.id);
  const active = south.reps.filter((r) => r.status === 'active');
  const leadRep = cycle(active);
  const leadsPerDay = Math.max(6, Math.round(active.length * 0.5));
  const demosPerDay = Math.max(3, Math.round(active.length / 8));
  const latest = o.now - 90 * MINUTE_MS;
  const unfollowed: string[] = [];
  const noFeedback: string[] = [];
  const related: string[] = [];
  phi.days.forEach((day, i) => {
    const leadFails = Math.round((PHI_LEAD_FAIL_SHARE[i] ?? 1) * leadsPerDay);
    const failing = new Set(rng.shuffle([...Array(leadsPerDay).keys()]).slice(0, leadFails));
    for (let k = 0; k < leadsPerDay; k++) {
      const assignedAt = timeAvoiding(
        rng,
        atLocal(day, 9 * 60),
        Math.min(atLocal(day, 18 * 60), latest),
        o.now - DAY_MS,
        2 * HOUR_MS,
      );
      const id = b.lead(leadRep(), { kind: failing.has(k) ? 'unfollowed' : 'touched', assignedAt });
      related.push(id);
      if (failing.has(k) && o.now - assignedAt > DAY_MS) unfollowed.push(id);
    }
    const demoFails = Math.round((PHI_DEMO_FAIL_SHARE[i] ?? 1) * demosPerDay);
    for (let k = 0; k < demosPerDay; k++) {
      const enteredAt = timeAvoiding(
        rng,
        atLocal(day, 10 * 60),
        Math.min(atLocal(day, 16 * 60), latest),
        o.now - 2 * DAY_MS,
        3 * HOUR_MS,
      );
      const id = b.deal(southRep(), { kind: 'open', stage: 3, enteredAt, feedback: k >= demoFails });
      related.push(id);
      if (k < demoFails && o.now - enteredAt > 2 * DAY_MS) noFeedback.push(id);
    }
  });
  b.add({
    plant: 'phi-drop',
    rule: 'phi_drop',
    regionId: south.id,
    subjects: [south.id],
    related,
    description:
      `PHI of ${south.name} falls on each of the last five days: every day ${leadsPerDay} new leads of which 25 %, 45 %, 65 %, ` +
      `80 %, 95 % get no first touch, and ${demosPerDay} deals enter 方案演示 of which 1/3, 2/3, then all get no 客户反馈.`,
  });
  b.add({
    plant: 'phi-drop',
    rule: 'lead_unfollowed_24h',
    regionId: south.id,
    subjects: unfollowed,
    description:
      'Leads of the PHI drop assigned more than 24 h ago without a first touch (younger ones are in the phi_drop entry).',
  });
  b.add({
    plant: 'phi-drop',
    rule: 'demo_no_feedback_48h',
    regionId: south.id,
    subjects: noFeedback,
    description: 'Demos of the PHI drop older than 48 h without feedback (younger ones are in the phi_drop entry).',
  });
  return phi;
}

function plantMissingFields(o: ResolvedOptions, rng: Random, b: PlantBuilder, south: RegionPlan, southRep: () => RepPlan): void {
  const ids = (
    [
      [2, 'budget', 6.5],
      [3, 'demo_date', 8],
      [4, 'quote_amount', 7.5],
    ] as const
  ).map(([stage, missingField, days]) =>
    b.deal(southRep(), {
      kind: 'open',
      stage,
      missingField,
      enteredAt: workTimeIn(rng, o.now - (days + 0.5) * DAY_MS, o.now - (days - 0.5) * DAY_MS),
    }),
  );
  b.add({
    plant: 'missing-fields',
    rule: 'missing_required_fields',
    regionId: south.id,
    subjects: ids,
    description:
      'Open deals lacking a field their stage requires: budget (需求确认), demo_date (方案演示), quote_amount (报价谈判).',
  });
}

function plantSpecialReps(b: PlantBuilder, east: RegionPlan, north: RegionPlan): void {
  const busy = east.reps.find((r) => r.special === 'busy');
  const sloppy = north.reps.find((r) => r.special === 'sloppy');
  if (busy) {
    b.add({
      plant: 'busy-rep',
      rule: 'busy_not_effective',
      regionId: east.id,
      subjects: [busy.id],
      description: `${busy.name} logs many activities, over 85 % of them 首次接触 cold calls, and has advanced no deal for 16 days.`,
    });
  }
  if (sloppy) {
    b.add({
      plant: 'sloppy-rep',
      rule: 'data_health_low',
      regionId: north.id,
      subjects: [sloppy.id],
      description: `${sloppy.name} has logged poorly for 4 weeks: entries 2–5 days late, empty summaries and tags, demos without attachments.`,
    });
  }
}

// ---- planned counts ---------------------------------------------------------------------------------------

export interface PlannedCounts {
  regions: number;
  stages: number;
  reps: number;
  accounts: number;
  deals: number;
  leads: number;
  /** An estimate (activities depend on each deal's and lead's history). */
  activities: number;
}

/** A fixed reference instant for planned counts: Monday 2025-06-16 10:00 China time. */
export const REFERENCE_NOW = Date.UTC(2025, 5, 16, 2, 0, 0);

/** Row counts a scale produces (control data, plants=false): exact for all tables but activities and targets. */
export function planCounts(scale: DemoScale, seed = 1, now = REFERENCE_NOW): PlannedCounts {
  const plan = buildPlan({ scale, seed, now, plants: false });
  const cfg = SCALES[scale];
  let reps = 0;
  let deals = 0;
  let leads = 0;
  let accounts = 0;
  let checkins = 0;
  for (const region of plan.regions) {
    accounts += region.accountCount;
    for (const rep of region.reps) {
      reps++;
      deals += rep.dealCount;
      leads += rep.leadCount;
      checkins += (cfg.checkinsPerWeek * (rep.leadHorizon - rep.leadsFrom)) / (7 * DAY_MS);
    }
  }
  const activities = Math.round(deals * ACTIVITIES_PER_DEAL + leads * ACTIVITIES_PER_LEAD + checkins);
  return { regions: plan.regions.length + 1, stages: 5, reps, accounts, deals, leads, activities };
}
