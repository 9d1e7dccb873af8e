// Calendar arithmetic for analytics: local day numbers (days since 1970-01-01 in a region's DST-free local time),
// ISO weeks, months and quarters, and the conversion of a local day range to epoch-ms bounds per region.
import type { Period, ResolvedPeriod } from '../../shared/analytics/period';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Local day number of instant `t` at `offsetMin` minutes east of UTC. */
export function localDay(t: number, offsetMin: number): number {
  return Math.floor((t + offsetMin * MINUTE_MS) / DAY_MS);
}

/** Epoch ms where local day `day` begins at `offsetMin`. */
export function dayStart(day: number, offsetMin: number): number {
  return day * DAY_MS - offsetMin * MINUTE_MS;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function dateToDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing `day`. */
export function isoWeekStart(day: number): number {
  return day - weekday(day) + 1;
}

/** 'YYYY-Www' of the ISO week containing `day` (the ISO year is the year of that week's Thursday). */
export function isoWeekLabel(day: number): string {
  const thursday = isoWeekStart(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - dateToDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of ISO week 'YYYY-Www': week 1 is the week holding 4 January. */
export function isoWeekToDay(label: string): number {
  const [year, week] = label.split('-W').map(Number);
  return isoWeekStart(dateToDay(`${year ?? 1970}-01-04`)) + ((week ?? 1) - 1) * 7;
}

function monthStart(year: number, month0: number): number {
  return Date.UTC(year, month0, 1) / DAY_MS;
}

/** A local day range [fromDay, toDay) with its label. */
export interface DayRange {
  kind: ResolvedPeriod['kind'];
  label: string;
  fromDay: number;
  toDay: number;
}

export function periodRange(period: Period): DayRange {
  switch (period.kind) {
    case 'day': {
      const day = dateToDay(period.date);
      return { kind: 'day', label: period.date, fromDay: day, toDay: day + 1 };
    }
    case 'week': {
      const from = isoWeekToDay(period.week);
      return { kind: 'week', label: period.week, fromDay: from, toDay: from + 7 };
    }
    case 'month': {
      const [y, m] = period.month.split('-').map(Number);
      return {
        kind: 'month',
        label: period.month,
        fromDay: monthStart(y ?? 1970, (m ?? 1) - 1),
        toDay: monthStart(y ?? 1970, m ?? 1),
      };
    }
    case 'quarter': {
      const [y, q] = period.quarter.split('-Q').map(Number);
      const m0 = ((q ?? 1) - 1) * 3;
      return { kind: 'quarter', label: period.quarter, fromDay: monthStart(y ?? 1970, m0), toDay: monthStart(y ?? 1970, m0 + 3) };
    }
    case 'custom': {
      const from = dateToDay(period.from);
      const to = Math.max(from, dateToDay(period.to)) + 1;
      return { kind: 'custom', label: `${period.from}..${dayToDate(to - 1)}`, fromDay: from, toDay: to };
    }
  }
}

/** The period just before `range`: the previous day/week/month/quarter, or a custom range of the same length. */
export function previousRange(range: DayRange): DayRange {
  const length = range.toDay - range.fromDay;
  switch (range.kind) {
    case 'week':
      return { kind: 'week', label: isoWeekLabel(range.fromDay - 7), fromDay: range.fromDay - 7, toDay: range.fromDay };
    case 'month':
    case 'quarter': {
      const d = new Date(range.fromDay * DAY_MS);
      const back = range.kind === 'month' ? 1 : 3;
      const from = monthStart(d.getUTCFullYear(), d.getUTCMonth() - back);
      const label = range.kind === 'month' ? dayToDate(from).slice(0, 7) : quarterLabel(from);
      return { kind: range.kind, label, fromDay: from, toDay: range.fromDay };
    }
    default: {
      const from = range.fromDay - length;
      const label = length === 1 ? dayToDate(from) : `${dayToDate(from)}..${dayToDate(range.fromDay - 1)}`;
      return { kind: range.kind, label, fromDay: from, toDay: range.fromDay };
    }
  }
}

function quarterLabel(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function resolvedPeriod(range: DayRange): ResolvedPeriod {
  return {
    kind: range.kind,
    label: range.label,
    from: dayToDate(range.fromDay),
    to: dayToDate(range.toDay - 1),
    days: range.toDay - range.fromDay,
  };
}

/** Number of Monday–Friday days in [fromDay, toDay): five per whole week, then the remaining days one by one. */
export function workingDays(fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  const weeks = Math.floor((toDay - fromDay) / 7);
  let n = 5 * weeks;
  for (let d = fromDay + 7 * weeks; d < toDay; d++) if (weekday(d) <= 5) n++;
  return n;
}
