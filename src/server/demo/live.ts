// Live mode: a deterministic trickle of new data so a running Outpost visibly updates. Each next(nowMs) returns a few
// batches (TABLES order, parents first): activities on open deals; now and then a stage advance (stage change, the
// deal's updated row, the activity behind it and, into 方案演示, its 客户反馈); sometimes a new lead touched at once.
//
// API: createLiveGenerator({ seed, now, scale, plants }) re-derives, from the same plan generateDemo used, the open deals
// of a few ordinary reps per region (no I/O, milliseconds even at L). next(nowMs, current?) takes the wall clock;
// pass `current.deals` (the rows of `dealIds` read back from the store, e.g. after a restart) to resync its pool.
// It adds no exception: advances only forward and ≥ 3 days after the last one, fills the new stage's required
// fields, gives each demo its feedback, keeps promises in the future; planted deals and reps and, with plants on,
// the PHI-drop region (whose daily numbers are the pattern) are left alone.
import { type DemoPlan, type RegionPlan, type RepPlan, STREAM, buildPlan } from './plan';
import { type Random, randomFor } from './random';
import { buildAccounts, generateRepData } from './rep-data';
import { DAY_MS, MINUTE_MS, SECOND_MS, localDate } from './time';
import type { DemoBatch, DemoScale } from './types';
import { type ActivityKind, LEAD_SOURCES, STAGES, TAGS, nextStepFor, personName, stageAt, summaryFor } from './vocab';

export interface LiveOptions {
  seed: number;
  /** The `now` the dataset was generated with. */
  now: number;
  scale: DemoScale;
  /** Whether the dataset was generated with plants (default true, as generateDemo). */
  plants?: boolean;
  /** Ordinary reps per region whose deals live mode works on (default 3). */
  repsPerRegion?: number;
}

export interface LiveCurrentState {
  /**
   * The latest positional rows (TABLES.deals order) of `dealIds`, e.g. read back from the store. The pool becomes
   * exactly these: closed deals and ids missing here (never stored, deleted) leave it.
   */
  deals?: readonly unknown[][];
}

export interface LiveGenerator {
  /** Ids of the deals live mode may update. */
  readonly dealIds: readonly string[];
  next(nowMs: number, current?: LiveCurrentState): DemoBatch[];
}

// deals columns (TABLES.deals)
const D_ID = 0;
const D_ACCOUNT = 2;
const D_STAGE = 4;
const D_AMOUNT = 5;
const D_STAGE_ENTERED = 10;
const D_STATUS = 11;
const D_CLOSED = 13;
const D_FIELDS = 14;

/** Minimum time in a stage before live mode advances a deal (keeps stage changes far from flapping). */
const MIN_DWELL_MS = 3 * DAY_MS;

interface PoolDeal {
  row: unknown[];
  rep: RepPlan;
  region: RegionPlan;
  lastActivityAt: number;
}

const ENTRY: Record<number, { kind: ActivityKind; tags: string[] }> = {
  2: { kind: 'visit', tags: [TAGS.needsDiscovery] },
  3: { kind: 'demo', tags: [TAGS.techDemo] },
  4: { kind: 'quote', tags: [TAGS.priceNegotiation] },
  5: { kind: 'visit', tags: [TAGS.decisionMaker, TAGS.priceNegotiation] },
};
const FOLLOW_UP_TAGS = [
  TAGS.needsDiscovery,
  TAGS.needsDiscovery,
  TAGS.decisionMaker,
  TAGS.techDemo,
  TAGS.priceNegotiation,
  TAGS.decisionMaker,
];

function stageOrdinal(stageId: unknown): number {
  return STAGES.find((s) => s.id === stageId)?.ordinal ?? 1;
}

function buildPool(plan: DemoPlan, repsPerRegion: number): PoolDeal[] {
  const planted = plan.plants?.deals;
  const skipRegion = plan.plants?.phi.regionId;
  const pool: PoolDeal[] = [];
  for (const region of plan.regions) {
    if (region.id === skipRegion) continue;
    const reps = region.reps.filter((r) => r.status === 'active' && r.special === null && !r.newHire).slice(0, repsPerRegion);
    const accounts = buildAccounts(plan, region);
    for (const rep of reps) {
      for (const row of generateRepData(plan, region, rep, accounts, { leads: false, activities: false }).deals) {
        if (row[D_STATUS] === 'open' && !planted?.has(row[D_ID] as string))
          pool.push({ row, rep, region, lastActivityAt: plan.options.now });
      }
    }
  }
  return pool;
}

class LiveBatch {
  readonly leads: unknown[][] = [];
  readonly deals: unknown[][] = [];
  readonly stageChanges: unknown[][] = [];
  readonly activities: unknown[][] = [];
  private seq = 0;

  constructor(
    private readonly rng: Random,
    private readonly t: number,
  ) {}

  /** Appends an activity; it promises a next step (due 1–5 days ahead) unless it closes the deal (`promise` false). */
  activity(
    rep: RepPlan,
    deal: unknown[] | null,
    leadId: string | null,
    at: number,
    kind: ActivityKind,
    tags: string[],
    stage: number,
    promise = true,
  ): void {
    const id = `av-${rep.regionKey}-${String(rep.no).padStart(3, '0')}-L${this.t.toString(36)}-${++this.seq}`;
    const account = deal ? (deal[D_ACCOUNT] as string) : null;
    const attachment = kind === 'demo' || kind === 'quote' ? 1 : 0;
    const due = this.t + Math.round(this.rng.range(1, 5) * DAY_MS);
    const summary = summaryFor(this.rng, tags[0] ?? TAGS.needsDiscovery);
    const row = [
      id,
      rep.regionId,
      rep.id,
      deal ? deal[D_ID] : null,
      leadId,
      account,
      kind,
      at,
      this.t,
      this.rng.int(5, 60),
      [...tags],
      summary,
      attachment,
    ];
    this.activities.push([...row, promise ? nextStepFor(this.rng, stage) : null, promise ? due : null]);
  }

  batches(): DemoBatch[] {
    const out: DemoBatch[] = [];
    if (this.leads.length) out.push({ table: 'leads', rows: this.leads });
    if (this.deals.length) out.push({ table: 'deals', rows: this.deals });
    if (this.stageChanges.length) out.push({ table: 'stage_changes', rows: this.stageChanges });
    if (this.activities.length) out.push({ table: 'activities', rows: this.activities });
    return out;
  }
}

/** Fields the new stage requires, filled in as the rep would when advancing. */
function fillFields(rng: Random, deal: unknown[], stage: number, at: number): Record<string, unknown> {
  const fields = { ...(deal[D_FIELDS] as Record<string, unknown>) };
  const amount = deal[D_AMOUNT] as number;
  fields.contact_name ??= personName(rng);
  if (stage >= 2) {
    fields.budget ??= Math.round((amount * 1.1) / 1000) * 1000;
    fields.decision_maker ??= personName(rng);
  }
  if (stage >= 3) fields.demo_date ??= localDate(at);
  if (stage >= 4) {
    fields.quote_amount ??= amount;
    fields.stamped_materials = true;
  }
  if (stage >= 5) fields.contract_no ??= `HT${localDate(at).replaceAll('-', '')}${rng.int(100, 999)}`;
  return fields;
}

export function createLiveGenerator(options: LiveOptions): LiveGenerator {
  const plan = buildPlan({ scale: options.scale, seed: options.seed, now: options.now, plants: options.plants ?? true });
  const pool = buildPool(plan, options.repsPerRegion ?? 3);
  const byId = new Map(pool.map((p) => [p.row[D_ID] as string, p]));
  const reps = [...new Set(pool.map((p) => p.rep))];
  let lastT = plan.options.now;

  const refresh = (rows: readonly unknown[][]): void => {
    const given = new Map(rows.map((row) => [row[D_ID] as string, row]));
    for (const [id, entry] of byId) {
      const row = given.get(id);
      if (row && row[D_STATUS] === 'open') entry.row = [...row];
      else byId.delete(id);
    }
  };

  const advance = (batch: LiveBatch, rng: Random, t: number, entry: PoolDeal): void => {
    const deal = entry.row;
    const from = stageOrdinal(deal[D_STAGE]);
    const at = Math.max(t - MINUTE_MS, entry.lastActivityAt + SECOND_MS);
    if (from === 5) {
      deal[D_STATUS] = 'won';
      deal[D_CLOSED] = at;
      batch.activity(entry.rep, deal, null, at, 'visit', [TAGS.decisionMaker], 5, false);
      byId.delete(deal[D_ID] as string);
    } else {
      const to = from + 1;
      const suffix = (deal[D_ID] as string).slice(3);
      batch.stageChanges.push([
        `sc-${suffix}-L${t.toString(36)}`,
        entry.region.id,
        deal[D_ID],
        stageAt(from).id,
        stageAt(to).id,
        at,
        entry.rep.id,
      ]);
      deal[D_STAGE] = stageAt(to).id;
      deal[D_STAGE_ENTERED] = at;
      deal[D_FIELDS] = fillFields(rng, deal, to, at);
      const entryActivity = ENTRY[to] ?? { kind: 'visit' as const, tags: [TAGS.needsDiscovery] };
      batch.activity(entry.rep, deal, null, at, entryActivity.kind, entryActivity.tags, to);
      if (to === 3) batch.activity(entry.rep, deal, null, at + 30 * SECOND_MS, 'call', [TAGS.customerFeedback], 3);
    }
    batch.deals.push([...deal]);
    entry.lastActivityAt = at + 30 * SECOND_MS;
  };

  const newLead = (batch: LiveBatch, rng: Random, t: number): void => {
    const rep = rng.pick(reps);
    const id = `ld-${rep.regionKey}-${String(rep.no).padStart(3, '0')}-L${t.toString(36)}`;
    const score = rng.int(30, 95);
    const grade = score >= 75 ? 'A' : score >= 50 ? 'B' : 'C';
    const firstTouch = t - 2 * MINUTE_MS;
    batch.leads.push([
      id,
      rep.regionId,
      rng.pick(LEAD_SOURCES),
      t - 20 * MINUTE_MS,
      rep.id,
      t - 18 * MINUTE_MS,
      firstTouch,
      score,
      grade,
      'working',
      null,
    ]);
    batch.activity(rep, null, id, firstTouch, 'call', [TAGS.firstContact], 1);
  };

  return {
    get dealIds() {
      return [...byId.keys()];
    },
    next(nowMs: number, current?: LiveCurrentState): DemoBatch[] {
      if (current?.deals) refresh(current.deals);
      // Time never runs backwards, even if the caller's clock does.
      const t = Math.max(Math.floor(nowMs), lastT + SECOND_MS);
      lastT = t;
      const rng = randomFor(plan.options.seed, STREAM.live, t);
      const batch = new LiveBatch(rng, t);
      const open = [...byId.values()];
      if (open.length === 0) return [];
      for (let i = rng.int(1, 3); i > 0; i--) {
        const entry = rng.pick(open);
        const at = Math.max(t - rng.int(0, 10) * MINUTE_MS, entry.lastActivityAt + SECOND_MS);
        const stage = stageOrdinal(entry.row[D_STAGE]);
        const tag = FOLLOW_UP_TAGS[stage] ?? TAGS.needsDiscovery;
        batch.activity(
          entry.rep,
          entry.row,
          null,
          at,
          tag === TAGS.techDemo ? 'demo' : rng.pick(['call', 'wechat', 'visit'] as const),
          [tag],
          stage,
        );
        entry.lastActivityAt = at;
      }
      if (rng.chance(0.35)) {
        const ready = open.filter(
          (p) => byId.has(p.row[D_ID] as string) && t - (p.row[D_STAGE_ENTERED] as number) >= MIN_DWELL_MS,
        );
        if (ready.length) advance(batch, rng, t, rng.pick(ready));
      }
      if (rng.chance(0.25)) newLead(batch, rng, t);
      return batch.batches();
    },
  };
}
