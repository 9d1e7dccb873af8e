// Result metrics: won amount, win rate, average cycle, targets (exact ISO week, prorated day, rep targets for a
// rep scope), attainment, pipeline coverage (null without a target or once it is met) and the top-3 lost reasons.
import { beforeAll, describe, expect, it } from 'vitest';
import { overviewScene } from '../../../../src/core/analytics';
import { DAY, Fixture, NOW, REGION, at, day, week25 } from './fixture';

const o = { now: NOW };
const scope = { regionIds: [REGION] };

describe('result metrics (week 2025-W25)', () => {
  const f = new Fixture();
  beforeAll(() => {
    f.rep({ id: 'rp-a' });
    f.rep({ id: 'rp-b' });
    const won = (amount: number, created: string, closed: string, owner = 'rp-a') =>
      f.deal({
        owner_rep_id: owner,
        stage_id: 'st-contract',
        amount,
        status: 'won',
        created_at: at(created),
        closed_at: at(closed),
      });
    won(300_000, '2025-06-06 10:00', '2025-06-16 10:00'); // 10 d
    won(200_000, '2025-05-27 10:00', '2025-06-17 10:00', 'rp-b'); // 21 d
    won(999_000, '2025-05-01 10:00', '2025-06-15 10:00'); // closed the Sunday before: not this week
    won(100_000, '2025-05-01 10:00', '2025-06-10 10:00'); // the Tuesday before: within last week's Monday–Wednesday
    const lost = (reason: string | null, closed = '2025-06-17 12:00') =>
      f.deal({
        owner_rep_id: 'rp-b',
        status: 'lost',
        lost_reason: reason,
        closed_at: at(closed),
        created_at: at('2025-06-01 10:00'),
      });
    for (const r of ['选择竞品', '选择竞品', '价格过高', '价格过高', '预算冻结', null]) lost(r);
    f.deal({
      owner_rep_id: 'rp-a',
      amount: 400_000,
      created_at: at('2025-06-16 09:00'),
      stage_entered_at: at('2025-06-16 09:00'),
    }); // open
    f.deal({
      owner_rep_id: 'rp-b',
      amount: 600_000,
      created_at: at('2025-06-18 09:00'),
      stage_entered_at: at('2025-06-18 09:00'),
    }); // open
    f.target({ period: 'week', period_start: '2025-06-16', metric: 'revenue', value: 1_000_000 });
    f.target({ period: 'week', period_start: '2025-06-16', metric: 'won_deals', value: 4 });
    f.target({ period: 'week', period_start: '2025-06-16', metric: 'new_deals', value: 10 });
    f.target({ period: 'week', period_start: '2025-06-09', metric: 'revenue', value: 700_000 });
    f.target({ rep_id: 'rp-a', period: 'week', period_start: '2025-06-16', metric: 'revenue', value: 600_000 });
  });

  it('sums won deals closed in the period and their cycle', () => {
    const r = overviewScene(f.db, scope, week25, o).kpis.result;
    expect(r.wonAmount).toBe(500_000);
    expect(r.wonDeals).toBe(2);
    expect(r.lostDeals).toBe(6);
    expect(r.winRate).toEqual({ value: 2 / 8, num: 2, den: 8 });
    expect(r.avgCycleDays).toBeCloseTo(15.5, 10);
    // Created this week: the two open deals.
    expect(r.newDeals).toBe(2);
  });

  it('measures attainment against the exact week target, and pipeline coverage against what is left', () => {
    const r = overviewScene(f.db, scope, week25, o).kpis.result;
    expect(r.targets).toEqual({ revenue: 1_000_000, wonDeals: 4, newDeals: 10 });
    expect(r.attainment.revenue).toEqual({ value: 0.5, num: 500_000, den: 1_000_000 });
    expect(r.attainment.wonDeals.value).toBe(0.5);
    expect(r.openPipeline).toBe(1_000_000);
    expect(r.pipelineCoverage).toEqual({ value: 2, num: 1_000_000, den: 500_000 });
  });

  it('prorates week targets over a single day', () => {
    const r = overviewScene(f.db, scope, day('2025-06-16'), o).kpis.result;
    expect(r.targets.revenue).toBeCloseTo(1_000_000 / 7, 6);
    expect(r.attainment.revenue.value).toBeCloseTo(300_000 / (1_000_000 / 7), 10);
  });

  it('uses the reps’ own targets for a rep scope', () => {
    const r = overviewScene(f.db, { regionIds: [REGION], repIds: ['rp-a'] }, week25, o).kpis.result;
    expect(r.wonAmount).toBe(300_000);
    expect(r.targets.revenue).toBe(600_000);
    expect(r.pipelineCoverage).toEqual({ value: 400_000 / 300_000, num: 400_000, den: 300_000 });
  });

  it('lists the top three lost reasons with their shares; a missing reason is "(none)"', () => {
    const r = overviewScene(f.db, scope, week25, o).kpis.result;
    expect(r.lostReasonsTop3).toEqual([
      { reason: '价格过高', count: 2, share: 2 / 6 },
      { reason: '选择竞品', count: 2, share: 2 / 6 },
      { reason: '(none)', count: 1, share: 1 / 6 },
    ]);
  });

  it('gives "no data" without a target and once the target is met', () => {
    const noTarget = overviewScene(f.db, scope, { kind: 'week', week: '2025-W26' }, o).kpis.result;
    expect(noTarget.attainment.revenue.value).toBeNull();
    expect(noTarget.pipelineCoverage.value).toBeNull();
    const g = new Fixture();
    g.deal({ status: 'won', amount: 2_000_000, closed_at: at('2025-06-16 10:00') });
    g.deal({ amount: 10_000, created_at: NOW - DAY, stage_entered_at: NOW - DAY });
    g.target({ value: 1_000_000 });
    const met = overviewScene(g.db, scope, week25, o).kpis.result;
    expect(met.attainment.revenue.value).toBe(2);
    expect(met.pipelineCoverage).toEqual({ value: null, num: 10_000, den: 0 });
  });

  it('gives week-over-week deltas against the whole previous ISO week once the week is over', () => {
    const after = overviewScene(f.db, scope, week25, { now: at('2025-06-23 10:00') });
    const d = after.deltas;
    // Previous week: 999,000 (Sunday 06-15) + 100,000 (Tuesday 06-10) won, against a 700,000 target.
    expect(d.wonAmount).toEqual({ current: 500_000, previous: 1_099_000, delta: -599_000, deltaPct: -599_000 / 1_099_000 });
    expect(d.attainmentRevenue.previous).toBeCloseTo(1_099_000 / 700_000, 10);
    expect(d.pipelineCoverage.previous).toBeNull(); // point-in-time: no history
    expect(after.previousPeriod).toMatchObject({ label: '2025-W24', from: '2025-06-09', to: '2025-06-15', days: 7 });
  });

  it('compares a running week to date: Monday–Wednesday against last Monday–Wednesday', () => {
    const running = overviewScene(f.db, scope, week25, o); // NOW is Wednesday 06-18
    expect(running.previousPeriod).toMatchObject({ from: '2025-06-09', to: '2025-06-11', days: 3 });
    expect(running.deltas.wonAmount).toEqual({ current: 500_000, previous: 100_000, delta: 400_000, deltaPct: 4 });
    // Like for like: both sides against their whole week's target, so the current side is the headline figure.
    expect(running.deltas.attainmentRevenue.current).toBe(running.kpis.result.attainment.revenue.value);
    expect(running.deltas.attainmentRevenue.previous).toBeCloseTo(100_000 / 700_000, 10);
  });
});
