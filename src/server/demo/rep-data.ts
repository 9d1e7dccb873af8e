// The rows of one region's accounts and of one rep: leads routed to them, deals with full stage histories, and every
// activity they logged. Each lead and deal draws from its own random stream, so planted patterns (which take over a
// few deal and lead slots by id) leave every other row exactly as in the control dataset.
import {
  type DealPlant,
  type DemoPlan,
  type LeadPlant,
  type PhiWindow,
  type RegionPlan,
  type RepPlan,
  STREAM,
  accountIdOf,
  activityIdOf,
  dealIdOf,
  leadIdOf,
} from './plan';
import { type Random, WeightedPicker, randomFor } from './random';
import { SCALES } from './scales';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  atLocal,
  isWeekend,
  isWorkTime,
  localDate,
  localDay,
  nextWorkTime,
  weekdayOf,
  workTimeIn,
} from './time';
import {
  ATTACHMENT_CHANCE,
  AMOUNT_MEDIAN,
  type ActivityKind,
  DURATION_RANGE,
  LEAD_SOURCES,
  LEAD_SOURCE_WEIGHTS,
  LOST_REASONS,
  LOST_REASON_WEIGHTS,
  type LeadSource,
  PRODUCT_LINES,
  SEGMENTS,
  type Segment,
  TAGS,
  TIER_FACTOR,
  type Tier,
  accountName,
  decisionMaker,
  nextStepFor,
  personName,
  stageAt,
  summaryFor,
} from './vocab';

// ---- accounts ---------------------------------------------------------------------------------------------

export interface AccountInfo {
  id: string;
  name: string;
  segment: Segment;
  tier: Tier;
}

export interface RegionAccounts {
  /** Accounts ordinary activity draws from. */
  all: AccountInfo[];
  bySegment: Record<Segment, AccountInfo[]>;
  /** Accounts only planted deals use (numbered after the ordinary ones). */
  reserved: AccountInfo[];
}

const ACCOUNT_SEGMENT = new WeightedPicker(SEGMENTS, [0.25, 0.24, 0.12, 0.24, 0.15]);
const DEAL_SEGMENT = new WeightedPicker(SEGMENTS, [0.26, 0.24, 0.14, 0.22, 0.14]);
const TIER = new WeightedPicker<Tier>(['A', 'B', 'C'], [0.15, 0.35, 0.5]);

export function buildAccounts(plan: DemoPlan, region: RegionPlan): RegionAccounts {
  const rng = randomFor(plan.options.seed, STREAM.accounts, region.index);
  const bySegment: Record<Segment, AccountInfo[]> = { hospital: [], school: [], education_bureau: [], factory: [], dealer: [] };
  const all: AccountInfo[] = [];
  const reserved: AccountInfo[] = [];
  for (let no = 1; no <= region.accountCount + region.reservedAccounts; no++) {
    // The first accounts cover every segment, so each region can host deals of any segment.
    const segment = SEGMENTS[no - 1] ?? ACCOUNT_SEGMENT.pick(rng);
    const account = {
      id: accountIdOf(region.key, no),
      name: accountName(rng, segment, rng.pick(region.cities)),
      segment,
      tier: TIER.pick(rng),
    };
    if (no > region.accountCount) reserved.push(account);
    else {
      all.push(account);
      bySegment[segment].push(account);
    }
  }
  return { all, bySegment, reserved };
}

export function accountRow(region: RegionPlan, account: AccountInfo): unknown[] {
  return [account.id, region.id, account.name, account.segment, account.tier];
}

export function repRow(rep: RepPlan): unknown[] {
  return [rep.id, rep.regionId, rep.name, rep.team, rep.managerId, rep.status, rep.hiredAt, rep.departedAt];
}

// ---- deal timelines ---------------------------------------------------------------------------------------

interface Visit {
  stage: number;
  at: number;
  /** Entered by moving back from a later stage. */
  regression?: boolean;
}

interface Timeline {
  visits: Visit[];
  status: 'open' | 'won' | 'lost';
  closedAt: number | null;
  lostReason: string | null;
}

/** Chance to move on from stage 1–4 (else the deal is lost), and to win from 合同签署. */
const ADVANCE = [0, 0.8, 0.78, 0.8, 0.78];
const WIN_AT_CONTRACT = 0.88;
/**
 * Stage dwell is drawn from [0.2, 0.5] × max_dwell_days, so an open deal is never older in its stage than half the
 * limit: a wide margin under stage_overdue. The 0.2 floor keeps five stage changes from fitting in 7 days (flapping).
 */
const DWELL_MIN = 0.2;
const DWELL_MAX = 0.5;

const lostReason = (rng: Random): string => rng.weighted(LOST_REASONS, LOST_REASON_WEIGHTS);
const last = <T>(items: readonly T[]): T => items[items.length - 1] as T;

function openTimeline(visits: Visit[]): Timeline {
  return { visits, status: 'open', closedAt: null, lostReason: null };
}

/** Moves a deal forward stage by stage until it closes or `horizon` passes (then it is open, or closed early). */
function simulate(rng: Random, visits: Visit[], horizon: number, now: number, phi: PhiWindow | null): Timeline {
  for (;;) {
    const current = last(visits);
    const max = stageAt(current.stage).maxDwellDays * DAY_MS;
    const t = workTimeIn(rng, current.at + DWELL_MIN * max, current.at + DWELL_MAX * max);
    if (t > horizon) return horizon >= now ? openTimeline(visits) : closeBefore(rng, visits, horizon);
    if (current.stage === 5) {
      const won = rng.chance(WIN_AT_CONTRACT);
      return { visits, status: won ? 'won' : 'lost', closedAt: t, lostReason: won ? null : lostReason(rng) };
    }
    if (!rng.chance(ADVANCE[current.stage] ?? 0)) return { visits, status: 'lost', closedAt: t, lostReason: lostReason(rng) };
    let at = t;
    if (phi && current.stage === 2 && at >= phi.start) {
      // The PHI-drop region's demos in its window are all planted (their count per day is the pattern): an ordinary
      // deal demos just before the window, or is still confirming needs (at most ~6 days, far below 21).
      if (current.at >= phi.start - 6 * HOUR_MS) return openTimeline(visits);
      at = workTimeIn(rng, Math.max(current.at + 2 * HOUR_MS, phi.start - 2 * DAY_MS), phi.start - HOUR_MS);
    }
    visits.push({ stage: current.stage + 1, at });
  }
}

/** A rep who leaves (or stops advancing deals) closes what is still open before `horizon`. */
function closeBefore(rng: Random, visits: Visit[], horizon: number): Timeline {
  const from = last(visits);
  const closedAt =
    horizon - from.at > 2 * HOUR_MS ? workTimeIn(rng, from.at + HOUR_MS, horizon) : from.at + Math.floor((horizon - from.at) / 2);
  const won = from.stage >= 4 && rng.chance(0.4);
  return { visits, status: won ? 'won' : 'lost', closedAt, lostReason: won ? null : lostReason(rng) };
}

/** The stage history that leads to being in `stage` since `enteredAt`. */
function historyTo(rng: Random, stage: number, enteredAt: number): Visit[] {
  const visits: Visit[] = [{ stage, at: enteredAt }];
  let t = enteredAt;
  for (let s = stage - 1; s >= 1; s--) {
    const max = stageAt(s).maxDwellDays * DAY_MS;
    t = workTimeIn(rng, t - 0.45 * max, t - 0.25 * max);
    visits.unshift({ stage: s, at: t });
  }
  return visits;
}

function plantedTimeline(rng: Random, plant: DealPlant, rep: RepPlan, now: number): Timeline {
  switch (plant.kind) {
    case 'regression': {
      const quoteAt = workTimeIn(rng, plant.at - 6 * DAY_MS, plant.at - 2 * DAY_MS);
      const visits = historyTo(rng, 4, quoteAt);
      visits.push({ stage: 3, at: plant.at, regression: true });
      visits.push({ stage: 4, at: workTimeIn(rng, plant.at + 3 * DAY_MS, plant.at + 6 * DAY_MS) });
      return simulate(rng, visits, rep.dealHorizon, now, null);
    }
    case 'flapping': {
      const visits: Visit[] = [
        { stage: 1, at: plant.created },
        { stage: 2, at: plant.needsAt },
      ];
      for (const move of plant.moves)
        visits.push({ stage: move.stage, at: move.at, regression: move.stage < last(visits).stage });
      return openTimeline(visits);
    }
    case 'open':
      return openTimeline(historyTo(rng, plant.stage, plant.enteredAt));
  }
}

// ---- activities -------------------------------------------------------------------------------------------

interface Draft {
  at: number;
  stage: number;
  kind: ActivityKind;
  tags: string[];
  summary: string;
  nextStep: string | null;
  nextDue: number | null;
}

const FOLLOW_UP_KIND = new WeightedPicker<ActivityKind>(['call', 'wechat', 'visit', 'email'], [0.4, 0.35, 0.15, 0.1]);
const GENERAL_KIND = new WeightedPicker<ActivityKind>(['visit', 'call', 'wechat', 'email'], [0.35, 0.35, 0.2, 0.1]);
const FEEDBACK_KIND = new WeightedPicker<ActivityKind>(['call', 'wechat', 'visit'], [0.5, 0.3, 0.2]);
const EXTRA_TAGS: readonly WeightedPicker<string>[] = [
  new WeightedPicker([TAGS.needsDiscovery, TAGS.firstContact, TAGS.decisionMaker], [0.7, 0.15, 0.15]),
  new WeightedPicker([TAGS.needsDiscovery, TAGS.decisionMaker], [0.6, 0.4]),
  new WeightedPicker([TAGS.techDemo, TAGS.needsDiscovery, TAGS.decisionMaker], [0.4, 0.3, 0.3]),
  new WeightedPicker([TAGS.priceNegotiation, TAGS.decisionMaker], [0.6, 0.4]),
  new WeightedPicker([TAGS.decisionMaker, TAGS.priceNegotiation], [0.5, 0.5]),
];
/** Extra follow-ups per day spent in a stage (besides entry, demo feedback and closing). */
const EXTRA_PER_DAY = 0.24;

function draft(rng: Random, at: number, stage: number, kind: ActivityKind, tags: string[], summary?: string): Draft {
  return {
    at,
    stage,
    kind,
    tags,
    summary: summary ?? summaryFor(rng, tags[0] ?? TAGS.needsDiscovery),
    nextStep: null,
    nextDue: null,
  };
}

/** The activity that moved the deal into `stage`. */
function entryDraft(rng: Random, stage: number, at: number): Draft {
  switch (stage) {
    case 1:
      return draft(rng, at, 1, rng.weighted<ActivityKind>(['visit', 'call', 'wechat'], [0.4, 0.4, 0.2]), [
        rng.chance(0.35) ? TAGS.firstContact : TAGS.needsDiscovery,
      ]);
    case 2:
      return draft(
        rng,
        at,
        2,
        rng.chance(0.6) ? 'visit' : 'call',
        rng.chance(0.4) ? [TAGS.needsDiscovery, TAGS.decisionMaker] : [TAGS.needsDiscovery],
      );
    case 3:
      return draft(rng, at, 3, 'demo', [TAGS.techDemo]);
    case 4:
      return draft(rng, at, 4, 'quote', [TAGS.priceNegotiation]);
    default:
      return draft(rng, at, 5, 'visit', [TAGS.decisionMaker, TAGS.priceNegotiation]);
  }
}

function extraDraft(rng: Random, stage: number, at: number): Draft {
  const tag = (EXTRA_TAGS[stage - 1] ?? EXTRA_TAGS[0])?.pick(rng) ?? TAGS.needsDiscovery;
  const kind: ActivityKind =
    tag === TAGS.techDemo
      ? 'demo'
      : tag === TAGS.priceNegotiation
        ? rng.weighted<ActivityKind>(['quote', 'call', 'visit'], [0.3, 0.4, 0.3])
        : GENERAL_KIND.pick(rng);
  return draft(rng, at, stage, kind, [tag]);
}

/** 客户反馈 after a demo: within 1–20 h (office time when possible), before `limit` (now, or the deal's next event). */
function feedbackAt(rng: Random, demoAt: number, limit: number): number {
  const until = Math.min(demoAt + 20 * HOUR_MS, limit - MINUTE_MS);
  if (until - demoAt > 2 * HOUR_MS) return workTimeIn(rng, demoAt + HOUR_MS, until, 0.3);
  return demoAt + Math.max(SECOND_MS, Math.floor((limit - demoAt) / 2));
}

/**
 * Promised next steps: an activity's next step falls due after the next activity on the same deal or lead, so
 * every promise is kept; the last one of an open deal or lead is due in the future.
 */
function chainNextSteps(rng: Random, drafts: Draft[], openEnded: boolean, now: number): void {
  drafts.sort((a, b) => a.at - b.at);
  for (let i = 1; i < drafts.length; i++) {
    const d = drafts[i] as Draft;
    const prev = drafts[i - 1] as Draft;
    if (d.at <= prev.at) d.at = prev.at + SECOND_MS; // strictly later, so "a later activity" is unambiguous
  }
  for (let i = 0; i < drafts.length - 1; i++) {
    const d = drafts[i] as Draft;
    if (!rng.chance(0.7)) continue;
    d.nextStep = nextStepFor(rng, d.stage);
    d.nextDue = Math.round((drafts[i + 1] as Draft).at + rng.range(2 * HOUR_MS, 48 * HOUR_MS));
  }
  const final = drafts[drafts.length - 1];
  if (final && openEnded) {
    final.nextStep = nextStepFor(rng, final.stage);
    final.nextDue = Math.round(Math.max(now, final.at) + rng.range(DAY_MS, 6 * DAY_MS));
  }
}

/** Minutes between doing and logging: mostly right away, rarely the next morning; never 48 h. */
function logDelay(rng: Random): number {
  const r = rng.next();
  if (r < 0.55) return rng.int(1, 45) * MINUTE_MS;
  if (r < 0.93) return rng.int(45, 360) * MINUTE_MS;
  return rng.int(360, 1200) * MINUTE_MS;
}

// ---- leads ------------------------------------------------------------------------------------------------

const LEAD_SOURCE = new WeightedPicker(LEAD_SOURCES, LEAD_SOURCE_WEIGHTS);
// Leads come in from 08:00 to 21:59, peaking mid-morning and mid-afternoon.
const LEAD_HOUR = new WeightedPicker(
  [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
  [1, 2, 3, 3, 2, 2, 3, 3, 2, 2, 1.5, 1.2, 1, 0.6],
);
const FOLLOW_UPS = new WeightedPicker([0, 1, 2, 3, 4], [0.18, 0.34, 0.26, 0.15, 0.07]);
const CONVERT_CHANCE: Record<Tier, number> = { A: 0.5, B: 0.28, C: 0.08 };

function firstTouchKind(rng: Random, source: LeadSource): ActivityKind {
  if (source === 'wechat' || source === 'live_stream') return 'wechat';
  if (source === 'referral' || source === 'trade_show') return rng.chance(0.6) ? 'call' : 'visit';
  return 'call';
}

function gradeOf(score: number): Tier {
  return score >= 75 ? 'A' : score >= 50 ? 'B' : 'C';
}

/**
 * First response: within office hours 10 min–5 h later; out of hours the next working morning when that is
 * within 16 h, else (weekends) by whoever is on duty within 4 h. Always ≤ 20 h, far from the 24 h rule.
 */
function firstTouchAt(rng: Random, assignedAt: number, now: number): number {
  let t: number;
  if (isWorkTime(assignedAt)) t = assignedAt + Math.min(rng.lognormal(40 * MINUTE_MS, 0.8), 5 * HOUR_MS);
  else {
    const morning = nextWorkTime(rng, assignedAt);
    t = morning - assignedAt <= 16 * HOUR_MS ? morning + rng.int(0, 40) * MINUTE_MS : assignedAt + rng.range(0.5, 4) * HOUR_MS;
  }
  t = Math.min(t, assignedAt + 20 * HOUR_MS, now - MINUTE_MS);
  return Math.max(Math.round(t), assignedAt + MINUTE_MS);
}

// ---- one rep ----------------------------------------------------------------------------------------------

export interface RepData {
  leads: unknown[][];
  deals: unknown[][];
  stageChanges: unknown[][];
  activities: unknown[][];
}

export interface RepDataOptions {
  leads?: boolean;
  activities?: boolean;
}

/** Column positions used after the fact (activities table). */
const ACT_OCCURRED = 7;
const ACT_TAGS = 10;

export function generateRepData(
  plan: DemoPlan,
  region: RegionPlan,
  rep: RepPlan,
  accounts: RegionAccounts,
  options: RepDataOptions = {},
): RepData {
  const builder = new RepBuilder(plan, region, rep, accounts, options.activities ?? true);
  if (options.leads ?? true) builder.leads();
  builder.deals();
  if (options.activities ?? true) {
    builder.checkIns();
    if (rep.special === 'busy') builder.coldCalls();
  }
  return builder.data;
}

interface DealSketch {
  id: string;
  account: AccountInfo;
  timeline: Timeline;
  plant: DealPlant | undefined;
}

class RepBuilder {
  readonly data: RepData = { leads: [], deals: [], stageChanges: [], activities: [] };
  private activitySeq = 0;
  private readonly now: number;
  private readonly seed: number;
  private readonly phi: PhiWindow | null;
  private readonly sloppy: Random | null;

  constructor(
    private readonly plan: DemoPlan,
    private readonly region: RegionPlan,
    private readonly rep: RepPlan,
    private readonly accounts: RegionAccounts,
    private readonly withActivities: boolean,
  ) {
    this.now = plan.options.now;
    this.seed = plan.options.seed;
    const phi = plan.plants?.phi;
    this.phi = phi && phi.regionId === region.id ? phi : null;
    this.sloppy = rep.special === 'sloppy' ? randomFor(this.seed, STREAM.sloppy, region.index, rep.no) : null;
  }

  // -- leads --

  leads(): void {
    for (let slot = 1; slot <= this.rep.leadCount; slot++) {
      const id = leadIdOf(this.rep, slot);
      const rng = randomFor(this.seed, STREAM.lead, this.region.index, this.rep.no, slot);
      const plant = this.plan.plants?.leads.get(id);
      if (plant) this.plantedLead(rng, id, plant);
      else this.lead(rng, id, slot);
    }
  }

  /** Arrival of the slot-th lead: evenly spread with jitter (so no active rep waits days for one), mostly on weekdays. */
  private arrival(rng: Random, slot: number): number {
    const rep = this.rep;
    const interval = (rep.leadsUntil - rep.leadsFrom) / rep.leadCount;
    let day = localDay(rep.leadsFrom + (slot - 1 + rng.range(0.15, 0.85)) * interval);
    if (isWeekend(day) && rng.chance(0.6)) day += weekdayOf(day) === 6 ? -1 : 1;
    const t = atLocal(day, LEAD_HOUR.pick(rng) * 60 + rng.int(0, 59)) + rng.int(0, 59) * SECOND_MS;
    return Math.min(Math.max(t, rep.leadsFrom), rep.leadsUntil);
  }

  private lead(rng: Random, id: string, slot: number): void {
    const createdAt = this.arrival(rng, slot);
    const assignedAt = createdAt + rng.int(1, 30) * MINUTE_MS;
    // In the PHI-drop region the window's new leads are all planted, with a known share left untouched each day.
    if (this.phi && assignedAt >= this.phi.start) return;
    const source = LEAD_SOURCE.pick(rng);
    const score = Math.min(99, Math.max(5, Math.round(rng.normal(60, 18))));
    const grade = gradeOf(score);
    const converts = rng.chance(CONVERT_CHANCE[grade]);
    const followUps = FOLLOW_UPS.pick(rng);
    const firstTouch = firstTouchAt(rng, assignedAt, this.now);
    const drafts = [draft(rng, firstTouch, 1, firstTouchKind(rng, source), [TAGS.firstContact])];
    let t = firstTouch;
    let open = false;
    let cutShort = false;
    for (let k = 0; k < followUps; k++) {
      const next = workTimeIn(rng, t + DAY_MS, t + 4 * DAY_MS);
      if (next > this.rep.leadHorizon) {
        open = this.rep.leadHorizon >= this.now;
        cutShort = !open; // a departed rep's unfinished leads were closed before they left
        break;
      }
      drafts.push(draft(rng, next, 1, FOLLOW_UP_KIND.pick(rng), [TAGS.needsDiscovery]));
      t = next;
    }
    const status = open ? 'working' : converts && !cutShort ? 'converted' : 'disqualified';
    const account = status === 'converted' ? rng.pick(this.accounts.all).id : null;
    if (status !== 'working') {
      const closing = last(drafts);
      closing.summary =
        status === 'converted'
          ? '需求明确，转为商机'
          : rng.pick(['客户暂无需求，关闭线索', '联系不上客户，关闭线索', '非目标客户，关闭线索']);
      if (status === 'converted' && closing !== drafts[0]) closing.tags = [TAGS.needsDiscovery, TAGS.decisionMaker];
    }
    this.data.leads.push([
      id,
      this.region.id,
      source,
      createdAt,
      this.rep.id,
      assignedAt,
      firstTouch,
      score,
      grade,
      status,
      account,
    ]);
    if (this.withActivities) this.emitDrafts(rng, drafts, open, { dealId: null, leadId: id, accountId: account });
  }

  private plantedLead(rng: Random, id: string, plant: LeadPlant): void {
    const assignedAt = plant.assignedAt;
    const createdAt = assignedAt - rng.int(2, 15) * MINUTE_MS;
    const source = LEAD_SOURCE.pick(rng);
    const score = Math.min(99, Math.max(5, Math.round(rng.normal(60, 18))));
    if (plant.kind === 'unfollowed') {
      this.data.leads.push([
        id,
        this.region.id,
        source,
        createdAt,
        this.rep.id,
        assignedAt,
        null,
        score,
        gradeOf(score),
        'new',
        null,
      ]);
      return;
    }
    const touchDelay = plant.kind === 'touched' ? rng.int(10, 60) : rng.int(15, 90);
    const firstTouch = Math.min(assignedAt + touchDelay * MINUTE_MS, this.now - 2 * MINUTE_MS);
    const drafts = [draft(rng, firstTouch, 1, firstTouchKind(rng, source), [TAGS.firstContact])];
    if (plant.kind === 'sleeping')
      drafts.push(draft(rng, plant.lastActivityAt, 1, FOLLOW_UP_KIND.pick(rng), [TAGS.needsDiscovery]));
    this.data.leads.push([
      id,
      this.region.id,
      source,
      createdAt,
      this.rep.id,
      assignedAt,
      firstTouch,
      score,
      gradeOf(score),
      'working',
      null,
    ]);
    // A sleeping lead's last activity promised nothing, so it shows up as sleeping and not as a broken promise.
    if (this.withActivities)
      this.emitDrafts(rng, drafts, plant.kind === 'touched', { dealId: null, leadId: id, accountId: null });
  }

  // -- deals --

  deals(): void {
    for (let slot = 1; slot <= this.rep.dealCount; slot++) {
      const id = dealIdOf(this.rep, slot);
      const rng = randomFor(this.seed, STREAM.deal, this.region.index, this.rep.no, slot);
      const plant = this.plan.plants?.deals.get(id);
      this.deal(rng, plant ? this.plantedDeal(rng, id, plant) : this.ordinaryDeal(rng, id));
    }
  }

  private pickAccount(rng: Random, segment: Segment): AccountInfo {
    const pool = this.accounts.bySegment[segment];
    return pool.length > 0 ? rng.pick(pool) : rng.pick(this.accounts.all);
  }

  private ordinaryDeal(rng: Random, id: string): DealSketch {
    const account = this.pickAccount(rng, DEAL_SEGMENT.pick(rng));
    const created = workTimeIn(rng, this.rep.dealsFrom, this.rep.dealsUntil);
    const timeline = simulate(rng, [{ stage: 1, at: created }], this.rep.dealHorizon, this.now, this.phi);
    return { id, account, timeline, plant: undefined };
  }

  private plantedDeal(rng: Random, id: string, plant: DealPlant): DealSketch {
    const segment = plant.kind === 'open' ? DEAL_SEGMENT.pick(rng) : plant.segment;
    const reserved =
      plant.kind === 'open' && plant.account !== undefined
        ? this.accounts.reserved[plant.account - this.region.accountCount - 1]
        : undefined;
    const account = reserved ?? this.pickAccount(rng, segment);
    return { id, account, timeline: plantedTimeline(rng, plant, this.rep, this.now), plant };
  }

  private deal(rng: Random, sketch: DealSketch): void {
    const { id, account, timeline } = sketch;
    const visits = timeline.visits;
    const created = (visits[0] as Visit).at;
    const current = last(visits);
    const amount = Math.max(
      5000,
      Math.round(rng.lognormal(AMOUNT_MEDIAN[account.segment] * TIER_FACTOR[account.tier], 0.7) / 100) * 100,
    );
    const expectedClose =
      timeline.closedAt !== null
        ? localDate(timeline.closedAt)
        : localDate(Math.max(this.now + rng.range(7, 60) * DAY_MS, created + 45 * DAY_MS));
    this.data.deals.push([
      id,
      this.region.id,
      account.id,
      this.rep.id,
      stageAt(current.stage).id,
      amount,
      'CNY',
      rng.pick(PRODUCT_LINES[account.segment]),
      expectedClose,
      created,
      current.at,
      timeline.status,
      timeline.lostReason,
      timeline.closedAt,
      this.fields(rng, sketch, amount),
    ]);
    const suffix = id.slice(3);
    visits.forEach((visit, k) => {
      const from = k === 0 ? null : stageAt((visits[k - 1] as Visit).stage).id;
      this.data.stageChanges.push([
        `sc-${suffix}-${k + 1}`,
        this.region.id,
        id,
        from,
        stageAt(visit.stage).id,
        visit.at,
        this.rep.id,
      ]);
    });
    if (this.withActivities) this.dealActivities(rng, sketch);
  }

  /** Required-field values of every stage the deal reached (a planted gap removes one). */
  private fields(rng: Random, sketch: DealSketch, amount: number): Record<string, unknown> {
    const visits = sketch.timeline.visits;
    const reached = Math.max(...visits.map((v) => v.stage));
    const fields: Record<string, unknown> = { contact_name: personName(rng) };
    if (reached >= 2) {
      fields.budget = Math.round((amount * rng.range(0.9, 1.3)) / 1000) * 1000;
      fields.decision_maker = decisionMaker(rng, sketch.account.segment);
    }
    const demo = visits.find((v) => v.stage === 3);
    if (demo) fields.demo_date = localDate(demo.at);
    if (reached >= 4) {
      fields.quote_amount = Math.round((amount * rng.range(0.95, 1.08)) / 100) * 100;
      fields.stamped_materials = true;
    }
    const contract = visits.find((v) => v.stage === 5);
    if (contract) fields.contract_no = `HT${localDate(contract.at).replaceAll('-', '')}${rng.int(100, 999)}`;
    if (sketch.plant?.kind === 'open' && sketch.plant.missingField) delete fields[sketch.plant.missingField];
    return fields;
  }

  private dealActivities(rng: Random, sketch: DealSketch): void {
    const { timeline, plant } = sketch;
    const visits = timeline.visits;
    const end = Math.min(timeline.closedAt ?? this.now, this.now);
    const drafts: Draft[] = [];
    visits.forEach((visit, k) => {
      const until = Math.min((visits[k + 1] as Visit | undefined)?.at ?? end, end);
      if (visit.regression) {
        // The customer sends the deal back: logged as their feedback within the hour.
        const summary =
          sketch.account.segment === 'education_bureau'
            ? '教育局采购科要求补充盖章版方案材料，退回方案演示阶段'
            : '客户要求调整方案后重新演示';
        drafts.push(draft(rng, visit.at + rng.int(20, 50) * MINUTE_MS, 3, 'call', [TAGS.customerFeedback], summary));
      } else {
        drafts.push(entryDraft(rng, visit.stage, visit.at));
        const skipFeedback = plant?.kind === 'open' && plant.feedback === false && k === visits.length - 1;
        if (visit.stage === 3 && !skipFeedback)
          drafts.push(draft(rng, feedbackAt(rng, visit.at, until), 3, FEEDBACK_KIND.pick(rng), [TAGS.customerFeedback]));
      }
      const span = until - visit.at;
      const extras = span > 3 * HOUR_MS ? rng.poisson((EXTRA_PER_DAY * span) / DAY_MS) : 0;
      for (let i = 0; i < extras; i++)
        drafts.push(extraDraft(rng, visit.stage, workTimeIn(rng, visit.at + HOUR_MS, until - HOUR_MS)));
    });
    if (timeline.closedAt !== null) {
      drafts.push(
        timeline.status === 'won'
          ? draft(rng, timeline.closedAt, 5, 'visit', [TAGS.decisionMaker], '合同签署完成，进入交付准备')
          : draft(
              rng,
              timeline.closedAt,
              last(visits).stage,
              'call',
              [TAGS.customerFeedback],
              `客户确认暂不推进（${timeline.lostReason ?? ''}）`,
            ),
      );
    }
    const ids = { dealId: sketch.id, leadId: null, accountId: sketch.account.id };
    if (plant?.kind === 'open' && plant.stopAt !== undefined && plant.dueAt !== undefined) {
      // Planted broken promise: nothing logged after stopAt, and the last next step is overdue.
      const kept = drafts.filter((d) => d.at < (plant.stopAt as number));
      const stale = draft(rng, plant.stopAt, plant.stage, 'call', [TAGS.needsDiscovery]);
      kept.push(stale);
      this.emitDrafts(rng, kept, false, ids, (d) => {
        if (d === stale) {
          d.nextStep = nextStepFor(rng, d.stage);
          d.nextDue = plant.dueAt ?? null;
        }
      });
      return;
    }
    this.emitDrafts(rng, drafts, timeline.status === 'open', ids);
  }

  // -- activity rows --

  private emitDrafts(
    rng: Random,
    drafts: Draft[],
    openEnded: boolean,
    ids: { dealId: string | null; leadId: string | null; accountId: string | null },
    adjust?: (d: Draft) => void,
  ): void {
    chainNextSteps(rng, drafts, openEnded, this.now);
    for (const d of drafts) {
      adjust?.(d);
      this.activity(rng, d, ids.dealId, ids.leadId, ids.accountId);
    }
  }

  private activity(rng: Random, d: Draft, dealId: string | null, leadId: string | null, accountId: string | null): void {
    const [minDuration, maxDuration] = DURATION_RANGE[d.kind];
    const duration = rng.int(minDuration, maxDuration);
    let attachment = d.kind === 'demo' || d.kind === 'quote' || rng.chance(ATTACHMENT_CHANCE[d.kind]) ? 1 : 0;
    let logged = Math.min(d.at + logDelay(rng), this.now);
    let summary = d.summary;
    let tags = d.tags;
    const s = this.sloppy;
    const day = localDay(d.at);
    if (s && d.at >= this.now - 28 * DAY_MS && !isWeekend(day) && day < localDay(this.now)) {
      // Planted poor data health: late entries, blank summaries and tags, missing demo/quote material. Feedback and
      // first-contact tags are kept so this rep trips no rule other than data_health_low. Weekend and today's entries
      // stay clean: on a thin day one rep's gaps would swing the region's PHI (and could fake a phi_drop).
      // About 40 % of entries end up flawed: a score near 60, far under 80, yet a small daily dent in the region's PHI.
      if (d.at <= this.now - 6 * DAY_MS && s.chance(0.3)) logged = d.at + Math.round(s.range(52, 110) * HOUR_MS);
      if (s.chance(0.15)) summary = '';
      if (s.chance(0.12) && !tags.includes(TAGS.customerFeedback) && !tags.includes(TAGS.firstContact)) tags = [];
      if ((d.kind === 'demo' || d.kind === 'quote') && s.chance(0.5)) attachment = 0;
    }
    this.data.activities.push([
      activityIdOf(this.rep, ++this.activitySeq),
      this.region.id,
      this.rep.id,
      dealId,
      leadId,
      accountId,
      d.kind,
      d.at,
      logged,
      duration,
      tags,
      summary,
      attachment,
      d.nextStep,
      d.nextDue,
    ]);
  }

  /** Relationship visits to accounts, outside any deal. */
  checkIns(): void {
    const rng = randomFor(this.seed, STREAM.repExtras, this.region.index, this.rep.no);
    const from = this.rep.leadsFrom;
    // The busy rep's last two weeks are planted (cold calls only), so their check-ins stop before them.
    const until = this.rep.special === 'busy' ? this.now - 15 * DAY_MS : Math.min(this.rep.leadHorizon, this.now - HOUR_MS);
    if (until <= from) return;
    const count = rng.poisson((SCALES[this.plan.options.scale].checkinsPerWeek * (until - from)) / (7 * DAY_MS));
    for (let i = 0; i < count; i++) {
      const account = rng.pick(this.accounts.all);
      const d = draft(
        rng,
        workTimeIn(rng, from, until),
        1,
        'check-in',
        [TAGS.needsDiscovery],
        rng.pick(['例行拜访，维护客户关系', '节前走访客户', '回访已交付项目使用情况']),
      );
      this.activity(rng, d, null, null, account.id);
    }
  }

  /** The busy-not-effective rep: enough 首次接触 cold calls over the last 14 days to make ≥ 85 % of their activity. */
  coldCalls(): void {
    const rng = randomFor(this.seed, STREAM.repExtras, this.region.index, this.rep.no, 1);
    const since = this.now - 14 * DAY_MS;
    let others = 0;
    for (const row of this.data.activities) {
      const tags = row[ACT_TAGS] as string[];
      if ((row[ACT_OCCURRED] as number) >= since && !tags.includes(TAGS.firstContact)) others++;
    }
    const count = others * 6 + 12;
    for (let i = 0; i < count; i++) {
      const account = rng.pick(this.accounts.all);
      const d = draft(
        rng,
        workTimeIn(rng, this.now - 13.5 * DAY_MS, this.now - 20 * MINUTE_MS),
        1,
        'call',
        [TAGS.firstContact],
        '陌生拜访电话，介绍公司产品',
      );
      this.activity(rng, d, null, null, account.id);
    }
  }
}
