// Process metrics on hand-built deals and leads: stage conversion and dwell (skipped stages, a regression, a lost
// deal, nearest-rank p80), stage-overdue rate at exactly max dwell, required-field missing rate, lead first response
// (exactly 24 h, median of an even count), sleeping-lead rate at exactly 14 days, stage-advance efficiency.
import { beforeAll, describe, expect, it } from 'vitest';
import { funnelScene, overviewScene } from '../../../../src/core/analytics';
import { DAY, Fixture, HOUR, NOW, REGION, at, week25 } from './fixture';

const o = { now: NOW };
const scope = { regionIds: [REGION] };
const FULL = { contact_name: '李娜', budget: 100_000, demo_date: '2025-06-17', quote_amount: 98_000 };

describe('process metrics (week 2025-W25; now Wed 06-18 11:30)', () => {
  const f = new Fixture();
  beforeAll(() => {
    f.rep({ id: 'rp-x' });
    // D1: initial 15 d → needs 1 d → demo (open). D2 skips needs. D3 moves back quote → demo. D4 lost from initial.
    f.dealPath(
      [
        ['st-initial', at('2025-06-01 10:00')],
        ['st-needs', at('2025-06-16 10:00')],
        ['st-demo', at('2025-06-17 10:00')],
      ],
      { fields: FULL },
    );
    f.dealPath(
      [
        ['st-initial', at('2025-06-10 10:00')],
        ['st-demo', at('2025-06-16 22:00')],
      ],
      { fields: { contact_name: 'x', budget: 1 } },
    );
    f.dealPath(
      [
        ['st-initial', at('2025-05-20 10:00')],
        ['st-needs', at('2025-05-25 10:00')],
        ['st-demo', at('2025-06-01 10:00')],
        ['st-quote', at('2025-06-05 10:00')],
        ['st-demo', at('2025-06-17 10:00')],
      ],
      { fields: FULL },
    );
    f.dealPath([['st-initial', at('2025-06-12 10:00')]], {
      status: 'lost',
      closed_at: at('2025-06-18 10:00'),
      lost_reason: '预算冻结',
    });
    // D5 was lost, then reopened: open again, in 需求确认 since 06-05 (13 d of 21).
    f.dealPath(
      [
        ['st-initial', at('2025-06-02 10:00')],
        ['st-needs', at('2025-06-05 10:00')],
      ],
      { fields: FULL, lost_reason: '预算冻结' },
    );
    // D6 exactly 14 d in 初步接触 (not overdue); D7 one minute more (overdue); D8 an empty required field.
    f.dealPath([['st-initial', NOW - 14 * DAY]]);
    f.dealPath([['st-initial', NOW - 14 * DAY - 60_000]]);
    f.dealPath([['st-initial', NOW - DAY]], { fields: { contact_name: '' } });
  });

  it('converts and times the stays that ended in the period', () => {
    const stages = new Map(funnelScene(f.db, scope, week25, o).stages.map((s) => [s.stageId, s]));
    const initial = stages.get('st-initial');
    // Exits: D1 after 15 d (forward), D2 after 6.5 d (forward, skipping 需求确认), D4 after 6 d (lost).
    expect(initial?.exits).toBe(3);
    expect(initial?.conversion).toEqual({ value: 2 / 3, num: 2, den: 3 });
    expect(initial?.dwellAvgDays).toBeCloseTo((15 + 6.5 + 6) / 3, 10);
    expect(initial?.dwellP80Days).toBeCloseTo(15, 10); // nearest rank ⌈0.8 × 3⌉ = 3rd of 6, 6.5, 15
    expect(stages.get('st-needs')?.conversion).toEqual({ value: 1, num: 1, den: 1 });
    expect(stages.get('st-needs')?.dwellAvgDays).toBeCloseTo(1, 10);
    // D3 left 报价谈判 backwards after 12 d: an exit that did not convert.
    expect(stages.get('st-quote')?.conversion).toEqual({ value: 0, num: 0, den: 1 });
    expect(stages.get('st-contract')?.conversion.value).toBeNull();
  });

  it('rates open deals past max dwell and missing required fields, as of now', () => {
    const k = overviewScene(f.db, scope, week25, o).kpis.process;
    // Open: D1, D2, D3, D5 (reopened), D6, D7, D8 = 7. Overdue: D7 only. Missing: D2 (demo_date), D8 (contact_name '').
    expect(k.stageOverdueRate).toEqual({ value: 1 / 7, num: 1, den: 7 });
    expect(k.requiredFieldMissingRate).toEqual({ value: 2 / 7, num: 2, den: 7 });
    const funnel = funnelScene(f.db, scope, week25, o);
    expect(funnel.stages.find((s) => s.stageId === 'st-initial')?.overdueRate).toEqual({ value: 1 / 3, num: 1, den: 3 });
    expect(funnel.bottlenecks[0]).toBe('st-initial');
  });

  it('counts the reopened deal as open, not lost', () => {
    const r = overviewScene(f.db, scope, week25, o).kpis.result;
    expect(r.lostDeals).toBe(1); // D4 only
  });
});

describe('stage flow per region and per rep (each region by its own local week)', () => {
  const f = new Fixture();
  const WEST = 'rg-west'; // UTC+7: its week 25 starts an hour after 华东's
  const path = (region: string, rep: string, steps: readonly (readonly [string | null, string, number])[]) => {
    const id = f.deal({ region_id: region, owner_rep_id: rep, stage_id: steps[steps.length - 1]?.[1] });
    // Ids that sort in step order: equal timestamps are ordered by id.
    steps.forEach(([from, to, when], i) =>
      f.stageChange(id, from, to, when, { id: `${id}-${i}`, region_id: region, changed_by: rep }),
    );
  };
  beforeAll(() => {
    f.insert('regions', { id: WEST, region_id: WEST, name: '西区', name_en: 'West', parent_id: null, utc_offset_min: 420 });
    f.rep({ id: 'rp-a' });
    f.rep({ id: 'rp-b' });
    f.rep({ id: 'rp-w', region_id: WEST });
    // 华东, rp-a: 7 d in 初步接触, forward.
    path(REGION, 'rp-a', [
      [null, 'st-initial', at('2025-06-10 10:00')],
      ['st-initial', 'st-needs', at('2025-06-17 10:00')],
    ]);
    // 华东, rp-b: 1 h in 初步接触 (forward), then back from 需求确认 the same millisecond (a 0 ms stay, not forward).
    path(REGION, 'rp-b', [
      [null, 'st-initial', at('2025-06-16 09:00')],
      ['st-initial', 'st-needs', at('2025-06-16 10:00')],
      ['st-needs', 'st-initial', at('2025-06-16 10:00')],
    ]);
    // West: one exit at Mon 00:30 in 华东's time, which is Sun 23:30 in the west (last week there); one 7 d exit.
    path(WEST, 'rp-w', [
      [null, 'st-initial', at('2025-06-09 10:00')],
      ['st-initial', 'st-needs', at('2025-06-16 00:30')],
    ]);
    path(WEST, 'rp-w', [
      [null, 'st-initial', at('2025-06-10 10:00')],
      ['st-initial', 'st-needs', at('2025-06-17 10:00')],
    ]);
  });

  it('sums the regions, takes the p80 over all of them and splits the heatmap by region', () => {
    const funnel = funnelScene(f.db, { regionIds: [REGION, WEST] }, week25, o);
    const initial = funnel.stages.find((s) => s.stageId === 'st-initial');
    expect(initial?.exits).toBe(3); // rp-a 7 d, rp-b 1 h, west 7 d (the Sunday exit is last week's in the west)
    expect(initial?.conversion).toEqual({ value: 1, num: 3, den: 3 });
    expect(initial?.dwellAvgDays).toBeCloseTo((7 + 7 + 1 / 24) / 3, 10);
    expect(initial?.dwellP80Days).toBeCloseTo(7, 10);
    const needs = funnel.stages.find((s) => s.stageId === 'st-needs');
    expect(needs?.exits).toBe(1);
    expect(needs?.conversion).toEqual({ value: 0, num: 0, den: 1 });
    expect(needs?.dwellAvgDays).toBe(0);
    expect(needs?.dwellP80Days).toBe(0);
    const cell = (region: string, stage: string) => funnel.heatmap.find((c) => c.regionId === region && c.stageId === stage);
    expect(cell(REGION, 'st-initial')).toMatchObject({ exits: 2 });
    expect(cell(REGION, 'st-initial')?.dwellAvgDays).toBeCloseTo((7 + 1 / 24) / 2, 10);
    expect(cell(WEST, 'st-initial')).toMatchObject({ exits: 1, dwellAvgDays: 7 });
    expect(cell(WEST, 'st-needs')).toMatchObject({ exits: 0, dwellAvgDays: null });
  });

  it('keeps only the named reps', () => {
    const funnel = funnelScene(f.db, { regionIds: [REGION, WEST], repIds: ['rp-b'] }, week25, o);
    const initial = funnel.stages.find((s) => s.stageId === 'st-initial');
    expect(initial?.exits).toBe(1);
    expect(initial?.dwellAvgDays).toBeCloseTo(1 / 24, 10);
    expect(funnel.stages.find((s) => s.stageId === 'st-needs')?.exits).toBe(1);
    expect(funnel.heatmap.filter((c) => c.exits > 0).map((c) => [c.regionId, c.stageId])).toEqual([
      [REGION, 'st-initial'],
      [REGION, 'st-needs'],
    ]);
  });
});

describe('lead response and sleeping leads', () => {
  const f = new Fixture();
  const lead = (assigned: string, touchedAfterMs: number | null, extra: Record<string, unknown> = {}) =>
    f.lead({
      assigned_rep_id: 'rp-x',
      assigned_at: at(assigned),
      first_touch_at: touchedAfterMs === null ? null : at(assigned) + touchedAfterMs,
      ...extra,
    });
  beforeAll(() => {
    f.rep({ id: 'rp-x' });
    lead('2025-06-16 10:00', HOUR); // 1 h
    lead('2025-06-16 12:00', 24 * HOUR); // exactly 24 h: on time
    lead('2025-06-16 13:00', 24 * HOUR + 1000); // 24 h + 1 s: late
    lead('2025-06-17 09:00', null, { status: 'new' }); // untouched: late, not in the median
    lead('2025-06-17 10:00', 2 * HOUR); // 2 h
    lead('2025-06-15 10:00', HOUR, { status: 'disqualified' }); // the Sunday before: outside the week, closed
    // Sleeping: idle exactly 14 d (sleeping) and 14 d − 1 min (awake), both first touched long ago.
    const s1 = lead('2025-05-20 10:00', HOUR);
    const s2 = lead('2025-05-20 10:00', HOUR);
    f.activity({ lead_id: s1, rep_id: 'rp-x', kind: 'call', occurred_at: NOW - 14 * DAY });
    f.activity({ lead_id: s2, rep_id: 'rp-x', kind: 'call', occurred_at: NOW - 14 * DAY + 60_000 });
    lead('2025-05-01 10:00', HOUR, { status: 'converted' }); // closed: never sleeping
  });

  it('shares within 24 h (untouched count as late) and takes the median of touched leads', () => {
    const k = overviewScene(f.db, { regionIds: [REGION] }, week25, o).kpis.process;
    expect(k.leadResponseWithin24h).toEqual({ value: 3 / 5, num: 3, den: 5 });
    // Touched delays 1 h, 2 h, 24 h, 24 h + 1 s → median (2 + 24) / 2.
    expect(k.leadFirstResponseMedianHours).toBeCloseTo(13, 10);
  });

  it('rates open leads idle for ≥ 14 days', () => {
    const k = overviewScene(f.db, { regionIds: [REGION] }, week25, o).kpis.process;
    // Open: the 5 of this week + s1 + s2 = 7; sleeping: s1.
    expect(k.sleepingLeadRate).toEqual({ value: 1 / 7, num: 1, den: 7 });
  });
});

describe('stage-advance efficiency', () => {
  it('divides forward stage moves by effective follow-ups', () => {
    const f = new Fixture();
    f.rep({ id: 'rp-x' });
    f.dealPath([
      ['st-initial', at('2025-06-10 10:00')],
      ['st-needs', at('2025-06-16 10:00')],
      ['st-demo', at('2025-06-17 10:00')],
    ]);
    f.dealPath([
      ['st-quote', at('2025-06-10 10:00')],
      ['st-needs', at('2025-06-17 11:00')],
    ]); // a move back: not an advance
    f.activity({ rep_id: 'rp-x', account_id: 'ac-1', occurred_at: at('2025-06-16 10:00') });
    f.activity({ rep_id: 'rp-x', account_id: 'ac-2', occurred_at: at('2025-06-17 10:00') });
    const k = overviewScene(f.db, { regionIds: [REGION] }, week25, o).kpis.process;
    expect(k.stageAdvanceEfficiency).toEqual({ value: 1, num: 2, den: 2 });
  });
});

describe('bottleneck stages', () => {
  it('names only stages under pressure: ≥ 10 % overdue or p80 dwell beyond max dwell; none in a healthy funnel', () => {
    const g = new Fixture();
    const open = (stage: string, enteredDaysAgo: number) =>
      g.deal({ stage_id: stage, created_at: NOW - 40 * DAY, stage_entered_at: NOW - enteredDaysAgo * DAY });
    for (let i = 0; i < 10; i++) open('st-needs', 1); // healthy: nobody past max dwell
    expect(funnelScene(g.db, scope, week25, o).bottlenecks).toEqual([]);
    open('st-needs', 400); // 1 of 11 ≈ 9 % overdue: still below the floor
    expect(funnelScene(g.db, scope, week25, o).bottlenecks).toEqual([]);
    open('st-needs', 400); // 2 of 12 ≈ 17 %
    expect(funnelScene(g.db, scope, week25, o).bottlenecks).toEqual(['st-needs']);
  });
});
