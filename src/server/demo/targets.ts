// Targets for a region and each of its reps: every week, month and quarter the data touches, for revenue, won deals
// and new deals. A rep's target is their expected pace plus a stretch; the region's is the sum of its reps'.
import { type DemoPlan, type RegionPlan, type RepPlan, STREAM } from './plan';
import { randomFor } from './random';
import { SCALES, WINDOW_DAYS } from './scales';
import { dayToDate, localDay, monthStartDay, quarterStartDay, weekStartDay } from './time';

type Period = 'week' | 'month' | 'quarter';
type Metric = 'revenue' | 'won_deals' | 'new_deals';
const METRICS: readonly Metric[] = ['revenue', 'won_deals', 'new_deals'];

interface PeriodSpan {
  period: Period;
  start: number;
  end: number;
}

/** Expected win rate and deal size behind the revenue targets (the generator's pipeline converts ~30 %). */
const WIN_RATE = 0.3;
const AVERAGE_WON_AMOUNT = 380_000;

function periodsOf(plan: DemoPlan): PeriodSpan[] {
  const first = localDay(plan.windowStart);
  const today = localDay(plan.options.now);
  const spans: PeriodSpan[] = [];
  for (let d = weekStartDay(first); d <= today; d += 7) spans.push({ period: 'week', start: d, end: d + 7 });
  for (let d = monthStartDay(first); d <= today; d = monthStartDay(d, 1))
    spans.push({ period: 'month', start: d, end: monthStartDay(d, 1) });
  for (let d = quarterStartDay(first); d <= today; d = quarterStartDay(d, 1))
    spans.push({ period: 'quarter', start: d, end: quarterStartDay(d, 1) });
  return spans;
}

function targetId(region: RegionPlan, rep: RepPlan | null, span: PeriodSpan, metric: Metric): string {
  const owner = rep ? String(rep.no).padStart(3, '0') : 'all';
  return `tg-${region.key}-${owner}-${span.period[0]}${dayToDate(span.start).replaceAll('-', '')}-${metric}`;
}

function round(metric: Metric, value: number): number {
  return metric === 'revenue' ? Math.round(value / 10_000) * 10_000 : Math.round(value * 10) / 10;
}

export function targetRows(plan: DemoPlan, region: RegionPlan): unknown[][] {
  const spans = periodsOf(plan);
  const cfg = SCALES[plan.options.scale];
  const rows: unknown[][] = [];
  const regionTotals = new Map<string, number>();
  for (const rep of region.reps) {
    const rng = randomFor(plan.options.seed, STREAM.repExtras, region.index, rep.no, 2);
    const stretch = rng.range(1.05, 1.25);
    const newPerDay = (cfg.dealsPerRep * rep.factor) / WINDOW_DAYS;
    const perDay: Record<Metric, number> = {
      new_deals: newPerDay * stretch,
      won_deals: newPerDay * WIN_RATE * stretch,
      revenue: newPerDay * WIN_RATE * AVERAGE_WON_AMOUNT * stretch,
    };
    const hired = localDay(rep.hiredAt);
    const left = rep.departedAt === null ? Infinity : localDay(rep.departedAt);
    for (const span of spans) {
      if (span.end <= hired || span.start > left) continue;
      for (const metric of METRICS) {
        const value = round(metric, perDay[metric] * (span.end - span.start));
        rows.push([targetId(region, rep, span, metric), region.id, rep.id, span.period, dayToDate(span.start), metric, value]);
        const key = targetId(region, null, span, metric);
        regionTotals.set(key, (regionTotals.get(key) ?? 0) + value);
      }
    }
  }
  for (const span of spans) {
    for (const metric of METRICS) {
      const id = targetId(region, null, span, metric);
      rows.push([id, region.id, null, span.period, dayToDate(span.start), metric, round(metric, regionTotals.get(id) ?? 0)]);
    }
  }
  return rows;
}
