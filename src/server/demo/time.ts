// China-local calendar and office-hours helpers for the demo generator. Every demo region is UTC+8 without daylight
// saving, so local days, weekdays and working hours are plain arithmetic on epoch milliseconds.
import { type Random, WeightedPicker } from './random';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const CHINA_UTC_OFFSET_MIN = 480;
const OFFSET_MS = CHINA_UTC_OFFSET_MIN * MINUTE_MS;

/** Office hours, local minutes of the day: 09:00–18:00. */
export const WORK_START_MIN = 9 * 60;
export const WORK_END_MIN = 18 * 60;

/** Local calendar day number (days since 1970-01-01 in China time). */
export function localDay(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS);
}

/** Local minute of the day, 0–1439. */
export function localMinute(t: number): number {
  return Math.floor((t + OFFSET_MS - localDay(t) * DAY_MS) / MINUTE_MS);
}

/** ISO weekday of a local day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: number): boolean {
  return weekdayOf(day) >= 6;
}

/** Epoch ms of a local day + minute. */
export function atLocal(day: number, minute: number): number {
  return day * DAY_MS + minute * MINUTE_MS - OFFSET_MS;
}

export function isWorkTime(t: number): boolean {
  const minute = localMinute(t);
  return !isWeekend(localDay(t)) && minute >= WORK_START_MIN && minute < WORK_END_MIN;
}

/** 'YYYY-MM-DD' of a local day number. */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' of the local date of an instant. */
export function localDate(t: number): string {
  return dayToDate(localDay(t));
}

/** Monday of the ISO week containing `day`. */
export function weekStartDay(day: number): number {
  return day - weekdayOf(day) + 1;
}

/** First day of the month (offset by `months`) containing `day`. */
export function monthStartDay(day: number, months = 0): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / DAY_MS;
}

/** First day of the quarter (offset by `quarters`) containing `day`. */
export function quarterStartDay(day: number, quarters = 0): number {
  const d = new Date(day * DAY_MS);
  const month = d.getUTCMonth();
  return Date.UTC(d.getUTCFullYear(), month - (month % 3) + 3 * quarters, 1) / DAY_MS;
}

// Activity over the working day: a morning and an afternoon peak, a lunch dip (hours 9 … 17).
const WORK_HOURS = new WeightedPicker([9, 10, 11, 12, 13, 14, 15, 16, 17], [1, 3, 3, 1.2, 1.5, 3, 3, 2.5, 1.5]);

/** A local minute of the day inside office hours, shaped like a real working day. */
export function workMinute(rng: Random): number {
  return WORK_HOURS.pick(rng) * 60 + rng.int(0, 59);
}

/**
 * A random instant strictly inside (from, to) that falls in office hours on a weekday (weekend days only with
 * `weekendChance`). Falls back to a uniform instant when the interval has no office hours at all.
 */
export function workTimeIn(rng: Random, from: number, to: number, weekendChance = 0): number {
  if (to - from < 2 * SECOND_MS) return Math.round(from + (to - from) / 2);
  const dayFrom = localDay(from);
  const dayTo = localDay(to);
  for (let attempt = 0; attempt < 16; attempt++) {
    const day = rng.int(dayFrom, dayTo);
    if (isWeekend(day) && !rng.chance(weekendChance)) continue;
    const lo = day === dayFrom ? Math.max(WORK_START_MIN, localMinute(from) + 1) : WORK_START_MIN;
    const hi = day === dayTo ? Math.min(WORK_END_MIN, localMinute(to)) : WORK_END_MIN;
    if (hi - lo < 1) continue;
    const minute = lo === WORK_START_MIN && hi === WORK_END_MIN ? workMinute(rng) : rng.int(lo, hi - 1);
    const t = atLocal(day, minute) + rng.int(0, 59) * SECOND_MS;
    if (t > from && t < to) return t;
  }
  return Math.round(from + rng.range(0.05, 0.95) * (to - from));
}

/** `t` itself when it is in office hours, else the start of the next working morning (09:00–10:30). */
export function nextWorkTime(rng: Random, t: number): number {
  if (isWorkTime(t)) return t;
  let day = localDay(t);
  if (isWeekend(day) || localMinute(t) >= WORK_END_MIN) {
    day++;
    while (isWeekend(day)) day++;
  }
  return atLocal(day, WORK_START_MIN + rng.int(0, 90)) + rng.int(0, 59) * SECOND_MS;
}
