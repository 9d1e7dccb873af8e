// The demo generator's rows fit the replicated schema: column count and types per TABLES, nullability, parents
// emitted before children, references inside the same region, plausible times and distributions.
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES, TABLES } from '../../../src/shared/sync/tables';
import { MAX_BATCH_ROWS, generateDemo } from '../../../src/server/demo/generate';
import { STAGES } from '../../../src/server/demo/vocab';
import { NOW, NOW_MONDAY_PM, loadDataset, type Dataset } from './dataset';
import { ReferenceTracker, shapeProblems } from './integrity';
import { DAY, HOUR, changesByDeal, localHourOf, weekdayOfTime } from './rules';

describe.each([
  ['planted, Wednesday morning', { scale: 'demo' as const, seed: 7, now: NOW, plants: true }],
  ['control, Monday afternoon', { scale: 'demo' as const, seed: 11, now: NOW_MONDAY_PM, plants: false }],
])('demo rows (%s)', (_label, options) => {
  const ds: Dataset = loadDataset(options);

  it('every row has the columns and types of TABLES, in batches of at most 5,000', () => {
    const problems = ds.batches.flatMap((b) => shapeProblems(b));
    expect(problems).toEqual([]);
    for (const batch of ds.batches) {
      expect(TABLE_NAMES).toContain(batch.table);
      expect(TABLES[batch.table]).not.toHaveProperty('clientWritable', true);
      expect(batch.rows.length).toBeGreaterThan(0);
      expect(batch.rows.length).toBeLessThanOrEqual(MAX_BATCH_ROWS);
    }
  });

  it('emits every parent before its children, inside the same region, and each id once', () => {
    const tracker = new ReferenceTracker();
    for (const batch of ds.batches) tracker.add(batch);
    expect(tracker.problems.slice(0, 10)).toEqual([]);
  });

  it('has the national root, the default pipeline and Chinese names', () => {
    expect(ds.regions[0]).toMatchObject({ id: 'rg-national', parent_id: null, utc_offset_min: 480 });
    expect(ds.regions.slice(1).map((r) => r.name)).toEqual(['华东', '华南', '华北', '西南', '华中']);
    expect(ds.regions.slice(1).every((r) => r.parent_id === 'rg-national' && r.name_en.endsWith('China'))).toBe(true);
    expect(ds.stages.map((s) => s.name)).toEqual(['初步接触', '需求确认', '方案演示', '报价谈判', '合同签署']);
    expect(ds.stages.map((s) => s.required_fields.length)).toEqual(STAGES.map((s) => s.requiredFields.length));
    expect(ds.reps.every((r) => /^[\u4e00-\u9fa5]{2,3}$/.test(r.name))).toBe(true);
    expect(new Set(ds.accounts.map((a) => a.segment))).toEqual(
      new Set(['hospital', 'school', 'education_bureau', 'factory', 'dealer']),
    );
    expect(ds.accounts.filter((a) => a.segment === 'education_bureau').every((a) => /教育|教师/.test(a.name))).toBe(true);
  });

  it('puts no event after now and keeps each entity timeline in order', () => {
    const late = (t: number | null): boolean => t !== null && t > ds.now;
    expect(ds.reps.filter((r) => late(r.hired_at) || late(r.departed_at))).toEqual([]);
    expect(ds.leads.filter((l) => late(l.created_at) || late(l.assigned_at) || late(l.first_touch_at))).toEqual([]);
    expect(ds.deals.filter((d) => late(d.created_at) || late(d.stage_entered_at) || late(d.closed_at))).toEqual([]);
    expect(ds.activities.filter((a) => late(a.occurred_at) || late(a.logged_at) || a.logged_at < a.occurred_at)).toEqual([]);
    expect(
      ds.leads.filter((l) => l.assigned_at! < l.created_at || (l.first_touch_at !== null && l.first_touch_at <= l.assigned_at!)),
    ).toEqual([]);
    const windowStart = ds.now - 113 * DAY;
    expect(ds.deals.filter((d) => d.created_at < windowStart)).toEqual([]);
  });

  it('keeps each deal consistent with its stage history', () => {
    const byDeal = changesByDeal(ds);
    const broken: string[] = [];
    for (const deal of ds.deals) {
      const changes = byDeal.get(deal.id) ?? [];
      const chainOk = changes.every((c, i) =>
        i === 0 ? c.from_stage_id === null : c.from_stage_id === changes[i - 1]!.to_stage_id,
      );
      const ascending = changes.every((c, i) => i === 0 || c.changed_at > changes[i - 1]!.changed_at);
      const lastChange = changes[changes.length - 1];
      const closedOk =
        deal.status === 'open' ? deal.closed_at === null && deal.lost_reason === null : deal.closed_at! >= deal.stage_entered_at;
      const lostOk = (deal.status === 'lost') === (deal.lost_reason !== null);
      if (
        !chainOk ||
        !ascending ||
        !closedOk ||
        !lostOk ||
        changes[0]?.changed_at !== deal.created_at ||
        lastChange?.to_stage_id !== deal.stage_id ||
        lastChange.changed_at !== deal.stage_entered_at
      )
        broken.push(deal.id);
    }
    expect(broken).toEqual([]);
  });

  it('logs activities only while the deal is open, the lead exists and the rep is employed', () => {
    const deals = new Map(ds.deals.map((d) => [d.id, d]));
    const leads = new Map(ds.leads.map((l) => [l.id, l]));
    const reps = new Map(ds.reps.map((r) => [r.id, r]));
    const odd = ds.activities.filter((a) => {
      const deal = a.deal_id ? deals.get(a.deal_id) : undefined;
      const lead = a.lead_id ? leads.get(a.lead_id) : undefined;
      const rep = reps.get(a.rep_id)!;
      if (
        deal &&
        (a.occurred_at < deal.created_at || a.occurred_at > (deal.closed_at ?? ds.now) || deal.owner_rep_id !== a.rep_id)
      )
        return true;
      if (lead && (a.occurred_at < lead.assigned_at! || lead.assigned_rep_id !== a.rep_id)) return true;
      return rep.departed_at !== null && a.occurred_at > rep.departed_at;
    });
    expect(odd.map((a) => a.id)).toEqual([]);
    const touched = new Set(
      ds.activities.filter((a) => a.lead_id && a.tags.includes('首次接触')).map((a) => `${a.lead_id}@${a.occurred_at}`),
    );
    expect(ds.leads.filter((l) => l.first_touch_at !== null && !touched.has(`${l.id}@${l.first_touch_at}`))).toEqual([]);
  });

  it('follows a working week: office hours, few weekend entries, skewed deal sizes, the six tags', () => {
    const acts = ds.activities;
    const weekend = acts.filter((a) => weekdayOfTime(a.occurred_at) >= 6).length / acts.length;
    const office = acts.filter((a) => localHourOf(a.occurred_at) >= 9 && localHourOf(a.occurred_at) < 18).length / acts.length;
    expect(weekend).toBeLessThan(0.05);
    expect(office).toBeGreaterThan(0.9);
    const amounts = ds.deals.map((d) => d.amount).sort((a, b) => a - b);
    const mean = amounts.reduce((s, a) => s + a, 0) / amounts.length;
    expect(mean / amounts[amounts.length >> 1]!).toBeGreaterThan(1.15);
    expect(new Set(acts.flatMap((a) => a.tags))).toEqual(
      new Set(['首次接触', '需求挖掘', '技术演示', '价格谈判', '决策人确认', '客户反馈']),
    );
    expect(new Set(acts.map((a) => a.kind))).toEqual(new Set(['visit', 'call', 'wechat', 'demo', 'quote', 'check-in', 'email']));
    expect(ds.reps.filter((r) => r.status === 'departed').every((r) => r.departed_at !== null)).toBe(true);
    expect(
      ds.deals.some((d) => d.status === 'won') &&
        ds.deals.some((d) => d.status === 'lost') &&
        ds.deals.some((d) => d.status === 'open'),
    ).toBe(true);
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    expect(median(acts.map((a) => a.logged_at - a.occurred_at))).toBeLessThan(2 * HOUR);
  });

  it('sets targets per region and rep for every week, month and quarter and metric', () => {
    const periods = new Set(ds.targets.map((t) => t.period));
    const metrics = new Set(ds.targets.map((t) => t.metric));
    expect(periods).toEqual(new Set(['week', 'month', 'quarter']));
    expect(metrics).toEqual(new Set(['revenue', 'won_deals', 'new_deals']));
    const regionWeeks = ds.targets.filter(
      (t) => t.rep_id === null && t.period === 'week' && t.metric === 'revenue' && t.region_id === 'rg-east',
    );
    expect(regionWeeks.length).toBeGreaterThanOrEqual(16);
    expect(ds.targets.every((t) => t.value >= 0)).toBe(true);
    expect(
      ds.targets.filter((t) => t.period === 'week').every((t) => new Date(`${t.period_start}T00:00:00Z`).getUTCDay() === 1),
    ).toBe(true);
  });
});

describe('streaming', () => {
  it('yields the first batches of scale L without generating the rest', () => {
    const started = performance.now();
    const iterator = generateDemo({ scale: 'L', seed: 1, now: NOW, plants: true })[Symbol.iterator]();
    const first: string[] = [];
    for (let i = 0; i < 6; i++) {
      const next = iterator.next();
      if (next.done) break;
      first.push(next.value.table);
      expect(next.value.rows.length).toBeLessThanOrEqual(MAX_BATCH_ROWS);
    }
    expect(first.slice(0, 2)).toEqual(['regions', 'stages']);
    expect(performance.now() - started).toBeLessThan(3000);
    iterator.return?.();
  });
});
